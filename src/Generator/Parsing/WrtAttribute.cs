using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>Which parameters a [Differentiable] method's gradient has out parameters for, read from the attribute alone.</summary>
internal static class WrtAttribute
{
    public static AttributeData? Find(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.DifferentiableAttribute);

    /// <summary>The parameter indices in output order: the names given, or every double parameter when none are.</summary>
    public static IEnumerable<int> Indices(IMethodSymbol method)
    {
        var names = Names(Find(method));
        if (names.Count == 0)
            return method.Parameters.Where(p => p.Type.SpecialType == SpecialType.System_Double).Select(p => p.Ordinal);
        return names.Select(n => method.Parameters.FirstOrDefault(p => p.Name == n)?.Ordinal ?? -1).Where(i => i >= 0).Distinct();
    }

    /// <summary>Whether the attribute says <c>Goal = Goal.Maximize</c>.</summary>
    public static bool Maximizes(AttributeData? attribute) =>
        attribute is not null && attribute.NamedArguments.Any(a => a.Key == "Goal" && a.Value.Value is int goal && goal == 1);

    /// <summary>The names as written; empty for none (a null array means none, as the attribute's constructor says).</summary>
    public static IReadOnlyList<string?> Names(AttributeData? attribute)
    {
        var argument = attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0] : default;
        return argument.Kind == TypedConstantKind.Array && !argument.IsNull
            ? argument.Values.Select(v => v.Value as string).ToList()
            : new List<string?>();
    }
}
