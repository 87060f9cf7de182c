using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using static GradientDescent.Generator.Differentiation.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of an SSA body. Walking the statements backwards, each local's adjoint
/// (∂result/∂local) is the sum of what its readers pass back; each statement passes its adjoint times the symbolic
/// partial of its right-hand side to the symbols that side reads. Only symbols that depend on a wrt parameter
/// (the active ones) take part. The adjoints are then simplified, inlined where read once, and shared where repeated.
/// </summary>
internal static class ReverseSweep
{
    private const int MaxFormulaSize = 60;

    public static GradientModel Differentiate(MethodModel method, CancellationToken cancellationToken)
    {
        var names = new NameAllocator(method.ReservedNames);
        var valueName = names.Allocate("value");
        var outNames = method.Wrt.Select(w => names.Allocate("d" + w)).ToList();

        var wrtNames = method.Wrt.Select((w, i) => (w, i)).ToList();
        var vectors = wrtNames.Where(x => method.IsVector(x.w))
            .ToDictionary(x => ExpressionFormatter.Identifier(x.w), x => ExpressionFormatter.Identifier(outNames[x.i]));
        var primal = method.Body.OfType<Assignment>()
            .Select(a => a.Value switch
            {
                Loop loop => a with { Value = DifferentiateLoop(loop, vectors, names, cancellationToken) },
                Recurrence recurrence => a with { Value = DifferentiateRecurrence(recurrence, names, cancellationToken) },
                _ => a,
            })
            .ToList();
        var result = method.Body.OfType<Return>().Single().Value;
        var scalars = method.Wrt.Where(w => !method.IsVector(w)).Select(w => new Symbol(w, NameKind.Parameter)).ToList();
        var elements = primal.Where(a => a.Value is not Loop).Select(a => a.Value).Append(result)
            .SelectMany(ExprWalker.Symbols).Where(s => s.Kind == NameKind.Element).Distinct().ToList();
        var valueSymbol = new Symbol(valueName, NameKind.Local);

        var (statements, outputs, formulas, loops) = Core(primal, result, scalars.Concat(elements).ToList(), valueSymbol, names, cancellationToken);

        var derivatives = new List<Expr>();
        var shownFormulas = new List<string>();
        foreach (var w in method.Wrt)
        {
            var index = scalars.FindIndex(s => s.Name == w);
            derivatives.Add(index >= 0 ? outputs[index] : Constant.Zero);
            shownFormulas.Add(index >= 0 ? formulas[index] : "");
        }
        var elementGradients = elements.Select((e, i) => ToSpan(e, outputs[scalars.Count + i], vectors)).ToList();
        var vectorLoops = loops.Select(l => new VectorLoop(l.Loop, l.Seed)).ToList();
        return new GradientModel(method, valueName, outNames.ToEquatableArray(), statements.ToEquatableArray(),
            derivatives.ToEquatableArray(), shownFormulas.ToEquatableArray(), elementGradients.ToEquatableArray(), vectorLoops.ToEquatableArray());
    }


    /// <summary><c>w[i]</c> with derivative <c>v</c> becomes <c>dw[i] += v</c>.</summary>
    private static ElementGradient ToSpan(Symbol element, Expr value, Dictionary<string, string> spans)
    {
        var bracket = element.Name.IndexOf('[');
        var array = element.Name.Substring(0, bracket);
        var index = element.Name.Substring(bracket + 1, element.Name.Length - bracket - 2);
        return new ElementGradient(spans[array], index, value);
    }

    /// <summary>
    /// A loop's body is a small method of its own: the term as a function of the values the body reads. Its
    /// derivatives with respect to the active ones are summed over the passes by the loop itself.
    /// </summary>
    private static Loop DifferentiateLoop(Loop loop, Dictionary<string, string> vectors, NameAllocator names, CancellationToken cancellationToken)
    {
        bool Differentiated(int i) => loop.Partials[i] is not null || loop.Arguments[i] is Symbol { Kind: NameKind.Element };
        var wrt = loop.Arguments.Where((_, i) => Differentiated(i)).Cast<Symbol>().ToList();
        var term = new Symbol(names.Allocate("term"), NameKind.Local);
        var body = loop.Body.Select(a => a.Value is Loop inner ? a with { Value = DifferentiateLoop(inner, vectors, names, cancellationToken) } : a).ToList();
        var (statements, outputs, _, inner) = Core(body, loop.Term, wrt, term, names, cancellationToken);
        var derivatives = new List<Expr>();
        var next = 0;
        for (var i = 0; i < loop.Arguments.Count; i++) derivatives.Add(Differentiated(i) ? outputs[next++] : Constant.Zero);
        // Elements read only inside an inner loop get nothing from this pass directly (their index is the inner one's).
        var elements = loop.Arguments.Select((a, i) => (a, d: derivatives[i]))
            .Where(x => x.a is Symbol { Kind: NameKind.Element } && !IsZero(x.d))
            .Select(x => ToSpan((Symbol)x.a, x.d, vectors)).ToEquatableArray();
        var innerLoops = inner.Select(l => new VectorLoop(l.Loop, l.Seed)).ToEquatableArray();
        return loop.WithDerivatives(statements.ToEquatableArray(), derivatives.ToEquatableArray(), term, elements, innerLoops);
    }

