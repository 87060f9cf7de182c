using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// GD0001 on costs with loops over data, nested loops, calls of other [Differentiable] methods, array and span
/// parameters and local arrays: the derivative is the generator's own, run on arrays the judge draws. Each form
/// wrong (one warning, at the update) and right (silent).
/// </summary>
public class SignOfUpdateOnRealCostsTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Mse(double w, double b, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = ys[i] - (w * xs[i] + b); s += e * e; }
                return s / xs.Length;
            }

            [Differentiable(nameof(z))]
            private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

            // a call of another [Differentiable] method per sample, span parameters
            [Differentiable(nameof(w), nameof(b))]
            public static double LogLoss(double w, double b, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
            {
                double loss = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    double p = Sigmoid(w * xs[i] + b);
                    loss -= ys[i] > 0 ? Math.Log(p) : Math.Log(1 - p);
                }
                return loss;
            }

            // nested loops and a local array
            [Differentiable(nameof(a))]
            public static double Smooth(double a, double[] xs, int rounds)
            {
                double[] h = new double[xs.Length];
                for (int k = 0; k < xs.Length; k++) h[k] = Math.Tanh(a * xs[k]);
                double s = 0;
                for (int r = 0; r < rounds; r++)
                    for (int k = 0; k < xs.Length; k++) s += (h[k] - xs[k]) * (h[k] - xs[k]) * (r + 1);
                return s;
            }
        }
        """;

    private static string With(string body) => Costs + """

        public static class Training
        {
            public static void Step(ref double w, ref double b, double[] xs, double[] ys, double lr)
            {
        BODY
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public Task A_wrong_bias_update_after_a_cost_with_a_loop_over_arrays_is_flagged() => VerifyAsync(With("""
                Model.MseGradient(w, b, xs, ys, out double dw, out double db);
                w -= lr * dw;
                {|#0:b += lr * db|};
        """), Warning().WithLocation(0).WithMessage("Update of 'b' climbs the gradient of 'Mse' (∂Mse/∂b = its generated gradient); gradient descent moves against it"));

    [Fact]
    public Task Right_updates_after_a_cost_with_a_loop_over_arrays_are_silent() => VerifyAsync(With("""
                Model.MseGradient(w, b, xs, ys, out double dw, out double db);
                w -= lr * dw;
                b = b - lr * db;
        """));

    [Fact]
    public Task A_cost_calling_another_differentiable_method_is_judged() => VerifyAsync(With("""
                Model.LogLossGradient(w, b, xs, ys, out double dw, out double db);
                {|#0:w = w + lr * dw|};
                b -= lr * db;
        """), Warning().WithLocation(0));

    [Fact]
    public Task Right_updates_after_a_cost_calling_another_method_are_silent() => VerifyAsync(With("""
                Model.LogLossGradient(w, b, xs, ys, out double dw, out double db);
                w -= lr * dw;
                b -= 0.5 * db;
        """));

    [Fact]
    public Task A_cost_with_nested_loops_a_local_array_and_an_int_count_is_judged() => VerifyAsync(With("""
                Model.SmoothGradient(w, xs, 3, out double dw);
                {|#0:w -= -lr * dw|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_right_update_after_a_cost_with_nested_loops_is_silent() => VerifyAsync(With("""
                Model.SmoothGradient(w, xs, 3, out double dw);
                w -= lr * dw;
        """));

    [Fact]
    public Task A_hand_written_step_a_loop_computes_stays_undecided() => VerifyAsync(With("""
                double loss = Model.Mse(w, b, xs, ys);
                double g = 0;
                for (int i = 0; i < xs.Length; i++) g += (ys[i] - (w * xs[i] + b)) * xs[i];
                w -= lr * g;
        """));
}
