using System.Collections.Generic;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>A call of a cost (or of its gradient) seen before the update, with its arguments as IR.</summary>
internal sealed class CostEvaluation
{
    public CostEvaluation(CostDerivatives cost, IReadOnlyList<Expr> arguments)
    {
        Cost = cost;
        Arguments = arguments;
    }

    public CostDerivatives Cost { get; }

    public IReadOnlyList<Expr> Arguments { get; }
}
