using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// What a generated gradient wrote to a span argument: ∂cost/∂w for a vector parameter w, at the arguments of that
/// call. It has no value of its own; the trace reads its elements (<c>dw[j]</c>) through <see cref="Element"/>.
/// </summary>
internal sealed class PartialVector : ExternalValue
{
    private readonly CostDerivatives _cost;
    private readonly int _parameter;

    public PartialVector(CostDerivatives cost, int parameter, EquatableArray<Expr> arguments) : base(arguments)
    {
        _cost = cost;
        _parameter = parameter;
    }

    /// <summary>∂cost/∂w[index].</summary>
    public Expr Element(Expr index) => _cost.ElementPartialAt(_parameter, index, Arguments);

    public override double Evaluate(double[] arguments) => double.NaN; // a vector: only its elements have values

    public override ExternalValue WithArguments(EquatableArray<Expr> arguments) => new PartialVector(_cost, _parameter, arguments);
}
