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

        var primal = method.Body.OfType<Assignment>()
            .Select(a => a.Value is Loop loop ? a with { Value = DifferentiateLoop(loop, names, cancellationToken) } : a)
            .ToList();
        var result = method.Body.OfType<Return>().Single().Value;
        var wrt = method.Wrt.Select(w => new Symbol(w, NameKind.Parameter)).ToList();
        var valueSymbol = new Symbol(valueName, NameKind.Local);

        var (statements, outputs, formulas) = Core(primal, result, wrt, valueSymbol, names, cancellationToken);
        return new GradientModel(method, valueName, outNames.ToEquatableArray(), statements.ToEquatableArray(),
            outputs.ToEquatableArray(), formulas.ToEquatableArray());
    }

    /// <summary>
    /// A loop's body is a small method of its own: the term as a function of the values the body reads. Its
    /// derivatives with respect to the active ones are summed over the passes by the loop itself.
    /// </summary>
    private static Loop DifferentiateLoop(Loop loop, NameAllocator names, CancellationToken cancellationToken)
    {
        var wrt = loop.Arguments.Where((_, i) => loop.Partials[i] is not null).Cast<Symbol>().ToList();
        var term = new Symbol(names.Allocate("term"), NameKind.Local);
        var (statements, outputs, _) = Core(loop.Body.ToList(), loop.Term, wrt, term, names, cancellationToken);
        var derivatives = new List<Expr>();
        var next = 0;
        for (var i = 0; i < loop.Arguments.Count; i++) derivatives.Add(loop.Partials[i] is null ? Constant.Zero : outputs[next++]);
        return loop.WithDerivatives(statements.ToEquatableArray(), derivatives.ToEquatableArray(), term);
    }

    /// <summary>The reverse sweep over straight-line (guarded) statements, then simplification and sharing.</summary>
    /// <returns>The statements to emit (primal, the value last of them, then temporaries), one derivative per wrt symbol, and the formulas.</returns>
    private static (List<Assignment> Statements, List<Expr> Outputs, List<string> Formulas) Core(
        List<Assignment> primal, Expr result, List<Symbol> wrt, Symbol valueSymbol, NameAllocator names, CancellationToken cancellationToken)
    {
        var active = ActiveSymbols(wrt, primal);

        var contributions = new Dictionary<Symbol, List<Expr>>();
        PassBack(result, Constant.One, active, contributions);

        var temporaries = new List<Assignment>();
        for (var i = primal.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var statement = primal[i];
            if (!contributions.TryGetValue(statement.Target, out var parts)) continue;
            var adjoint = SumOf(parts);
            if (IsZero(adjoint)) continue;
            if (adjoint.Size > 2)
            {
                var name = new Symbol(names.Allocate("d" + statement.Target.Name), NameKind.Temporary);
                temporaries.Add(new Assignment(name, adjoint));
                adjoint = name;
            }
            PassBack(statement.Value, adjoint, active, contributions, statement.Guard);
        }

        var outputs = wrt.Select(p => contributions.TryGetValue(p, out var parts) ? SumOf(parts) : Constant.Zero).ToList();
        AdjointInliner.Inline(temporaries, outputs);
        var formulas = outputs.Select(o => Formula(AdjointInliner.Expand(o, temporaries))).ToList();

        var statements = primal.Append(new Assignment(valueSymbol, result)).ToList();
        CommonSubexpressions.ReusePrimal(temporaries, outputs, statements);
        var firstDerivative = statements.Count;
        statements.AddRange(temporaries);
        CommonSubexpressions.Hoist(statements, firstDerivative, outputs, names);
        CommonSubexpressions.RemoveDeadStores(statements, outputs, valueSymbol);
        return (statements, outputs, formulas);
    }

    /// <summary>The wrt parameters and every local computed from one of them.</summary>
    private static HashSet<Symbol> ActiveSymbols(IEnumerable<Symbol> wrt, IEnumerable<Assignment> primal)
    {
        var active = new HashSet<Symbol>(wrt);
        foreach (var a in primal)
        {
            if (ExprWalker.Symbols(a.Value).Any(active.Contains)) active.Add(a.Target);
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
