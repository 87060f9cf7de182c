namespace GradientDescent.Generator.Model;

/// <summary>
/// What System.Numerics offers the compilation a method asked <c>Vectorize = true</c> in: the vector type with span
/// loads, a horizontal sum and a hardware check (present whenever a target is), and which math functions have
/// lane-wise versions. A loop calling any other function stays scalar.
/// </summary>
/// <param name="Functions">The functions with a <c>System.Numerics.Vector</c> counterpart for doubles.</param>
internal sealed record VectorTarget(EquatableArray<MathFunction> Functions)
{
    /// <summary>The name of the lane-wise counterpart in <c>System.Numerics.Vector</c>.</summary>
    public static string? VectorName(MathFunction function) => function switch
    {
        MathFunction.Exp => "Exp",
        MathFunction.Log => "Log",
        MathFunction.Log2 => "Log2",
        MathFunction.Sin => "Sin",
        MathFunction.Cos => "Cos",
        MathFunction.Sqrt => "SquareRoot",
        MathFunction.Abs => "Abs",
        _ => null,
    };
}
