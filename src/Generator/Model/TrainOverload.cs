namespace GradientDescent.Generator.Model;

/// <summary>How one parameter of a method takes its values, as far as telling overloads apart needs.</summary>
internal enum SlotShape
{
    Scalar,
    Array,
    ReadOnlySpan,
    Span,
    TrainingOptions,
}

/// <summary>One parameter of a signature as overload resolution sees it: its type and whether it is passed by <c>ref</c>.</summary>
internal readonly record struct SignatureSlot(SlotShape Shape, ScalarType Element, bool ByRef);

/// <summary>The two <c>Train…</c> methods a cost can get: on one sample, and on a dataset of them.</summary>
internal enum TrainOverloadKind
{
    OneSample,
    Dataset,
}

/// <summary>A <c>Train…</c> method the generator would write for a cost: which one, and its parameters' types.</summary>
internal sealed record TrainOverload(TrainOverloadKind Kind, EquatableArray<SignatureSlot> Slots);
