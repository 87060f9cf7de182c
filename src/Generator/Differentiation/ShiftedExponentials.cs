using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// A value from before a sum loop that each pass reads only as a shift of an exponential, S = Σₖ exp(uₖ + α·m):
/// then ∂S/∂m = α·S, one product after the loop instead of a sum of α·exp per pass. It is what makes the shift
/// of a log-sum-exp (log Σ exp(zₖ − max) + max) cancel exactly, so its max recurrence needs no backward pass.
/// </summary>
internal static class ShiftedExponentials
{
    /// <summary>The shifts of the sum's terms, each with its constant α; empty when the pattern is not there.</summary>
    public static List<(Symbol Shift, Expr Alpha)> Of(SumLoop loop, Accumulation sum, Activity activity)
    {
        var found = new List<(Symbol, Expr)>();
        if (loop.Guard is not null || loop.Fills.Count > 0 || loop.Body.Any(s => s is not Assign)) return found;
        if (sum.Term is not Symbol term) return found;
        var definition = loop.Body.OfType<Assign>().FirstOrDefault(a => a.Target.Equals(term));
        if (definition is not { Guard: null, Value: Call { Function: MathFunction.Exp } exp }) return found;
        // The exponential must reach the result only through this sum, or the other paths would be dropped.
        if (loop.Body.Any(s => s != definition && StatementReads.Of(s).Contains(term))) return found;
        if (loop.Sums.Any(other => other != sum && StatementReads.Reads(other.Term, term))) return found;

        var defined = new HashSet<Symbol>(loop.Body.OfType<Assign>().Select(a => a.Target)) { loop.Header.Index };
        var argument = exp.Arguments[0];
        foreach (var shift in activity.Leaves(argument).OfType<Symbol>().Distinct())
        {
            if (defined.Contains(shift)) continue;
            if (loop.Body.Any(s => s != definition && StatementReads.Of(s).Contains(shift))) continue;
            if (loop.Sums.Any(other => StatementReads.Reads(other.Term, shift) || StatementReads.Reads(other.Initial, shift))) continue;
            // A constant ∂u/∂m: the argument is linear in m, so ∂exp/∂m = α·exp.
            var alpha = Simplifier.Simplify(SymbolicDerivative.Of(argument, shift));
            if (alpha is Constant) found.Add((shift, alpha));
        }
        return found;
    }
}
