using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Writes the primal statements of a block as instructions, each loop as its <see cref="LoopPlan"/> says. With
/// <c>support</c>, the code also prepares what the block's own backward pass reads (partials of calls, tapes of
/// replayed loops, fused passes); without, it computes values only, as a forward pass that is replayed later does.
/// </summary>
internal sealed class ForwardCode
{
    private readonly SweepContext _method;

    public ForwardCode(SweepContext method) => _method = method;

    /// <summary>
    /// The value of an assignment the method makes only on some path (after an early return, in an if, after a
    /// continue): computed everywhere, as values are immutable, but where evaluating it may throw (an element read,
    /// an int division) only where the path is taken, so the gradient throws only where the method does. Elsewhere
    /// the value is never read: the path's results are chosen on the same condition.
    /// </summary>
    private static Expr OnItsPath(Assign a)
    {
        if (a.Guard is not { } guard || !UnconditionalParts.MayThrow(a.Value)) return a.Value;
        return a.Target.ValueType switch
        {
            ScalarType.Bool => new Binary(BinaryOperator.And, guard, a.Value),
            ScalarType.Int => new Conditional(guard, a.Value, IntLiteral.Zero),
            _ => new Conditional(guard, a.Value, Constant.Zero),
        };
    }

    /// <param name="loaded">Values a replay pass has read from its tape: their statements are not run again.</param>
    /// <param name="partialsFor">Calls that must compute their partials even without support (their partials are taped).</param>
    public List<Instruction> Block(IEnumerable<Statement> statements, bool support, ISet<Symbol>? loaded = null, ISet<Invoke>? partialsFor = null)
    {
        var into = new List<Instruction>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case Assign a when loaded?.Contains(a.Target) != true:
                    into.Add(new Let(a.Target, OnItsPath(a)));
                    break;
                case Invoke call when loaded?.Contains(call.Target) != true:
                    var withPartials = (support && _method.NeedsPartials.Contains(call)) || partialsFor?.Contains(call) == true;
                    var outs = withPartials ? PartialsComputed(call, _method).ToEquatableArray() : EquatableArray<Symbol?>.Empty;
                    if (call.Guard is { } guard)
                    {
                        // Only where its branch is taken: a helper's domain, and a recursion's end, depend on it.
                        into.Add(new Let(call.Target, Constant.Zero));
                        // A helper's gradient span is a pooled buffer, rented with the other arrays; only scalar partials need a declaration.
                        foreach (var o in outs)
                        {
                            if (o is { Kind: not SymbolRole.Array }) into.Add(new Let(o, Constant.Zero));
                        }
                        into.Add(new If(guard, new EquatableArray<Instruction>(new Instruction[] { new CallMethod(call.Target, call.Callee, call.Arguments, outs, Assigns: true) })));
                    }
                    else
                    {
                        into.Add(new CallMethod(call.Target, call.Callee, call.Arguments, outs));
                    }
                    break;
                case SumLoop loop:
                    WriteSumLoop(loop, support, into);
                    break;
                case RecurrenceLoop loop:
                    WriteRecurrence(loop, support, into);
                    break;
                case Check check:
                    into.Add(new ThrowUnless(check.Condition, check.Failure));
                    break;
                case NewArray array:
                    // Allocated once per call (see ReverseSweep); each time the declaration runs it starts from its values.
                    if (array.CopyOf is { } source) into.Add(Copy(source, array.Array, array.Length));
                    else if (array.Elements.Count == 0) into.Add(new ClearArray(array.Array, array.Length, ArrayStorage.OnStack(array.Length)));
                    for (var k = 0; k < array.Elements.Count; k++) into.Add(new StoreElement(array.Array, new IntLiteral(k), array.Elements[k]));
                    break;
            }
        }
        return into;
    }

    /// <summary><c>for (k …) copy[k] = source[k];</c>: the working copy of an array parameter the method writes, or a new version of a filled local array.</summary>
    /// <param name="length">The array's own length (a rented buffer may be longer).</param>
    private For Copy(Symbol source, Symbol copy, Expr length)
    {
        var k = new Symbol(_method.Names.Allocate("k"), SymbolRole.Temporary, ScalarType.Int);
        var store = new StoreElement(copy, k, new ElementRead(source, k));
        return new For(new LoopHeader(k, IntLiteral.Zero, length), false, new EquatableArray<Instruction>(new Instruction[] { store }));
    }

    /// <summary>For each out parameter of the callee's gradient, the symbol that receives it, or null where no derivative reads it.</summary>
    public static IEnumerable<Symbol?> PartialsComputed(Invoke call, SweepContext method) =>
        call.Callee.Outs.Select(k => call.Partials[k] is { Kind: SymbolRole.Array } span || method.Activity.IsActive(call.Arguments[k]) ? call.Partials[k] : null);

    private LoopPlan Plan(Statement loop) => _method.Plans.TryGetValue(loop, out var plan) ? plan : new LoopPlan(LoopMode.Plain);

    private void WriteSumLoop(SumLoop loop, bool support, List<Instruction> into)
    {
        var plan = Plan(loop);
        var fused = support && plan.Mode is LoopMode.Unscaled or LoopMode.Fused;
        var taping = support && plan.Mode == LoopMode.Replay && plan.Tape is not null;
        if (fused) into.AddRange(plan.Before);
        if (taping && !plan.TapeRentedPerCall) into.Add(new RentTape(plan.Tape!, TapeLayout.Length(loop.Header, plan.Taped.Count)));
        foreach (var sum in loop.Sums) into.Add(new Let(sum.Result, sum.Initial));

        var body = Block(loop.Body, support: fused, partialsFor: taping ? plan.TapedCalls : null);
        for (var j = 0; j < loop.Sums.Count; j++)
        {
            var sum = loop.Sums[j];
            if (plan.Terms.TryGetValue(j, out var term))
            {
                body.Add(new Let(term, sum.Term));
                body.Add(new AddTo(sum.Result, term));
            }
            else
            {
                body.Add(new AddTo(sum.Result, sum.Term));
            }
        }
        foreach (var fill in loop.Fills) body.Add(new StoreElement(fill.Array, loop.Header.Index, fill.Value));
        if (taping) WriteTape(loop.Header, plan, body);
        if (fused) body.AddRange(plan.BodyBackward);
        into.Add(OnPath(loop.Guard, new For(loop.Header, false, body.ToEquatableArray())));
    }

    /// <summary>A loop of an if branch runs only on its path; the values it adds to are declared before, so they are seen after.</summary>
    public static Instruction OnPath(Expr? guard, For loop) => guard is null ? loop : new If(guard, new EquatableArray<Instruction>(new Instruction[] { loop }));

    private void WriteRecurrence(RecurrenceLoop loop, bool support, List<Instruction> into)
    {
        var plan = Plan(loop);
        var taping = support && plan.Mode == LoopMode.Replay && plan.Tape is not null;
        var growing = plan.Passes is not null;
        if (taping && !plan.TapeRentedPerCall)
        {
            var length = growing ? new IntLiteral(LoopPlan.FirstPasses * plan.Taped.Count) : TapeLayout.Length(loop.Header, plan.Taped.Count);
            into.Add(new RentTape(plan.Tape!, length));
        }
        foreach (var carried in loop.Carried) into.Add(new Let(carried.Result, carried.Initial));
        if (plan.Passes is { } passes) into.Add(new Let(passes, IntLiteral.Zero));
        var body = loop.Carried.Select(c => (Instruction)new Let(c.In, c.Result)).ToList();
        if (loop.Going is { } going) body.Add(new BreakUnless(going));
        body.AddRange(Block(loop.Body, support: false, partialsFor: taping ? plan.TapedCalls : null));
        if (taping && growing)
            body.Add(new EnsureTape(plan.Tape!, TapeLayout.Slot(loop.Header, plan.Taped.Count, plan.Taped.Count), plan.Scratch!));
        if (taping) WriteTape(loop.Header, plan, body);
        // Each new value reads only the pass's own locals (its Ins), never a Result: storing them in turn is safe.
        foreach (var carried in loop.Carried) body.Add(new Store(carried.Result, carried.Out));
        if (plan.Passes is { } counted) body.Add(new AddTo(counted, IntLiteral.One));
        into.Add(OnPath(loop.Guard, new For(loop.Header, false, body.ToEquatableArray())));
    }

    private static void WriteTape(LoopHeader header, LoopPlan plan, List<Instruction> body)
    {
        for (var k = 0; k < plan.Taped.Count; k++)
            body.Add(new WriteTape(plan.Tape!, TapeLayout.Slot(header, plan.Taped.Count, k), TapeValues.Written(plan.Taped[k])));
    }
}
