using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Found by a second review (2026-12-07): the same field of two instances (a gradient accumulator beside the
/// weights) was taken for one variable, and a perceptron whose label check leaves the pass before the update was
/// flagged; each silent case was a false warning. A warm-up counter the update's if tests is still a count.
/// </summary>
public class ReviewedInstancesAndExitsTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        public struct Params { public double W; }
        public sealed class Weights { public double[] W = new double[3]; }

        public static partial class M
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }

            [Differentiable(nameof(w))]
            public static double Score(double w, double x) => w * x;

            [Differentiable(nameof(w))]
            public static double VCost(double[] w, double[] x, double y) { double z = 0; for (int j = 0; j < w.Length; j++) z += w[j] * x[j]; return 0.5 * (z - y) * (z - y); }

            public static void Fit(double[] xs, double[] ys, double x, double y, double lr, int epochs, double[] vx)
            {
        BODY
            }
        }
        """;

    private static string With(string body) => Source.Replace("BODY", body);

    [Fact]
    public Task A_gradient_accumulator_of_the_weights_type() => VerifyAsync(With("""
                Params p = default, g = default;
                for (int i = 0; i < xs.Length; i++)
                {
                    CostGradient(p.W, xs[i], ys[i], out double dw);
                    g.W += dw;
                }
                p.W -= lr * g.W / xs.Length;
        """));

    [Fact]
    public Task A_tuple_of_gradients_beside_a_tuple_of_weights() => VerifyAsync(With("""
                (double w, double b) theta = (0, 0), grad = (0, 0);
                CostGradient(theta.w, x, y, out double dw);
                grad.w += dw;
                theta.w -= lr * grad.w;
        """));

    [Fact]
    public Task An_array_field_of_another_instance() => VerifyAsync(With("""
                var model = new Weights();
                var grad = new Weights();
                var dW = new double[3];
                VCostGradient(model.W, vx, y, dW);
                for (int j = 0; j < 3; j++) grad.W[j] += dW[j];
        """));

    [Theory]
    [InlineData("if (y * z > 0) continue;")]
    [InlineData("if (y * z > 0) { continue; }")]
    [InlineData("bool ok = y * z > 0; if (ok) continue;")]
    public Task The_perceptron_whose_label_check_leaves_the_pass_before_the_update(string check) => VerifyAsync(With($$"""
                double w = 0;
                for (int e = 0; e < epochs; e++)
                {
                    double z = Score(w, x);
                    {{check}}
                    w += lr * y * x;
                }
        """));

    [Fact]
    public Task A_warm_up_counter_the_if_tests_is_a_count_and_a_wrong_warm_up_is_flagged() => VerifyAsync(With("""
                double w = 0;
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    CostGradient(w, x, y, out double g);
                    if (epoch < 5) {|#0:w += lr * (epoch + 1) / 5.0 * g|};
                    else w -= lr * g;
                }
        """), Warning().WithLocation(0));

    [Theory]
    [InlineData("if (lr > 0) {|#0:w += lr * dw|};")]
    [InlineData("double norm = Math.Abs(dw); if (norm > 1.5) {|#0:w += lr * 1.5 / norm * dw|};")]
    [InlineData("if (w > 0 && lr < 1) {|#0:w += lr * dw|};")]
    public Task A_learning_rate_or_threshold_the_if_only_compares_is_still_positive(string update) => VerifyAsync(With($$"""
                double w = 0.5;
                CostGradient(w, x, y, out double dw);
                {{update}}
        """), Warning().WithLocation(0));
}
