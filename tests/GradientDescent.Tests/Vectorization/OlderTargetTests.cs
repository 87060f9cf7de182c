extern alias AllReferenceAssemblies;

using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using GradientDescent.Generator;
using GradientDescent.Generator.Analyzers;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace GradientDescent.Tests.Vectorization;

/// <summary>
/// The vectoriser emits only what the target framework has: on .NET 8, System.Numerics.Vector has no lane-wise
/// Exp or Log (they came in .NET 9), so a loop calling them stays scalar and GD0014 says why, while arithmetic
/// loops are vectorised; the output compiles against .NET 8's references either way. On netstandard2.0 (no
/// <c>Vector.Sum</c>, no span loads) nothing is vectorised and GD0014 names the target.
/// </summary>
public class OlderTargetTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w), Vectorize = true)]
            public static double Squares(double w, double[] xs)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += (w - xs[i]) * (w - xs[i]);
                return s;
            }

            [Differentiable(nameof(w), Vectorize = true)]
            public static double SoftPlus(double w, double[] xs)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += Math.Log(1 + Math.Exp(w * xs[i]));
                return s;
            }
        }
        """;

    /// <summary>The attributes and training types from their sources (the package's netstandard2.0 build is what .NET 8 gets), compiled in.</summary>
    private static readonly string[] AttributeSources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Attributes"), "*.cs")
        .Select(File.ReadAllText).ToArray();

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(
        typeof(OlderTargetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));

    private static (Compilation Output, ImmutableArray<Diagnostic> Analyzers, string Generated) RunOn(ImmutableArray<MetadataReference> references)
    {
        var trees = AttributeSources.Append(Source).Select(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions));
        var input = CSharpCompilation.Create("OlderTarget", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        var analyzers = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableMethodAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (output, analyzers, string.Join("\n", driver.GetRunResult().GeneratedTrees.Select(t => t.ToString())));
    }

    [Fact]
    public void On_net8_only_the_arithmetic_loop_is_vectorised_and_everything_compiles()
    {
        var (output, analyzers, generated) = RunOn(Net80.References.All.Cast<MetadataReference>().ToImmutableArray());

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("global::System.Numerics.Vector<double>", VectorizedGradientTests.Member(generated, "SquaresGradient"));
        Assert.DoesNotContain("Numerics", VectorizedGradientTests.Member(generated, "SoftPlusGradient"));
        var warning = Assert.Single(analyzers, d => d.Id == "GD0014");
        Assert.Contains("'SoftPlus'", warning.GetMessage());
        Assert.Contains("no lane-wise version", warning.GetMessage());
        Assert.Matches(@"its loops call Math\.(Exp|Log), which", warning.GetMessage()); // .NET 8 has neither lane-wise
    }

    [Fact]
    public async System.Threading.Tasks.Task On_netstandard2_0_there_is_no_Vector_Sum_so_GD0014_says_so_and_the_gradient_is_scalar()
    {
        // Only the attribute itself: netstandard2.0 has no Span, which the training types need.
        var attribute = AttributeSources.Where(s => s.Contains("class DifferentiableAttribute", System.StringComparison.Ordinal) || s.Contains("enum Goal", System.StringComparison.Ordinal));
        var trees = attribute.Append(Source).Select(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions));
        var references = AllReferenceAssemblies::Basic.Reference.Assemblies.NetStandard20.References.All.Cast<MetadataReference>();
        var input = CSharpCompilation.Create("NetStandard", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        var analyzers = await output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableMethodAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        Assert.Null(driver.GetRunResult().Results.Single().Exception);
        var generated = string.Join("\n", driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()));
        Assert.DoesNotContain("Numerics", VectorizedGradientTests.Member(generated, "SquaresGradient"));
        var warnings = analyzers.Where(d => d.Id == "GD0014").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("the target framework has no System.Numerics.Vector<double> with span loads and Vector.Sum", w.GetMessage()));
    }

    [Fact]
    public void On_net10_both_loops_are_vectorised()
    {
        var (output, analyzers, generated) = RunOn(Net100.References.All.Cast<MetadataReference>().ToImmutableArray());

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("global::System.Numerics.Vector.Exp(", VectorizedGradientTests.Member(generated, "SoftPlusGradient"));
        Assert.DoesNotContain(analyzers, d => d.Id == "GD0014");
    }
}
