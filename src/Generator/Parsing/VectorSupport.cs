using System.Linq;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Reads <c>Vectorize = true</c> from the attribute and what System.Numerics offers the compilation, so the
/// vectoriser emits only calls the target framework has.
/// </summary>
internal static class VectorSupport
{
    private const string VectorizeArgument = "Vectorize";

    public static bool Requested(AttributeData? attribute) =>
        attribute is not null && attribute.NamedArguments.Any(a => a.Key == VectorizeArgument && a.Value.Value is true);

    /// <summary>
    /// The target for a method that asked for vectors, or null with <paramref name="unavailable"/> set when the
    /// compilation lacks what every vectorised loop needs: <c>Vector&lt;T&gt;</c> loads from spans and arrays,
    /// <c>Vector.Sum</c> and <c>Vector.IsHardwareAccelerated</c> (.NET 6 and later).
    /// </summary>
    public static VectorTarget? Probe(AttributeData attribute, string method, Compilation compilation, out Diagnostic? unavailable)
    {
        unavailable = null;
        var vectorOfT = compilation.GetTypeByMetadataName("System.Numerics.Vector`1");
        var vector = compilation.GetTypeByMetadataName("System.Numerics.Vector");
        var loadsSpans = vectorOfT?.InstanceConstructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.Name == "ReadOnlySpan") == true;
        var loadsArrays = vectorOfT?.InstanceConstructors.Any(c => c.Parameters.Length == 2 && c.Parameters[0].Type is IArrayTypeSymbol) == true;
        var sums = vector?.GetMembers("Sum").OfType<IMethodSymbol>().Any() == true;
        var checks = vector?.GetMembers("IsHardwareAccelerated").OfType<IPropertySymbol>().Any() == true;
        if (vector is null || !loadsSpans || !loadsArrays || !sums || !checks)
        {
            unavailable = Diagnostic.Create(Descriptors.VectorizeIneffective, Location(attribute), method,
                "the target framework has no System.Numerics.Vector<double> with span loads and Vector.Sum (.NET 6 or later)");
            return null;
        }
        var functions = System.Enum.GetValues(typeof(MathFunction)).Cast<MathFunction>()
            .Where(f => VectorTarget.VectorName(f) is { } name && HasLaneWise(vector, name))
            .ToEquatableArray();
        return new VectorTarget(functions);
    }

    /// <summary>A <c>Vector.Name(Vector&lt;double&gt;)</c>, or a generic <c>Vector.Name&lt;T&gt;(Vector&lt;T&gt;)</c>.</summary>
    private static bool HasLaneWise(INamedTypeSymbol vector, string name) =>
        vector.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
            m.Parameters.Length == 1 && m.Parameters[0].Type is INamedTypeSymbol { Name: "Vector", Arity: 1 } lanes &&
            (m.IsGenericMethod || lanes.TypeArguments[0].SpecialType == SpecialType.System_Double));

    /// <summary>The <c>Vectorize = true</c> argument, where the attribute's syntax is at hand.</summary>
    public static Location Location(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax syntax &&
        syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == VectorizeArgument) is { } argument
            ? argument.GetLocation()
            : Microsoft.CodeAnalysis.Location.None;
}
