namespace GradientDescent.Generator.Model;

/// <summary>
/// Everything the differentiator needs to know about one [Differentiable] method: value-equatable and free of
/// Roslyn types, so the incremental pipeline caches it across edits that do not touch the method.
/// </summary>
/// <param name="TypeMetadataName">The containing type's full metadata name (<c>Demo.Outer`1+Inner</c>): one per type, whichever part declares the method.</param>
/// <param name="HidesInherited">A base type has a gradient of the same signature, so the generated one is declared <c>new</c>.</param>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The partial types around the method, outermost first.</param>
/// <param name="Accessibility">The method's accessibility keywords, e.g. <c>public</c> or <c>private protected</c>.</param>
/// <param name="Wrt">Indices into <paramref name="Parameters"/> of the parameters differentiated with respect to, in output order.</param>
/// <param name="Body">The body in SSA form, ending in a <see cref="Return"/>.</param>
/// <param name="ReservedNames">Identifiers the generated code must not introduce (they would shadow or clash).</param>
/// <param name="Callees">The <see cref="Key"/>s of the [Differentiable] methods whose gradients the generated code calls.</param>
/// <param name="Vectorize">Declared <c>Vectorize = true</c> in a compilation that has System.Numerics vectors: what they offer. Null otherwise.</param>
/// <param name="OmittedTrain">The Train methods left out because their signature is taken (GD0015).</param>
/// <param name="Obsolete">The cost's <c>[Obsolete]</c>, repeated on the generated members; null when it has none.</param>
/// <param name="HiddenTrain">The Train methods that hide a base type's member of the same signature, so they are declared <c>new</c>.</param>
/// <param name="Maximizes">Declared <c>Goal = Goal.Maximize</c>: an objective to raise, so training ascends it and GD0001 flags descent.</param>
internal sealed record MethodModel(
    string TypeMetadataName,
    bool HidesInherited,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Accessibility,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<int> Wrt,
    EquatableArray<Statement> Body,
    EquatableArray<string> ReservedNames,
    EquatableArray<string> Callees,
    bool Maximizes = false,
    VectorTarget? Vectorize = null,
    EquatableArray<TrainOverloadKind> OmittedTrain = default,
    EquatableArray<TrainOverloadKind> HiddenTrain = default,
    ObsoleteModel? Obsolete = null)
{
    /// <summary>Identifies the method among all differentiable methods of the compilation (its type, name and arity).</summary>
    public string Key => MethodKey.Of(TypeMetadataName, Name, Parameters.Count);

    public ParameterModel WrtParameter(int position) => Parameters[Wrt[position]];
}

internal static class MethodKey
{
    public static string Of(string typeMetadataName, string name, int parameterCount) =>
        typeMetadataName + "." + name + "/" + parameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
