using System.Collections.Generic;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// A call of a cost (or of its gradient) seen before the update, with its arguments as IR; or, after a loop that
/// summed a multiple of a cost's gradient into an accumulator, that summed gradient (<see cref="Summed"/>).
/// </summary>
internal sealed class CostEvaluation
{
    public CostEvaluation(CostDerivatives cost, IReadOnlyList<Expr> arguments)
    {
        Cost = cost;
        Arguments = arguments;
    }

    public CostDerivatives Cost { get; }

    public IReadOnlyList<Expr> Arguments { get; }

    /// <summary>For a loop's summed gradient: the weight, and the atom standing for Σ ∂cost/∂weight over the passes.</summary>
    public SummedGradient? Summed { get; init; }
}

/// <summary>
/// Σ over a loop's passes of ∂cost/∂weight, the cost evaluated once per pass (per sample) at the same weight, which
/// held <paramref name="WeightValue"/> throughout the loop.
/// </summary>
internal sealed record SummedGradient(ISymbol Weight, Expr WeightValue, Symbol Sum);
