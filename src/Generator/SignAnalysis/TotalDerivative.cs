using System.Collections.Generic;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// d cost / d p = Σ ∂cost/∂argᵢ · d argᵢ / d p, the arguments as the caller computed them: once with the cost's
/// partials evaluated by its generated gradient (to judge), once with their formulas (to show; null when too long).
/// </summary>
internal static class TotalDerivative
{
    public static (Expr Derivative, Expr? Display) Of(Trace trace, CostEvaluation evaluation, Symbol p)
    {
        Expr total = Constant.Zero;
        Expr? display = Constant.Zero;
        var memo = new Dictionary<Symbol, Expr>();
        for (var i = 0; i < evaluation.Arguments.Count; i++)
        {
            var inner = trace.Tangent(evaluation.Arguments[i], p, memo);
            if (Ex.IsZero(inner)) continue;
            var partial = evaluation.Cost.PartialAt(i, evaluation.Arguments);
            if (Ex.IsZero(partial)) continue;
            total = Ex.Add(total, Ex.Mul(partial, inner));
            display = evaluation.Cost.DisplayAt(i, evaluation.Arguments) is { } shown && display is not null ? Ex.Add(display, Ex.Mul(shown, inner)) : null;
        }
        return (Simplifier.Simplify(total), display is null ? null : Simplifier.Simplify(display));
    }
}
