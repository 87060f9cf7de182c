using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// The value an update moves, and how a cost evaluation's derivative with respect to it is found: for a scalar p,
/// the total derivative through the locals the cost's arguments were computed from; for an element w[j], the
/// cost's partial at element j of the array argument that is w.
/// </summary>
internal sealed class UpdateTarget
{
    private readonly System.Func<CostEvaluation, (Expr Derivative, Expr? Display)> _derivativeOf;

    private UpdateTarget(string name, ISymbol variable, System.Func<CostEvaluation, (Expr, Expr?)> derivativeOf, Expr? index = null)
    {
        _index = index;
        Name = name;
        Variable = variable;
        _derivativeOf = derivativeOf;
    }

    /// <summary>The variable moved (for an element, the array).</summary>
    public ISymbol Variable { get; }

    private readonly Expr? _index;

    /// <summary>
    /// The step with the element's index written as one placeholder, so <c>w[j] -= t·dw[j]</c> and a later
    /// <c>w[k] += t·dw[k]</c> over the same range compare equal.
    /// </summary>
    public Expr Normalise(Expr step) =>
        _index is Symbol index ? ExprWalker.Rewrite(step, x => x.Equals(index) ? IndexPlaceholder : null) : step;

    private static readonly Symbol IndexPlaceholder = new("#index", SymbolRole.Parameter);

    /// <summary>As the message shows it: <c>w</c>, or <c>w[j]</c>.</summary>
    public string Name { get; }

    /// <summary>d cost / d target at the evaluation (zero where the cost does not depend on it), and a formula to show, if short.</summary>
    public (Expr Derivative, Expr? Display) DerivativeOf(CostEvaluation evaluation) => _derivativeOf(evaluation);

    /// <param name="p">The value the variable holds at the update.</param>
    public static UpdateTarget Scalar(Trace trace, ISymbol variable, Symbol p) => new(variable.Name, variable, evaluation =>
        evaluation.Summed is { } summed
            ? (SymbolEqualityComparer.Default.Equals(summed.Weight, variable) && trace.Read(variable).Equals(summed.WeightValue) ? summed.Sum : Constant.Zero, summed.Sum)
            : TotalDerivative.Of(trace, evaluation, p));

    /// <param name="array">The array the variable holds at the update: a cost it was passed to sees the same one.</param>
    public static UpdateTarget Element(string name, ISymbol variable, Expr array, Expr index) => new(name, variable, evaluation =>
    {
        if (evaluation.Summed is not null) return (Constant.Zero, null);
        Expr total = Constant.Zero;
        for (var i = 0; i < evaluation.Arguments.Count; i++)
        {
            if (evaluation.Arguments[i].Equals(array) && evaluation.Cost.HasElementPartials(i))
                total = Ex.Add(total, evaluation.Cost.ElementPartialAt(i, index, evaluation.Arguments));
        }
        return (total, null);
    }, index);
}
