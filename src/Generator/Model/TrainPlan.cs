using System.Collections.Generic;
using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>
/// Which <c>Train…</c> methods a cost gets and with which parameters: read by the parser, to find signatures that
/// are taken already, and by the emitter, which writes them.
/// </summary>
internal static class TrainPlan
{
    /// <summary>
    /// A private (or private protected) cost is a helper, [Differentiable] so that its callers can be: its gradient is
    /// needed, a Train method nobody outside the type can call is noise. Internal and wider costs get one.
    /// </summary>
    public static bool IsWanted(string accessibility) => accessibility is not ("private" or "private protected");

    /// <summary>A dataset overload exists when every data parameter is a scalar double: each becomes a span of samples.</summary>
    public static bool HasDatasetOverload(IReadOnlyList<ParameterModel> parameters, IReadOnlyList<int> wrt)
    {
        var data = parameters.Where((_, i) => !wrt.Contains(i)).ToList();
        return data.Count > 0 && data.All(p => p.Shape == ParameterShape.Scalar && p.ElementType == ScalarType.Double);
    }

    /// <summary>The Train methods a cost with these parameters gets, the one-sample overload first.</summary>
    public static IReadOnlyList<TrainOverload> For(IReadOnlyList<ParameterModel> parameters, IReadOnlyList<int> wrt, string accessibility)
    {
        var overloads = new List<TrainOverload>();
        if (wrt.Count == 0 || !IsWanted(accessibility)) return overloads;
        overloads.Add(Overload(parameters, wrt, TrainOverloadKind.OneSample));
        if (HasDatasetOverload(parameters, wrt)) overloads.Add(Overload(parameters, wrt, TrainOverloadKind.Dataset));
        return overloads;
    }

    public static IReadOnlyList<TrainOverload> For(MethodModel method) => For(method.Parameters, method.Wrt, method.Accessibility);

    private static TrainOverload Overload(IReadOnlyList<ParameterModel> parameters, IReadOnlyList<int> wrt, TrainOverloadKind kind) =>
        new(kind, parameters.Select((p, i) => Slot(p, wrt.Contains(i), kind == TrainOverloadKind.Dataset))
            .Append(new SignatureSlot(SlotShape.TrainingOptions, ScalarType.Double, ByRef: false))
            .ToEquatableArray());

    /// <summary>A weight is updated in place (a scalar by ref, a vector as a span); data is passed as the cost takes it, or one span of samples per scalar.</summary>
    private static SignatureSlot Slot(ParameterModel p, bool isWrt, bool dataset)
    {
        if (isWrt) return p.IsVector ? new SignatureSlot(SlotShape.Span, p.ElementType, false) : new SignatureSlot(SlotShape.Scalar, p.ElementType, true);
        if (dataset) return new SignatureSlot(SlotShape.ReadOnlySpan, p.ElementType, false);
        var shape = p.Shape switch
        {
            ParameterShape.Array => SlotShape.Array,
            ParameterShape.ReadOnlySpan => SlotShape.ReadOnlySpan,
            _ => SlotShape.Scalar,
        };
        return new SignatureSlot(shape, p.ElementType, false);
    }

    /// <summary><c>TrainCost(ref double, ReadOnlySpan&lt;double&gt;, TrainingOptions)</c>, for messages.</summary>
    public static string Display(string methodName, TrainOverload overload) =>
        "Train" + methodName + "(" + string.Join(", ", overload.Slots.Select(Display)) + ")";

    private static string Display(SignatureSlot slot)
    {
        var element = slot.Element switch
        {
            ScalarType.Int => "int",
            ScalarType.Bool => "bool",
            _ => "double",
        };
        var type = slot.Shape switch
        {
            SlotShape.Array => element + "[]",
            SlotShape.ReadOnlySpan => "ReadOnlySpan<" + element + ">",
            SlotShape.Span => "Span<" + element + ">",
            SlotShape.TrainingOptions => "TrainingOptions",
            _ => element,
        };
        return slot.ByRef ? "ref " + type : type;
    }
}
