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
        { SpecialType: SpecialType.System_Boolean } => (ScalarType.Bool, ParameterShape.Scalar),
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } => (ScalarType.Double, ParameterShape.Array),
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Int32 } => (ScalarType.Int, ParameterShape.Array),
        _ when IsReadOnlySpanOf(type, SpecialType.System_Double) => (ScalarType.Double, ParameterShape.ReadOnlySpan),
        _ when IsReadOnlySpanOf(type, SpecialType.System_Int32) => (ScalarType.Int, ParameterShape.ReadOnlySpan),
        _ => null,
    };

    /// <summary>An int[] or ReadOnlySpan&lt;int&gt;: data (labels, lengths) whose elements are ints, read and used as indices.</summary>
    public static bool IsIntVector(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Int32 } || (type is not null && IsReadOnlySpanOf(type, SpecialType.System_Int32));

    /// <summary>A double[] or ReadOnlySpan&lt;double&gt;: elements can be read and the length taken.</summary>
    public static bool IsVector(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } || (type is not null && IsReadOnlySpanOf(type, SpecialType.System_Double));

    private static bool IsReadOnlySpanOf(ITypeSymbol type, SpecialType element) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
        span.TypeArguments[0].SpecialType == element;
}
