namespace GradientDescent.Generator.Model;

/// <summary>
/// A statement of a parsed differentiable body. Bodies are in SSA form: every statement defines fresh symbols, so
/// a backward pass can read any earlier value without a tape. Branches are flattened: statements inside an
/// <c>if</c> carry the path condition as a guard, and the values the branches leave meet in conditionals. Loops
/// are statements with bodies of their own (SSA local to one pass).
/// </summary>
internal abstract record Statement;

/// <summary>
/// <c>double target = value;</c> (or an int local). A statement inside an <c>if</c> branch carries the branch's
/// path condition as <paramref name="Guard"/>: it is computed unconditionally (values are immutable, so that is
/// safe), but its contributions to the derivative count only where the guard holds.
/// </summary>
internal sealed record Assign(Symbol Target, Expr Value, Expr? Guard = null) : Statement;

/// <summary>
/// <c>double target = F(arguments);</c> for a differentiable callee. <paramref name="Partials"/> holds, for each
/// argument, the symbol that receives ∂F/∂argument when the backward pass needs it (null where the callee's
/// gradient has none).
/// </summary>
internal sealed record Invoke(Symbol Target, Callee Callee, EquatableArray<Expr> Arguments, EquatableArray<Symbol?> Partials, Expr? Guard = null) : Statement;

/// <summary><c>for (int index = start; index &lt; end; index++)</c>.</summary>
internal sealed record LoopHeader(Symbol Index, Expr Start, Expr End)
{
    /// <summary>
    /// The array the loop's index stays inside in every pass (<c>i</c> from a literal ≥ 0 while <c>i &lt; xs.Length</c>),
    /// so reading its element at the index cannot throw; otherwise null.
    /// </summary>
    public Symbol? IndexedInRange => End is Length { Array: var array } && Start is IntLiteral { Value: >= 0 } ? array : null;
}

/// <summary>
/// A loop whose passes are independent but for the sums they add to and the array elements they fill: each
/// <see cref="Accumulation"/> is <c>result = initial + Σ term</c> over the passes, added in pass order; each
/// <see cref="ElementFill"/> sets <c>array[index] = value</c> in the pass of that index.
/// </summary>
/// <param name="Guard">The path condition of a loop inside an if branch: it runs only where that holds.</param>
/// <param name="ReadsEarlierPasses">
/// A pass reads an element an earlier pass filled (<c>p[i] += p[i - 1]</c>): passes are independent but for that,
/// and the backward pass runs them last to first so each element's adjoint is complete when its pass takes it.
/// </param>
internal sealed record SumLoop(LoopHeader Header, EquatableArray<Statement> Body, EquatableArray<Accumulation> Sums,
    EquatableArray<ElementFill> Fills = default, Expr? Guard = null, bool ReadsEarlierPasses = false) : Statement;

/// <param name="Term">An expression of the body's symbols (and values from before the loop).</param>
internal sealed record Accumulation(Symbol Result, Expr Initial, Expr Term);

/// <summary>
/// <c>array[index] = value</c> in each pass of a loop (the pass's own element, <c>h[j] = Math.Tanh(z)</c>). The
/// array is filled once per scope, so its element reads after the loop all see these values.
/// </summary>
internal sealed record ElementFill(Symbol Array, Expr Value);

/// <summary>
/// <c>double[] array = new double[length];</c> (all zeros), or with <see cref="Elements"/> an initialiser
/// <c>{ e₀, e₁, … }</c> of that length, or with <see cref="CopyOf"/> a copy of an array parameter the method writes
/// (the method's writes go to the copy). Generated code allocates the array once per call, from the pool or the stack.
/// </summary>
internal sealed record NewArray(Symbol Array, Expr Length, EquatableArray<Expr> Elements, Symbol? CopyOf = null) : Statement;

/// <summary>
/// A loop whose passes each take the values some variables had after the previous pass and make new ones
/// (<c>p *= 1 + w * xs[i]</c>; a position and a velocity; the best value and its index).
/// </summary>
/// <param name="Guard">The path condition of a loop inside an if branch: it runs only where that holds.</param>
/// <param name="Going">
/// For a loop whose number of passes the data decides (<c>while (…)</c>, <c>do … while (…)</c>, a <c>break</c>): the
/// <see cref="Carried.In"/> of a bool carried value that says whether the next pass runs; the loop stops at the first
/// pass it is false. The header's end is then only a bound.
/// </param>
internal sealed record RecurrenceLoop(LoopHeader Header, EquatableArray<Statement> Body, EquatableArray<Carried> Carried, Expr? Guard = null,
    Symbol? Going = null) : Statement;

/// <summary>
/// One variable a <see cref="RecurrenceLoop"/> carries: <paramref name="Result"/> starts at <paramref name="Initial"/>;
/// each pass reads it as <paramref name="In"/> and leaves <paramref name="Out"/>.
/// </summary>
internal sealed record Carried(Symbol In, Expr Out, Symbol Result, Expr Initial);

/// <summary>
/// A guard: <c>if (!condition) throw failure;</c>, from <c>c ? v : throw …</c>, a switch's throwing discard arm or
/// <c>if (…) throw …;</c>. The gradient throws what the method throws, where it throws it; the throwing path needs no derivative.
/// </summary>
internal sealed record Check(Expr Condition, ThrowSite Failure) : Statement;

/// <summary><c>new ExceptionType(arguments)</c>, every argument a constant (a message, <c>nameof(x)</c>).</summary>
/// <param name="ExceptionType">The fully qualified type name, <c>global::</c> included.</param>
/// <param name="Arguments">Each a string, a number, a bool, a char or null.</param>
internal sealed record ThrowSite(string ExceptionType, EquatableArray<ThrowArgument> Arguments);

/// <param name="Value">A string, double, int, long, bool or char, or null.</param>
internal sealed record ThrowArgument(object? Value)
{
    // A double by its bits: -0.0 and 0.0 are Equal as numbers but are different arguments.
    public bool Equals(ThrowArgument? other) =>
        other is not null && (Value is double a && other.Value is double b
            ? System.BitConverter.DoubleToInt64Bits(a) == System.BitConverter.DoubleToInt64Bits(b)
            : Equals(Value, other.Value));

    public override int GetHashCode() => Value is double d ? System.BitConverter.DoubleToInt64Bits(d).GetHashCode() : Value?.GetHashCode() ?? 0;
}

/// <summary><c>return value;</c>, the last statement of a method body.</summary>
internal sealed record Return(Expr Value) : Statement;
