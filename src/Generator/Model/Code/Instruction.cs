namespace GradientDescent.Generator.Model;

/// <summary>
/// One instruction of generated code: the imperative IR the differentiator produces and the emitter prints. A
/// gradient is a list of these, primal first, then the backward pass; loops nest. Every expression in it is a small
/// tree over symbols defined by earlier instructions.
/// </summary>
internal abstract record Instruction;

/// <summary><c>T target = value;</c>, a new local. Targets of <see cref="Store"/> and <see cref="AddTo"/> are mutable; all others are read-only.</summary>
internal sealed record Let(Symbol Target, Expr Value) : Instruction;

/// <summary><c>target = value;</c> to a local declared by a <see cref="Let"/> or to an out parameter.</summary>
internal sealed record Store(Symbol Target, Expr Value) : Instruction;

/// <summary><c>target += value;</c></summary>
internal sealed record AddTo(Symbol Target, Expr Value) : Instruction;

/// <summary><c>span[index] += value;</c> into a gradient span.</summary>
internal sealed record AddToElement(Symbol Span, Expr Index, Expr Value) : Instruction;

/// <summary>
/// <c>double target = F(arguments);</c>, or, when <see cref="Outs"/> is not empty,
/// <c>double target = FGradient(arguments, out double o₀, out _, …);</c> with one entry per out parameter of the
/// gradient (null for a discarded one).
/// </summary>
/// <param name="Assigns">The target and outs are declared before (the call runs inside an if): assign them, declare nothing.</param>
internal sealed record CallMethod(Symbol Target, Callee Callee, EquatableArray<Expr> Arguments, EquatableArray<Symbol?> Outs, bool Assigns = false) : Instruction
{
    public bool CallsGradient => Outs.Count > 0;
}

/// <summary><c>if (!condition) break;</c> as the first thing a pass of a loop with a data-decided number of passes does.</summary>
internal sealed record BreakUnless(Expr Condition) : Instruction;

/// <summary>
/// Makes a tape hold at least <see cref="Length"/> doubles (a loop whose number of passes is known only as it runs):
/// a larger one is rented, the kept values copied, and the old one returned.
/// </summary>
internal sealed record EnsureTape(Symbol Tape, Expr Length, Symbol Scratch) : Instruction;

/// <summary><c>if (condition) { body }</c>: a loop written inside a branch runs only on its path.</summary>
internal sealed record If(Expr Condition, EquatableArray<Instruction> Body) : Instruction;

/// <summary>A counted loop over <c>[start, end)</c>, upwards or (<see cref="Backward"/>) downwards.</summary>
internal sealed record For(LoopHeader Header, bool Backward, EquatableArray<Instruction> Body) : Instruction;

/// <summary><c>double[] tape = ArrayPool&lt;double&gt;.Shared.Rent(Math.Max(length, 0));</c>, returned by <see cref="ReleaseTape"/>.</summary>
internal sealed record RentTape(Symbol Tape, Expr Length) : Instruction;

/// <summary><c>ArrayPool&lt;double&gt;.Shared.Return(tape);</c></summary>
internal sealed record ReleaseTape(Symbol Tape) : Instruction;

/// <summary><c>tape[slot] = value;</c></summary>
internal sealed record WriteTape(Symbol Tape, Expr Slot, Expr Value) : Instruction;

/// <summary>
/// A local array of <see cref="Length"/> doubles for the whole call: <c>Span&lt;double&gt; a = stackalloc double[k];</c>
/// when <see cref="OnStack"/> (a small constant length), otherwise rented from the pool and returned by a
/// <see cref="ReleaseTape"/>. Its contents are unspecified until a <see cref="ClearArray"/>.
/// </summary>
internal sealed record AllocateArray(Symbol Array, Expr Length, bool OnStack) : Instruction;

/// <summary>Sets the first <see cref="Length"/> elements of a local array to zero.</summary>
internal sealed record ClearArray(Symbol Array, Expr Length, bool OnStack) : Instruction;

/// <summary><c>array[index] = value;</c> into a local array.</summary>
internal sealed record StoreElement(Symbol Array, Expr Index, Expr Value) : Instruction;

/// <summary><c>if (!condition) throw new T(arguments);</c></summary>
internal sealed record ThrowUnless(Expr Condition, ThrowSite Failure) : Instruction;

/// <summary>
/// A counted loop emitted with SIMD: where the hardware has vectors, <see cref="Before"/> (broadcasts, zeroed
/// lane sums), then <see cref="Body"/> once per <c>Vector&lt;Element&gt;.Count</c> passes, then <see cref="After"/>
/// (the lane sums added to their scalars); then <see cref="Scalar"/>'s body, upwards, for the passes left.
/// Valid only where the passes are independent but for sums, so their order does not matter.
/// </summary>
/// <param name="Element">The lanes' element type, whose vector width sets how many passes one vector pass does.</param>
internal sealed record VectorFor(For Scalar, ScalarType Element, EquatableArray<Instruction> Before, EquatableArray<Instruction> Body, EquatableArray<Instruction> After) : Instruction;

/// <summary><c>Vector&lt;T&gt; target = new(array, index)</c>: the elements from index on, one per lane.</summary>
/// <param name="FromSpan">The array is a span (loaded through <c>Slice</c>), not a T[].</param>
internal sealed record LoadLanes(Symbol Target, Symbol Array, Expr Index, bool FromSpan) : Instruction;

/// <summary><c>Vector&lt;T&gt; target = new(value)</c>: one scalar in every lane (zero for a lane sum).</summary>
internal sealed record Broadcast(Symbol Target, Expr Value) : Instruction;

/// <summary>Adds <see cref="Value"/>'s lanes to the elements of a span from <see cref="Index"/> on.</summary>
/// <param name="ToSpan">The target is a span, not a T[].</param>
internal sealed record AddLanesToElements(Symbol Span, Expr Index, Expr Value, bool ToSpan) : Instruction;

/// <summary>Stores <see cref="Value"/>'s lanes into the elements of an array from <see cref="Index"/> on.</summary>
/// <param name="ToSpan">The target is a span, not a T[].</param>
internal sealed record StoreLanes(Symbol Array, Expr Index, Expr Value, bool ToSpan) : Instruction;

/// <summary><c>target += Vector.Sum(lanes)</c>: a sum the vector loop kept in lanes, folded into its scalar.</summary>
internal sealed record AddLaneSum(Symbol Target, Symbol Lanes) : Instruction;

/// <summary>
/// A counted loop from 0 whose reads and writes at a fixed offset plus the index (<c>W[k * n + i]</c>) go through
/// spans over the rows they touch, declared before it, and whose bound is their length: the JIT then checks each
/// row once instead of every element. <see cref="Plain"/> is the same loop without views (what the evaluator runs);
/// <see cref="Viewed"/> is what is printed.
/// </summary>
internal sealed record ViewedFor(For Plain, EquatableArray<RowView> Views, For Viewed) : Instruction;

/// <summary>
/// <c>ReadOnlySpan&lt;T&gt; view = length &gt; 0 ? array.Slice(start, length) : default;</c> (a <c>Span</c> when
/// <see cref="Writable"/>): the elements one loop reads or writes, so no start beyond the array is sliced when the
/// loop makes no pass.
/// </summary>
internal sealed record RowView(Symbol View, Symbol Array, Expr Start, Expr Length, bool Writable);
