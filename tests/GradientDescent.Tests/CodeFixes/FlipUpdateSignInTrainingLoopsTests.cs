using System.Threading;
using System.Threading.Tasks;
using GradientDescent.CodeFixes;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.CodeFixes;

/// <summary>
/// The GD0001 fix on the update forms of real training code: inside loops, on elements of vector weights, after a
/// momentum buffer and after a batch sum. The fixed code compiles and GD0001 no longer reports it.
/// </summary>
public class FlipUpdateSignInTrainingLoopsTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Costs
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = w * x - y; return 0.5 * e * e; }

            [Differentiable(nameof(w), nameof(b))]
            public static double Linear(double[] w, double b, ReadOnlySpan<double> x, double y)
            {
                double z = b;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                return 0.5 * (z - y) * (z - y);
            }
        }
        """;

    private static readonly string Generated = GeneratorHarness.Run(Costs).GeneratedSource("Costs.g.cs");

    private static Task VerifyAsync(string body, string fixedBody)
    {
        var test = new FlipFixTest { TestCode = Wrap(body), FixedCode = Wrap(fixedBody) };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("Costs.cs", Costs));
            state.Sources.Add(("Costs.g.cs", Generated));
        }
        return test.RunAsync(CancellationToken.None);
    }

    private static string Wrap(string body) => $$"""
        public static class Train
        {
            public static double Fit(double[] w, double b, double[] xs, double[] ys, double lr, double mu, int epochs)
            {
                double u = 0.1;
                var dw = new double[w.Length];
        {{body}}
                return u + b;
            }
        }
        """;

    [Theory]
    [InlineData("[|u = u + lr * g|];", "u = u - lr * g;")]
    [InlineData("[|u = lr * g + u|];", "u = u - lr * g;")]
    [InlineData("[|u += lr * g|];", "u -= lr * g;")]
    public Task A_scalar_update_inside_an_epoch_loop_is_flipped(string update, string fixedUpdate) => VerifyAsync($$"""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.CostGradient(u, xs[0], ys[0], out double g);
                    {{update}}
                }
        """, $$"""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.CostGradient(u, xs[0], ys[0], out double g);
                    {{fixedUpdate}}
                }
        """);

    [Theory]
    [InlineData("[|w[j] += lr * dw[j]|];", "w[j] -= lr * dw[j];")]
    [InlineData("[|w[j] = w[j] + lr * dw[j]|];", "w[j] = w[j] - lr * dw[j];")]
    [InlineData("[|w[j] = lr * dw[j] + w[j]|];", "w[j] = w[j] - lr * dw[j];")]
    [InlineData("[|w[j] -= -lr * dw[j]|];", "w[j] += -lr * dw[j];")]
    [InlineData("[|w[j] = lr * dw[j] + w[ j ]|];", "w[j] = w[ j ] - lr * dw[j];")] // found by review: no fix was offered
    public Task An_element_update_of_vector_weights_is_flipped(string update, string fixedUpdate) => VerifyAsync($$"""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.LinearGradient(w, b, xs, ys[0], dw, out double db);
                    for (int j = 0; j < w.Length; j++) {{update}}
                    b -= lr * db;
                }
        """, $$"""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.LinearGradient(w, b, xs, ys[0], dw, out double db);
                    for (int j = 0; j < w.Length; j++) {{fixedUpdate}}
                    b -= lr * db;
                }
        """);

    [Fact]
    public Task Adding_an_inverted_momentum_buffer_is_flipped_to_heavy_ball() => VerifyAsync("""
                double v = 0;
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.CostGradient(u, xs[0], ys[0], out double g);
                    v = mu * v + lr * g;
                    [|u += v|];
                }
        """, """
                double v = 0;
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Costs.CostGradient(u, xs[0], ys[0], out double g);
                    v = mu * v + lr * g;
                    u -= v;
                }
        """);

    [Fact]
    public Task A_batch_update_after_the_sum_is_flipped() => VerifyAsync("""
                double gu = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    Costs.CostGradient(u, xs[i], ys[i], out double g);
                    gu += g;
                }
                [|u = u + lr * gu / xs.Length|];
        """, """
                double gu = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    Costs.CostGradient(u, xs[i], ys[i], out double g);
                    gu += g;
                }
                u = u - lr * gu / xs.Length;
        """);
}
