using System.Threading.Tasks;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Vectorization;

/// <summary>GD0014: <c>Vectorize = true</c> where no loop can be vectorised is reported on the argument, with the reason; the gradient is still generated.</summary>
public class VectorizeDiagnosticTests
{
    private static string Model(string body, string parameters = "double w, double[] xs") => $$"""
        using System;
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w), {|#0:Vectorize = true|})]
            public static double Cost({{parameters}})
            {
                {{body}}
            }
        }
        """;

    private static DiagnosticResult Ineffective(string reason) =>
        new DiagnosticResult("GD0014", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage($"'Cost' asks for Vectorize, but {reason}; its gradient is emitted without SIMD");

    [Theory]
    [InlineData("return w * w;", "it has no loop")]
    [InlineData("double s = 0; for (int i = 0; i < xs.Length; i++) s += xs[i] > 0 && xs.Length > 2 ? xs[i] - w : 0; return s;",
        "its loops choose between values per pass on a condition that is not made of comparisons of doubles")]
    [InlineData("double s = 0; for (int i = 0; i < xs.Length / 2; i++) s += w * xs[2 * i]; return s;",
        "its loops read or write elements at other places than the loop index plus an offset")]
    [InlineData("double s = 0; for (int i = 0; i < xs.Length; i++) s += Math.Tanh(w * xs[i]); return s;",
        "its loops call Math.Tanh, which has no lane-wise version in System.Numerics.Vector on this target")]
    [InlineData("double s = 0; for (int i = 0; i < xs.Length; i++) s += w * i; return s;",
        "its loops use the loop index as a number")]
    [InlineData("double s = 0; for (int i = 0; i < xs.Length; i++) s = s * w + xs[i]; return s;",
        "no loop has independent passes (a value carried from pass to pass, a call, a branch, a stop on data, or several values kept per pass)")]
    public Task Is_reported_with_what_kept_the_loops_scalar(string body, string reason) => VerifyAsync(Model(body), Ineffective(reason));

    [Fact]
    public Task An_int_sum_is_named() => VerifyAsync(
        Model("double s = 0; int c = 0; for (int i = 0; i < xs.Length; i++) { s += w * xs[i]; c += 1; } return s * s / (c + 1);"),
        Ineffective("its loops add to an int"));

    [Fact]
    public Task Int_elements_are_named() => VerifyAsync(
        Model("double s = 0; for (int i = 0; i < xs.Length; i++) s += w * xs[i] * counts[i]; return s;", "double w, double[] xs, int[] counts"),
        Ineffective("its loops read elements that are not doubles"));

    private static string OnlySomePasses(string element) =>
        $"its loops read {element} only on some passes (under ?:, after && or ||, or in an if) and nothing else in the pass reaches it, while a vector pass touches every lane's element";

    [Theory]
    [InlineData("s += xs[i] > 0 ? ys[i] * w : 0;", "ys[i]")]
    [InlineData("s += xs[i] > 0 && ys[i] > w ? w : 0;", "ys[i]")]
    [InlineData("s += xs[i] > 0 ? (ys[0] + xs[i]) * w : 0;", "ys[0]")] // the same element in every pass, but read only on some
    [InlineData("s += xs[i] > 0 && ys[0] > w ? xs[i] * w : 0;", "ys[0]")]
    [InlineData("s += w > 0 ? ys[0] * xs[i] * w : xs[i] * w;", "ys[0]")] // a condition the same in every pass still guards its branch's read
    public Task An_element_only_some_passes_reach_is_named(string pass, string element) => VerifyAsync(
        Model($"double s = 0; for (int i = 0; i < xs.Length; i++) {{ {pass} }} return s;", "double w, double[] xs, double[] ys"),
        Ineffective(OnlySomePasses(element)));

    [Fact]
    public Task A_bound_on_the_length_vouches_for_nothing_when_the_loop_starts_below_zero() => VerifyAsync(
        Model("double s = 0; for (int i = -1; i < xs.Length; i++) { s += w > 0 ? xs[i] * w : 0; } return s;"),
        Ineffective(OnlySomePasses("xs[i]")));

    [Theory]
    [InlineData("s += xs[i] > 0 ? ys[i] * w : 0; s += ys[i];")] // every pass reads ys[i] anyway
    [InlineData("s += w > 0 ? xs[i] * w : 0;")] // i < xs.Length vouches for xs[i]
    [InlineData("s += xs[i] * (ys.Length > 0 ? ys[0] : 1) * w;")] // a choice the same in every pass is computed whole
    [InlineData("s += ys[0] > 0 ? xs[i] * w : 0;")] // every pass reads ys[0] in the condition
    [InlineData("s += xs[i] > 0 ? ys[0] * xs[i] : 0; s += ys[0] * w;")]
    public Task An_element_every_pass_reaches_or_the_bound_vouches_for_is_vectorised_under_a_condition(string pass) => VerifyAsync(
        Model($"double s = 0; for (int i = 0; i < xs.Length; i++) {{ {pass} }} return s;", "double w, double[] xs, double[] ys").Replace("{|#0:", "").Replace("|}", ""));

    [Fact]
    public Task Is_not_reported_when_a_loop_is_vectorised() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w), Vectorize = true)]
            public static double Cost(double w, double[] xs)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += (w - xs[i]) * (w - xs[i]);
                double t = 0;
                for (int i = 0; i < xs.Length; i++) t += xs[i] > w ? w : 0; // stays scalar, and says nothing: another loop is vectorised
                return s + t;
            }
        }
        """);

    [Fact]
    public void The_gradient_of_a_method_reported_is_still_generated_and_compiles()
    {
        var result = GeneratorHarness.Run(Model("double s = 0; for (int i = 0; i < xs.Length; i++) s += Math.Tanh(w * xs[i]); return s;").Replace("{|#0:", "").Replace("|}", ""));
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Contains("CostGradient", result.AllGeneratedSources());
        Assert.Contains(result.AnalyzerDiagnostics, d => d.Id == "GD0014");
    }
}
