using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Emit;

/// <summary>The tool name and version the <c>[GeneratedCode]</c> attribute carries, read from this assembly so they never drift.</summary>
internal static class GeneratorInfo
{
    private static readonly Assembly Assembly = typeof(GeneratorInfo).Assembly;

    public static string Name { get; } = Assembly.GetName().Name ?? "GradientDescent.Generator";

    /// <summary>The package version (without a source revision suffix).</summary>
    public static string Version { get; } =
        Assembly.GetCustomAttributes<AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static string Attribute => $"[global::System.CodeDom.Compiler.GeneratedCode(\"{Name}\", \"{Version}\")]";

    /// <summary>The attribute lines of a generated member: [GeneratedCode], and the cost's [Obsolete] where it has one.</summary>
    public static IEnumerable<string> AttributesOf(MethodModel method)
    {
        yield return Attribute;
        if (method.Obsolete is { } obsolete) yield return ObsoleteAttribute(obsolete);
    }

    private static string ObsoleteAttribute(ObsoleteModel obsolete) => obsolete switch
    {
        { Message: null, IsError: false } => "[global::System.Obsolete]",
        { Message: var message, IsError: var error } => $"[global::System.Obsolete({Literals.Constant(message)}{(error ? ", true" : "")})]",
    };
}
