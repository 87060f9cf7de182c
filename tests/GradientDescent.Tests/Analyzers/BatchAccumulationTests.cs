using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Batch gradient descent: the cost evaluated per sample inside a loop, a gradient summed in the same loop (by the
/// generated gradient or by hand, either sign convention), the update after the loop, mean or sum. Wrong and right.
/// </summary>
public class BatchAccumulationTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Linear(double w, double b, double x, double y) { double e = y - (w * x + b); return 0.5 * e * e; }
        }

        public static class Training
        {
            public static double Epoch(ref double w, ref double b, double[] xs, double[] ys, double lr)
            {
                double loss = 0;
        BODY
                return loss;
            }
        }
        """;

    private static string With(string body) => Costs.Replace("BODY", body);

    [Fact]
    public Task A_generated_gradient_summed_and_added_after_the_loop_is_flagged() => VerifyAsync(With("""
                double gw = 0, gb = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    loss += Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                    gw += dw;
                    gb += db;
                }
                {|#0:w += lr * gw / xs.Length|};
                b -= lr * gb / xs.Length;
        """), Warning().WithLocation(0).WithMessage(
        "Update of 'w' climbs the gradient of 'ΣLinear' (∂ΣLinear/∂w = Σ ∂Linear/∂w); gradient descent moves against it"));

    [Fact]
    public Task A_weight_declared_with_a_literal_before_the_loop_is_judged_at_the_data_drawn() => VerifyAsync(With("""
                double u = 0.5, gu = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    loss += Model.LinearGradient(u, b, xs[i], ys[i], out double du, out double db);
                    gu += du;
                }
                {|#0:u = u + lr * gu|};
                double v = 0.5, gv = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    loss += Model.LinearGradient(v, b, xs[i], ys[i], out double dv, out double db);
                    gv += dv;
                }
                v -= lr * gv;
                w = u + v;
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_generated_gradient_summed_and_subtracted_after_the_loop_is_silent() => VerifyAsync(With("""
                double gw = 0, gb = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    loss += Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                    gw += dw;
                    gb = gb + db;
                }
                w -= lr * gw / xs.Length;
                b = b - lr * gb;
        """));

    [Fact]
    public Task A_hand_written_sum_in_the_articles_sign_convention_is_judged_both_ways() => VerifyAsync(With("""
                double gw = 0, gb = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    loss += Model.Linear(w, b, xs[i], ys[i]);
                    gw += (ys[i] - (w * xs[i] + b)) * xs[i];
                    gb -= ys[i] - (w * xs[i] + b);
                }
                w += lr * gw / xs.Length;
                {|#0:b += lr * gb / xs.Length|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_sum_scaled_per_sample_by_data_is_not_judged() => VerifyAsync(With("""
                double gw = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                    gw += ys[i] * ys[i] * dw;
                }
                w += lr * gw;
        """));

    [Fact]
    public Task Updating_the_weight_inside_the_loop_is_stochastic_and_judged_per_sample() => VerifyAsync(With("""
                double gw = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                    gw += dw;
                    {|#0:w += lr * dw|};
                }
                w -= lr * gw;
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_mini_batch_inside_an_epoch_loop_is_judged() => VerifyAsync(With("""
                for (int epoch = 0; epoch < 10; epoch++)
                {
                    double gw = 0;
                    for (int i = 0; i < xs.Length; i++)
                    {
                        Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                        gw += dw;
                    }
                    {|#0:w = w + lr * gw|};
                }
        """), Warning().WithLocation(0));
}
