using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using GradientDescent.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="SignOfUpdateAnalyzer"/> through Roslyn's <c>CSharpAnalyzerTest</c> over markup source, with the
/// generator's output for that source added as files of their own (so <c>CostGradient</c> and <c>TrainCost</c>
/// exist), and checks every GD0001, its exact span and, when given, its message.
/// </summary>
internal static class SignVerifier
{
    public static DiagnosticResult Warning() => new("GD0001", DiagnosticSeverity.Warning);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => Verify(source, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>The same for a program with top-level statements.</summary>
    public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected) => Verify(source, OutputKind.ConsoleApplication, expected);

    private static Task Verify(string source, OutputKind kind, DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.TestState.OutputKind = kind;
        // The generator sees the source without markup; its files go in beside the test code.
        var generated = GeneratorHarness.Run(MarkupFree(source)).RunResult.Results.Single().GeneratedSources;
        foreach (var file in generated) test.TestState.Sources.Add((file.HintName, file.SourceText));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The source as the compiler sees it: <c>[|…|]</c> and <c>{|#0:…|}</c> markers removed.</summary>
    private static string MarkupFree(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out var output, out System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
        return output;
    }

    private sealed class Test : CSharpAnalyzerTest<SignOfUpdateAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(Net100.References.All);
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
        }
    }
}
