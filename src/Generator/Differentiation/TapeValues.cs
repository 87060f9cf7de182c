using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>A tape holds doubles: an int is kept exactly (|n| &lt; 2⁵³), a bool as 1 or 0.</summary>
internal static class TapeValues
{
    public static Expr Written(Symbol value) => value.ValueType switch
    {
        ScalarType.Bool => new Conditional(value, Constant.One, Constant.Zero),
        _ => value,
    };

    public static Expr Read(Symbol value, TapeRead slot) => value.ValueType switch
    {
        ScalarType.Int => new IntOperation(IntOperator.FromDouble, slot),
        ScalarType.Bool => new Binary(BinaryOperator.NotEqual, slot, Constant.Zero),
        _ => slot,
    };
}
