using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The <c>Train…</c> methods of a cost that would clash with a member of the same name and parameter types (CS0111 in
/// generated code): one the type declares itself, or one the generator writes for another overload of the cost. A
/// one-sample overload wins over a dataset one, and between two of a kind the cost whose signature sorts first
/// wins, so every cost of the type agrees on which are left out. Each one left out is a GD0015 warning.
/// </summary>
internal static class TrainCollisions
{
    public static List<TrainOverloadKind> Find(MethodDeclarationSyntax syntax, IMethodSymbol method, IReadOnlyList<ParameterModel> parameters,
        IReadOnlyList<int> wrt, string accessibility, List<Diagnostic> warnings)
    {
        var omitted = new List<TrainOverloadKind>();
        var planned = TrainPlan.For(parameters, wrt, accessibility);
        if (planned.Count == 0) return omitted;

        var trainName = "Train" + method.Name;
        var declared = method.ContainingType.GetMembers(trainName).Where(m => !GeneratedMembers.IsGenerated(m)).ToList();
        var siblings = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m, method))
            .Select(m => (Method: m, Overloads: PlannedFor(m)))
            .Where(s => s.Overloads.Count > 0)
            .ToList();
        var order = OrderKey(method);

        foreach (var overload in planned)
        {
            var reason = declared.FirstOrDefault(m => m is not IMethodSymbol) is { } other
                ? $"the type already has a member named '{other.Name}'"
                : declared.OfType<IMethodSymbol>().FirstOrDefault(m => m.Arity == 0 && Slots(m) is { } slots && slots.Equals(overload.Slots)) is { } own
                    ? $"the type already declares '{TrainPlan.Display(method.Name, overload)}'"
                    : siblings.FirstOrDefault(s => s.Overloads.Any(o => o.Slots.Equals(overload.Slots) &&
                        (o.Kind < overload.Kind || (o.Kind == overload.Kind && string.CompareOrdinal(OrderKey(s.Method), order) < 0)))) is { Method: { } winner }
                        ? $"'{Describe(winner)}' gets a Train method with the same parameters"
                        : null;
            if (reason is null) continue;
            omitted.Add(overload.Kind);
            warnings.Add(Diagnostic.Create(Descriptors.TrainOverloadOmitted, syntax.Identifier.GetLocation(),
                TrainPlan.Display(method.Name, overload), Describe(method), reason));
        }
        return omitted;
    }

    /// <summary>
    /// The Train methods of a cost that hide a base type's member of the same name and parameters, so they are
    /// declared <c>new</c> (CS0108 otherwise): one the base declares, or one the generator writes for a cost of the
    /// base (not in the compilation the generator sees, so found from the cost). A field or property of the name is
    /// hidden by any method.
    /// </summary>
    public static List<TrainOverloadKind> Hidden(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, IReadOnlyList<int> wrt, string accessibility)
    {
        var hidden = new List<TrainOverloadKind>();
        var trainName = "Train" + method.Name;
        foreach (var overload in TrainPlan.For(parameters, wrt, accessibility))
        {
            for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
            {
                var declared = type.GetMembers(trainName).Where(m => m.DeclaredAccessibility != Accessibility.Private && !GeneratedMembers.IsGenerated(m));
                var generated = type.GetMembers(method.Name).OfType<IMethodSymbol>().SelectMany(PlannedFor);
                if (declared.Any(m => m is not IMethodSymbol || (m is IMethodSymbol d && d.Arity == 0 && Slots(d) is { } slots && slots.Equals(overload.Slots))) ||
                    generated.Any(o => o.Slots.Equals(overload.Slots)))
                {
                    hidden.Add(overload.Kind);
                    break;
                }
            }
        }
        return hidden;
    }

    /// <summary>The Train methods another [Differentiable] overload gets if it is differentiated; none when its signature rules it out.</summary>
    private static IReadOnlyList<TrainOverload> PlannedFor(IMethodSymbol method)
    {
        if (WrtAttribute.Find(method) is null || !method.IsStatic || method.IsGenericMethod) return new List<TrainOverload>();
        var parameters = new List<ParameterModel>();
        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None || ParameterTypes.Of(p.Type) is not { } type) return new List<TrainOverload>();
            parameters.Add(new ParameterModel(p.Name, type.Element, type.Shape));
        }
        return TrainPlan.For(parameters, WrtAttribute.Indices(method).ToList(), MethodParser.AccessibilityText(method.DeclaredAccessibility));
    }

    /// <summary>A declared method's parameters as slots; null when one has a type no generated Train method takes.</summary>
    private static EquatableArray<SignatureSlot>? Slots(IMethodSymbol method)
    {
        var slots = new List<SignatureSlot>();
        foreach (var p in method.Parameters)
        {
            var byRef = p.RefKind != RefKind.None; // ref, out and in cannot tell overloads apart
            // By symbol, not display text: in nullable code a TrainingOptions? parameter displays with its '?'.
            if (p.Type is INamedTypeSymbol { Name: "TrainingOptions", ContainingNamespace: { Name: "GradientDescent", ContainingNamespace.IsGlobalNamespace: true } })
                slots.Add(new SignatureSlot(SlotShape.TrainingOptions, ScalarType.Double, byRef));
            else if (p.Type is INamedTypeSymbol { Name: "Span", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
                     ParameterTypes.Of(span.TypeArguments[0]) is { Shape: ParameterShape.Scalar } element)
                slots.Add(new SignatureSlot(SlotShape.Span, element.Element, byRef));
            else if (ParameterTypes.Of(p.Type) is { } type)
                slots.Add(new SignatureSlot(type.Shape switch
                {
                    ParameterShape.Array => SlotShape.Array,
                    ParameterShape.ReadOnlySpan => SlotShape.ReadOnlySpan,
                    _ => SlotShape.Scalar,
                }, type.Element, byRef));
            else return null;
        }
        return slots.ToEquatableArray();
    }

    private static string OrderKey(IMethodSymbol method) => string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString()));

    private static string Describe(IMethodSymbol method) =>
        method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";
}
