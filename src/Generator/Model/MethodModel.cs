namespace GradientDescent.Generator.Model;

/// <summary>
/// Everything the generator needs to know about one [Differentiable] method: value-equatable and free of Roslyn
/// types, so the incremental pipeline caches it across edits that do not touch the method.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The partial types around the method, outermost first.</param>
/// <param name="Accessibility">The method's accessibility keywords, e.g. <c>public</c> or <c>private protected</c>.</param>
/// <param name="Wrt">The names of the parameters to differentiate with respect to, in output order.</param>
/// <param name="Body">The body in SSA form, ending in a <see cref="Return"/>.</param>
/// <param name="ReservedNames">Identifiers the generated body must not introduce (they would shadow or clash).</param>
/// <param name="TypeMetadataName">The containing type's full metadata name (<c>Demo.Outer`1+Inner</c>): one per type, whichever part declares the method.</param>
/// <param name="HidesInherited">A base type has a gradient of the same signature, so the generated one is declared <c>new</c>.</param>
internal sealed record MethodModel(
    string TypeMetadataName,
    bool HidesInherited,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Accessibility,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<string> Wrt,
    EquatableArray<Statement> Body,
    EquatableArray<string> ReservedNames)
{
    /// <summary>Identifies the containing type; methods with equal keys go to one generated file.</summary>
    public string TypeKey => TypeMetadataName;

    /// <summary>Whether the parameter is a double[] or ReadOnlySpan&lt;double&gt; (its gradient is a span, not an out double).</summary>
    public bool IsVector(string parameter) =>
        System.Linq.Enumerable.First(Parameters, p => p.Name == parameter).Type is "double[]" or "global::System.ReadOnlySpan<double>";
}
