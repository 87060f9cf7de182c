using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of a parsed method into imperative code: the primal (with what its backward pass
/// needs kept at hand), then the backward pass, each block swept once by a <see cref="BlockSweep"/>. Every step is
/// linear in the size of the method: each statement is visited a bounded number of times and every expression built
/// is a small tree over named values.
/// </summary>
internal static class ReverseSweep
{
    public static AdjointModel Differentiate(MethodModel method, CancellationToken cancellationToken)
    {
        FaultInjection.ThrowIfRequested(method.Name);
        var names = new NameAllocator(method.ReservedNames);
        var body = CallNaming.Apply(method.Body, new Activity(method), names);
        var normalized = method with { Body = body };
        var activity = new Activity(normalized);

        var value = new Symbol(names.Allocate("value"), SymbolRole.Local);
        var outputs = method.Wrt.Select(w => new Symbol(names.Allocate("d" + method.Parameters[w].Name), SymbolRole.Output)).ToList();
        var spans = new Dictionary<Symbol, Symbol>();
        var scalars = new Dictionary<Symbol, Symbol>();
        for (var k = 0; k < outputs.Count; k++)
        {
            var parameter = method.WrtParameter(k);
            (parameter.IsVector ? spans : scalars)[parameter.Symbol] = outputs[k];
        }

        var context = new SweepContext(names, activity, spans, cancellationToken);
        var fillCounts = new Dictionary<Symbol, int>();
        CountFills(body, fillCounts);
        foreach (var pair in fillCounts.Where(p => p.Value == 1)) context.FilledOnce.Add(pair.Key);
        var statements = body.Where(s => s is not Return).ToList();
        statements.Add(new Assign(value, body.OfType<Return>().Single().Value));
        foreach (var statement in statements)
        {
            foreach (var symbol in BlockSweep.Defines(statement)) context.TopLevel.Add(symbol);
        }

        var sweep = new BlockSweep(context, statements, leaf => scalars.TryGetValue(leaf, out var output)
            ? (output, FirstWrite.Assign)
            : throw new System.InvalidOperationException($"'{leaf.Name}' receives an adjoint at the top level but is not differentiated with respect to"),
            scalars.Keys.Cast<Expr>().ToList()) { IsTopLevel = true };
        sweep.Seed(value, Constant.One);
        sweep.Run();

        var code = new List<Instruction>();
        var arrays = new List<Symbol>();
        // A helper's gradient span for an array argument: one pooled buffer per call site for the whole call, as long as the
        // array sliced (a slice's own length may change from pass to pass).
        var lengths = body.SelectMany(ArraysWithin).ToDictionary(a => a.Array, a => a.Length);
        foreach (var (buffer, slice) in SpanPartials(body))
        {
            code.Add(new AllocateArray(buffer, lengths.TryGetValue(slice.Array, out var length) ? length : new Length(slice.Array), OnStack: false));
            arrays.Add(buffer);
        }
        var writer = new ForwardCode(context);
        foreach (var statement in statements)
        {
            // A tape whose size is fixed per call is rented once, where the values its size reads are known.
            foreach (var rent in TapesWithin(statement, context)) code.Add(rent);
            // Local arrays and their adjoint buffers too: once per call, however often their declaration runs.
            foreach (var array in ArraysWithin(statement)) Allocate(array, context, code, arrays);
            code.AddRange(writer.Block(new[] { statement }, support: true));
        }
        code.AddRange(sweep.Backward);
        foreach (var output in scalars.Values)
        {
            if (!sweep.Wrote(output)) code.Add(new Store(output, Constant.Zero));
        }
        // Returned on the way out; after an exception the pool simply hands out a new array next time.
        foreach (var rent in context.TapesPerCall.Values) code.Add(new ReleaseTape(rent.Tape));
        foreach (var array in arrays) code.Add(new ReleaseTape(array));
        return new AdjointModel(method, value, outputs.ToEquatableArray(), code.ToEquatableArray(),
            context.TapesPerCall.Values.Select(t => t.Tape).Concat(arrays).ToEquatableArray());
    }

    /// <summary>The array, and its adjoint buffer (zeroed once: each fill's backward pass leaves what it read at zero).</summary>
    private static void Allocate(NewArray array, SweepContext context, List<Instruction> code, List<Symbol> pooled)
    {
        var onStack = ArrayStorage.OnStack(array.Length);
        code.Add(new AllocateArray(array.Array, array.Length, onStack));
        if (!onStack) pooled.Add(array.Array);
        if (!context.ArrayAdjoints.TryGetValue(array.Array, out var adjoint)) return;
        code.Add(new AllocateArray(adjoint, array.Length, onStack));
        code.Add(new ClearArray(adjoint, array.Length, onStack));
        if (!onStack) pooled.Add(adjoint);
    }

    private static IEnumerable<(Symbol Buffer, ArraySlice Slice)> SpanPartials(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case Invoke call:
                    for (var k = 0; k < call.Partials.Count; k++)
                    {
                        if (call.Partials[k] is { Kind: SymbolRole.Array } buffer) yield return (buffer, ArraySlice.Of(call.Arguments[k]));
                    }
                    break;
                case SumLoop l:
                    foreach (var inner in SpanPartials(l.Body)) yield return inner;
                    break;
                case RecurrenceLoop r:
                    foreach (var inner in SpanPartials(r.Body)) yield return inner;
                    break;
            }
        }
    }

    private static IEnumerable<NewArray> ArraysWithin(Statement statement)
    {
        switch (statement)
        {
            case NewArray n:
                yield return n;
                break;
            case SumLoop l:
                foreach (var inner in l.Body.SelectMany(ArraysWithin)) yield return inner;
                break;
            case RecurrenceLoop r:
                foreach (var inner in r.Body.SelectMany(ArraysWithin)) yield return inner;
                break;
        }
    }

    private static void CountFills(IEnumerable<Statement> statements, Dictionary<Symbol, int> counts)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                // A copy starts full, and what its fill does not take out of the buffer goes to the parameter.
                case NewArray n when n.Elements.Count > 0 || n.CopyOf is not null:
                    counts[n.Array] = counts.TryGetValue(n.Array, out var c) ? c + 1 : 1;
                    break;
                case SumLoop l:
                    foreach (var fill in l.Fills) counts[fill.Array] = counts.TryGetValue(fill.Array, out var f) ? f + 1 : 1;
                    CountFills(l.Body, counts);
                    break;
                case RecurrenceLoop r:
                    CountFills(r.Body, counts);
                    break;
            }
        }
    }

    private static IEnumerable<RentTape> TapesWithin(Statement statement, SweepContext context)
    {
        if (context.TapesPerCall.TryGetValue(statement, out var rent)) yield return rent;
        var body = statement switch
        {
            SumLoop l => l.Body,
            RecurrenceLoop r => r.Body,
            _ => EquatableArray<Statement>.Empty,
        };
        foreach (var inner in body)
        {
            foreach (var nested in TapesWithin(inner, context)) yield return nested;
        }
    }
}
