using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Where a step's factors come from, found by review (2026-12-07): each silent case was a false warning, each flagged
/// one its wrong-signed twin that must still be caught. A label the update's condition tests is data, not a learning
/// rate; a step that shares nothing with the gradient does not follow it; a loop counter is a whole number.
/// </summary>
public class ReviewedStepSourcesTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        public static partial class M
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }

            [Differentiable(nameof(w), nameof(b))]
            public static double Score(double w, double b, double x) => w * x + b;

            [Differentiable(nameof(z))]
            public static double SoftPlus(double z) => Math.Log(1 + Math.Exp(z));

            [Differentiable(nameof(v))]
            private static double Total(ReadOnlySpan<double> v) { double s = 0; for (int i = 0; i < v.Length; i++) s += v[i]; return s; }

            public static void Fit(double w, double x, double y, double lr, double a, double b, double dt, double[] p)
            {
        BODY
            }
        }
        """;

    private static string With(string body) => Source.Replace("BODY", body);

    [Fact]
    public Task The_perceptron_with_a_differentiable_score_and_a_label_the_condition_tests() => VerifyAsync(With("""
                double wp = 0, bp = 0;
                for (int e = 0; e < 10; e++)
                {
                    double z = Score(wp, bp, x);
                    if (y * z <= 0) wp += lr * y * x;
                }
        """));

    [Fact]
    public Task A_sweep_that_steps_the_input_of_an_increasing_function() => VerifyAsync(With("""
                double area = 0, t = a;
                while (t < b)
                {
                    double f = SoftPlus(t);
                    area += f * dt;
                    t += dt;
                }
        """));

    [Fact]
    public Task Data_rearranged_after_a_cost_read_it() => VerifyAsync(With("""
                double before = Total(p);
                for (int i = 1; i < p.Length; i++) p[i] += p[i - 1];
        """));

    [Fact]
    public Task A_schedule_over_a_counter_from_two_descends_and_its_flipped_twin_is_flagged() => VerifyAsync(With("""
                for (int t = 2; t < 100; t++)
                {
                    CostGradient(w, x, y, out double dw);
                    w -= lr / Math.Log(t) * dw;
                }
                for (int t = 2; t < 100; t++)
                {
                    CostGradient(w, x, y, out double dw);
                    {|#0:w += lr / Math.Log(t) * dw|};
                }
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_learning_rate_the_condition_does_not_test_is_still_positive() => VerifyAsync(With("""
                CostGradient(w, x, y, out double dw);
                if (Math.Abs(dw) > 1e-9) {|#0:w += lr * dw|};
        """), Warning().WithLocation(0));
}
