namespace GradientDescent.Generator.Model;

/// <summary>How a parameter holds its values: one scalar, or a vector read by element.</summary>
internal enum ParameterShape
{
    Scalar,
    Array,
    ReadOnlySpan,
}

/// <param name="Name">The parameter name without '@'.</param>
/// <param name="ElementType">The scalar type (for a vector, of its elements).</param>
internal sealed record ParameterModel(string Name, ScalarType ElementType, ParameterShape Shape)
{
    public bool IsVector => Shape != ParameterShape.Scalar;

    /// <summary>The symbol the body reads the parameter through (a vector's, when indexed).</summary>
    public Symbol Symbol => new(Name, SymbolRole.Parameter, ElementType);
}
