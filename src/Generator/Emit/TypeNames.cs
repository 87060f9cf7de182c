using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Emit;

/// <summary>C# type names for the IR's types, as generated code writes them.</summary>
internal static class TypeNames
{
    public static string Of(ScalarType type) => type switch
    {
        ScalarType.Int => "int",
        ScalarType.Bool => "bool",
        _ => "double",
    };

    public static string Of(ParameterModel parameter) => parameter.Shape switch
    {
        ParameterShape.Array => Of(parameter.ElementType) + "[]",
        ParameterShape.ReadOnlySpan => "global::System.ReadOnlySpan<" + Of(parameter.ElementType) + ">",
        _ => Of(parameter.ElementType),
    };

    /// <summary>The writable counterpart of a vector: a gradient span, or a trained vector updated in place.</summary>
    public static string SpanOf(ScalarType element) => "global::System.Span<" + Of(element) + ">";

    public static string ReadOnlySpanOf(ScalarType element) => "global::System.ReadOnlySpan<" + Of(element) + ">";
}
