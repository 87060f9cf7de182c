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

    /// <summary>One parameter of a generated signature, <c>ref double</c> or <c>global::System.ReadOnlySpan&lt;double&gt;</c>.</summary>
    public static string Of(SignatureSlot slot)
    {
        var type = slot.Shape switch
        {
            SlotShape.Array => Of(slot.Element) + "[]",
            SlotShape.ReadOnlySpan => ReadOnlySpanOf(slot.Element),
            SlotShape.Span => SpanOf(slot.Element),
            SlotShape.TrainingOptions => "global::GradientDescent.TrainingOptions",
            _ => Of(slot.Element),
        };
        return slot.ByRef ? "ref " + type : type;
    }

    /// <summary>The writable counterpart of a vector: a gradient span, or a trained vector updated in place.</summary>
    public static string SpanOf(ScalarType element) => "global::System.Span<" + Of(element) + ">";

    public static string ReadOnlySpanOf(ScalarType element) => "global::System.ReadOnlySpan<" + Of(element) + ">";
}
