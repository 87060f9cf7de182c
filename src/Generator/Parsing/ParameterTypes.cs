using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>The parameter types a differentiable method may take.</summary>
internal static class ParameterTypes
{
    /// <returns>The element type and shape, or null when the type is not supported.</returns>
    public static (ScalarType Element, ParameterShape Shape)? Of(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Double } => (ScalarType.Double, ParameterShape.Scalar),
        { SpecialType: SpecialType.System_Int32 } => (ScalarType.Int, ParameterShape.Scalar),
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } => (ScalarType.Double, ParameterShape.Array),
        _ when IsReadOnlySpanOfDouble(type) => (ScalarType.Double, ParameterShape.ReadOnlySpan),
        _ => null,
    };

    /// <summary>A double[] or ReadOnlySpan&lt;double&gt;: elements can be read and the length taken.</summary>
    public static bool IsVector(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } || (type is not null && IsReadOnlySpanOfDouble(type));

    private static bool IsReadOnlySpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
        span.TypeArguments[0].SpecialType == SpecialType.System_Double;
}