    /// <summary>
    /// One pass of a recurrence, differentiated as a function of the value it starts from and the values it reads:
    /// the backward loop multiplies these per-pass derivatives along the passes.
    /// </summary>
    private static Recurrence DifferentiateRecurrence(Recurrence recurrence, NameAllocator names, CancellationToken cancellationToken)
    {
        bool Differentiated(int i) => i > 0 && recurrence.Partials[i] is not null;
        var wrt = recurrence.Arguments.Where((_, i) => Differentiated(i)).Cast<Symbol>().Prepend(recurrence.CarriedIn).ToList();
        var next = new Symbol(names.Allocate(recurrence.CarriedIn.Name.Replace("_in", "") + "_out"), NameKind.Local);
        var (statements, outputs, _, _) = Core(recurrence.Body.ToList(), recurrence.CarriedOut, wrt, next, names, cancellationToken);
        var derivatives = new List<Expr>();
        var k = 1;
        for (var i = 0; i < recurrence.Arguments.Count; i++) derivatives.Add(Differentiated(i) ? outputs[k++] : Constant.Zero);
        return recurrence.WithDerivatives(statements.ToEquatableArray(), derivatives.ToEquatableArray(), outputs[0], names.Allocate("adjoint"));
    }

    /// <summary>The reverse sweep over straight-line (guarded) statements, then simplification and sharing.</summary>
    /// <returns>The statements to emit (primal, the value last of them, then temporaries), one derivative per wrt symbol, and the formulas.</returns>
    private static (List<Assignment> Statements, List<Expr> Outputs, List<string> Formulas, List<(Loop Loop, Expr Seed)> VectorLoops) Core(
        List<Assignment> primal, Expr result, List<Symbol> wrt, Symbol valueSymbol, NameAllocator names, CancellationToken cancellationToken)
    {
        var active = ActiveSymbols(wrt, primal);

        var contributions = new Dictionary<Symbol, List<Expr>>();
        PassBack(result, Constant.One, active, contributions);

        var temporaries = new List<Assignment>();
        var vectorLoops = new List<(Loop Loop, Expr Seed)>();
        for (var i = primal.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var statement = primal[i];
            if (!contributions.TryGetValue(statement.Target, out var parts)) continue;
            var adjoint = SumOf(parts);
            if (IsZero(adjoint)) continue;
            if (statement.Value is Loop { FeedsVectors: true } loop)
                vectorLoops.Add((loop, adjoint));
            if (adjoint.Size > 2)
            {
                var name = new Symbol(names.Allocate("d" + statement.Target.Name), NameKind.Temporary);
                temporaries.Add(new Assignment(name, adjoint));
                adjoint = name;
            }
            PassBack(statement.Value, adjoint, active, contributions, statement.Guard);
        }

        // The seeds of vector loops ride along as extra outputs, so inlining and sharing keep them consistent.
        var outputs = wrt.Select(p => contributions.TryGetValue(p, out var parts) ? SumOf(parts) : Constant.Zero)
            .Concat(vectorLoops.Select(l => l.Seed)).ToList();
        AdjointInliner.Inline(temporaries, outputs);
        var formulas = outputs.Take(wrt.Count).Select(o => Formula(AdjointInliner.Expand(o, temporaries))).ToList();

        var statements = primal.Append(new Assignment(valueSymbol, result)).ToList();
        CommonSubexpressions.ReusePrimal(temporaries, outputs, statements);
        var firstDerivative = statements.Count;
        statements.AddRange(temporaries);
        CommonSubexpressions.Hoist(statements, firstDerivative, outputs, names);
        CommonSubexpressions.RemoveDeadStores(statements, outputs, valueSymbol);
        var seeds = outputs.Skip(wrt.Count).Select((seed, i) => (vectorLoops[i].Loop, seed)).ToList();
        return (statements, outputs.Take(wrt.Count).ToList(), formulas, seeds);
    }

    /// <summary>The wrt parameters and every local computed from one of them.</summary>
    private static HashSet<Symbol> ActiveSymbols(IEnumerable<Symbol> wrt, IEnumerable<Assignment> primal)
    {
        var active = new HashSet<Symbol>(wrt);
        foreach (var a in primal)
        {
            // Elements of a differentiated vector are active wherever they are read, loop bodies included.
            if (ExprWalker.Symbols(a.Value).Any(s => active.Contains(s) || s.Kind == NameKind.Element)) active.Add(a.Target);
        }
        return active;
    }

    /// <param name="guard">The path condition of the statement: what it passes back counts only where that holds
    /// (a conditional evaluates one branch, so a NaN or infinite partial on the path not taken never meets a zero).</param>
    private static void PassBack(Expr value, Expr adjoint, HashSet<Symbol> active, Dictionary<Symbol, List<Expr>> contributions, Expr? guard = null)
    {
        foreach (var symbol in ExprWalker.Symbols(value).Where(active.Contains))
        {
            var partial = Simplifier.Simplify(SymbolicDerivative.Of(value, symbol));
            if (IsZero(partial)) continue;
            if (!contributions.TryGetValue(symbol, out var list)) contributions[symbol] = list = new List<Expr>();
            list.Add(guard is null ? Mul(adjoint, partial) : Ex.Conditional(guard, Mul(adjoint, partial), Constant.Zero));
        }
    }

    private static Expr SumOf(List<Expr> parts) => Simplifier.Simplify(parts.Aggregate(Constant.Zero as Expr, Add));

    private static string Formula(Expr derivative) =>
        derivative.Size <= MaxFormulaSize ? ExpressionFormatter.Math.Format(derivative) : "";
}
