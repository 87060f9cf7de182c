using System.Linq;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>The analyzer sees the generator's own output in the compilation; it carries [GeneratedCode("GradientDescent.Generator")].</summary>
internal static class GeneratedMembers
{
    public static bool IsGenerated(ISymbol member) => member.GetAttributes().Any(a =>
        a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute" &&
        a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == KnownNames.GeneratorName);
}
