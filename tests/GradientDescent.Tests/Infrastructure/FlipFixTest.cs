using System.Linq;
using Basic.Reference.Assemblies;
using GradientDescent.CodeFixes;
using GradientDescent.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>GD0001 and its fix through Roslyn's <c>CSharpCodeFixTest</c>, on .NET 10 with the attributes referenced.</summary>
internal sealed class FlipFixTest : CSharpCodeFixTest<SignOfUpdateAnalyzer, FlipUpdateSignCodeFix, DefaultVerifier>
{
    public FlipFixTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        var references = Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location)).ToList();
        TestState.AdditionalReferences.AddRange(references);
        FixedState.AdditionalReferences.AddRange(references);
    }
}
