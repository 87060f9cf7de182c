namespace GradientDescent.Generator.Parsing;

internal static class KnownNames
{
    public const string DifferentiableAttribute = "GradientDescent.DifferentiableAttribute";
    public const string DerivativeOfAttribute = "GradientDescent.DerivativeOfAttribute";
    public const string GeneratorName = "GradientDescent.Generator";
    public const string GradientSuffix = "Gradient";
}
