using System.Linq;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>Pins the generated source: a change in readability or shape shows up as a reviewed diff.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData(nameof(SnapshotSources.SeedCost), SnapshotSources.SeedCost)]
    [InlineData(nameof(SnapshotSources.BiasSigmoid), SnapshotSources.BiasSigmoid)]
    [InlineData(nameof(SnapshotSources.Tanh), SnapshotSources.Tanh)]
    [InlineData(nameof(SnapshotSources.Rosenbrock), SnapshotSources.Rosenbrock)]
    [InlineData(nameof(SnapshotSources.LogLoss), SnapshotSources.LogLoss)]
    [InlineData(nameof(SnapshotSources.CompoundAssignment), SnapshotSources.CompoundAssignment)]
    [InlineData(nameof(SnapshotSources.Constants), SnapshotSources.Constants)]
    [InlineData(nameof(SnapshotSources.NestedAndFunctions), SnapshotSources.NestedAndFunctions)]
    [InlineData(nameof(SnapshotSources.CallChain), SnapshotSources.CallChain)]
    [InlineData(nameof(SnapshotSources.CustomDerivative), SnapshotSources.CustomDerivative)]
    [InlineData(nameof(SnapshotSources.ControlFlow), SnapshotSources.ControlFlow)]
    [InlineData(nameof(SnapshotSources.SumOverData), SnapshotSources.SumOverData)]
    [InlineData(nameof(SnapshotSources.VectorWeights), SnapshotSources.VectorWeights)]
    [InlineData(nameof(SnapshotSources.LoopWithTape), SnapshotSources.LoopWithTape)]
    [InlineData(nameof(SnapshotSources.DenseLayer), SnapshotSources.DenseLayer)]
    [InlineData(nameof(SnapshotSources.Softmax), SnapshotSources.Softmax)]
    [InlineData(nameof(SnapshotSources.DataStoppedLoops), SnapshotSources.DataStoppedLoops)]
    [InlineData(nameof(SnapshotSources.WrittenParameter), SnapshotSources.WrittenParameter)]
    [InlineData(nameof(SnapshotSources.RefilledArray), SnapshotSources.RefilledArray)]
    [InlineData(nameof(SnapshotSources.ArrayArguments), SnapshotSources.ArrayArguments)]
    [InlineData(nameof(SnapshotSources.Vectorized), SnapshotSources.Vectorized)]
    public void Generated_source_matches_snapshot_and_compiles_cleanly(string name, string source)
    {
        var result = GeneratorHarness.Run(source);

        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Empty(result.CompilationDiagnostics());
        Snapshot.Match(name, result.AllGeneratedSources());
    }

    [Fact]
    public void Rejected_method_gets_a_diagnostic_and_no_generated_source()
    {
        var result = GeneratorHarness.Run(SnapshotSources.Rejected);

        Assert.Null(result.GeneratorException);
        var diagnostic = Assert.Single(result.AnalyzerDiagnostics);
        Assert.Equal("GD0008", diagnostic.Id);
        Snapshot.Match(nameof(SnapshotSources.Rejected), result.AllGeneratedSources());
    }

    [Fact]
    public void Seed_derivative_reads_like_the_article()
    {
        var source = GeneratorHarness.Run(SnapshotSources.SeedCost).GeneratedSource("Demo.Model.g.cs");

        Assert.Contains("dw = -(y - yOut) * x;", source);
        Assert.Contains("/// ∂Cost/∂w = -(y - yOut)·x", source);
    }

    [Fact]
    public void Methods_of_one_type_share_one_file_in_a_stable_order()
    {
        const string source = """
            using GradientDescent;
            namespace Demo;
            public static partial class Two
            {
                [Differentiable] public static double B(double x) => x * x;
                [Differentiable] public static double A(double x) => 3 * x;
            }
            public static partial class Other
            {
                [Differentiable] public static double C(double x) => -x;
            }
            """;

        var files = GeneratorHarness.Run(source).RunResult.Results.Single().GeneratedSources;

        Assert.Equal(new[] { "Demo.Other.g.cs", "Demo.Two.g.cs" }, files.Select(f => f.HintName).OrderBy(h => h, System.StringComparer.Ordinal));
        var two = files.Single(f => f.HintName == "Demo.Two.g.cs").SourceText.ToString();
        Assert.True(two.IndexOf("AGradient", System.StringComparison.Ordinal) < two.IndexOf("BGradient", System.StringComparison.Ordinal));
    }
}
