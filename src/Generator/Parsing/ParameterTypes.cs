using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>The parameter types a differentiable method may take, as the generated signature writes them.</summary>
internal static class ParameterTypes
{
    /// <returns>The C# type text, or null when the type is not supported.</returns>
    public static string? Text(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Double } => "double",
        { SpecialType: SpecialType.System_Int32 } => "int",
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } => "double[]",
        _ when IsReadOnlySpanOfDouble(type) => "global::System.ReadOnlySpan<double>",
        _ => null,
    };

    /// <summary>A double[] or ReadOnlySpan&lt;double&gt;: elements can be read and the length taken.</summary>
    public static bool IsVector(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } || (type is not null && IsReadOnlySpanOfDouble(type));

    private static bool IsReadOnlySpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
        span.TypeArguments[0].SpecialType == SpecialType.System_Double;
}
