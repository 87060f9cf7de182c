using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using GradientDescent.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="DifferentiableMethodAnalyzer"/> over markup source (<c>{|GD0002:Model|}</c>, or <c>{|#0:...|}</c>
/// with <see cref="Diagnostic(string)"/><c>.WithLocation(0)</c>) and checks every diagnostic, its exact span and,
/// when given, its message. Offline: no reference-assembly package, .NET 10 references from Basic.Reference.Assemblies.
/// Compiler errors in the source fail the test too, so every input is valid C#.
/// </summary>
internal static class AnalyzerVerifier
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private sealed class Test : CSharpAnalyzerTest<DifferentiableMethodAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(Net100.References.All);
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
        }
    }
}
