using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Tests.Generator;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Robustness;

/// <summary>
/// In the IDE the generator and analyzer run on every keystroke. Every prefix of a valid file, and the file with
/// a token removed, must give no exception from either and no error inside a generated file.
/// </summary>
public class HalfTypedCodeTests
{
    public static TheoryData<string> Sources() => new(
        nameof(SnapshotSources.SeedCost), nameof(SnapshotSources.BiasSigmoid), nameof(SnapshotSources.LogLoss),
        nameof(SnapshotSources.CompoundAssignment), nameof(SnapshotSources.Constants), nameof(SnapshotSources.NestedAndFunctions),
        nameof(SnapshotSources.CallChain), nameof(SnapshotSources.CustomDerivative), nameof(SnapshotSources.ControlFlow),
        nameof(SnapshotSources.SumOverData), nameof(TrainingLoop));

    /// <summary>A cost and hand-written updates, for the sign analyzer (GD0001) to chew on while it is being typed.</summary>
    private const string TrainingLoop = """
        using GradientDescent;
        namespace Demo;
        public static partial class Seed
        {
            [Differentiable(nameof(yOut))]
            public static double E(double yTrue, double yOut) => 0.5 * (yTrue - yOut) * (yTrue - yOut);

            public static double Train(double[] xs, double yTrue, double lr)
            {
                double w = 0.1, b = 0;
                for (int n = 0; n < xs.Length; n++)
                {
                    double x = xs[n];
                    double yOut = w * x + b;
                    double cost = E(yTrue, yOut);
                    double grad = (yTrue - yOut) * x;
                    w = w - lr * grad;
                    b += lr * (yTrue - yOut);
                }
                return w + b;
            }
        }
        """;

    private static string Source(string name) =>
        name == nameof(TrainingLoop) ? TrainingLoop : (string)typeof(SnapshotSources).GetField(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_prefix_is_survived(string name)
    {
        var source = Source(name);
        var step = Math.Max(1, source.Length / 60);
        for (var length = 0; length <= source.Length; length += step)
            AssertSurvives(source.Substring(0, length));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Removing_any_token_is_survived(string name)
    {
        var source = Source(name);
        var tokens = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseCompilationUnit(source).DescendantTokens().ToList();
        foreach (var token in tokens)
            AssertSurvives(source.Remove(token.SpanStart, token.Span.Length));
    }

    private static void AssertSurvives(string source)
    {
        GenerationResult result;
        try
        {
            result = GeneratorHarness.Run(source);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nfor:\n{source}");
        }
        Assert.True(result.GeneratorException is null, $"generator threw on:\n{source}\n{result.GeneratorException}");
        Assert.True(result.AnalyzerExceptions.IsEmpty, $"analyzer threw on:\n{source}\n{string.Join("\n", result.AnalyzerExceptions)}");
        var errors = result.ErrorsInGeneratedFiles();
        Assert.True(errors.IsEmpty, $"errors in generated code for:\n{source}\n{string.Join("\n", errors)}\n{result.AllGeneratedSources()}");
    }
}
