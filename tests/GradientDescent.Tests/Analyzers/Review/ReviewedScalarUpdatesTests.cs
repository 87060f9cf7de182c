using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Correct training code found by review that GD0001 must leave silent (each once a false warning or a case
/// probed for one): scalar updates: probes and their restores, undone steps, negative constant steps, schedules, ref locals and callees.
/// </summary>
public class ReviewedScalarUpdatesTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = w * x - y; return 0.5 * e * e; }

            [Differentiable(nameof(w))]
            public static double Logistic(double w, double x, double y) => Math.Log(1 + Math.Exp(-y * w * x));
        }
        """;

    private static string With(string body) => Costs + """

        public static class Training
        {
            const double NegStep = -0.05;
            static readonly double NegStep2 = -0.05;
            public static double Fit(double x, double y, double lr, double mu, int steps)
            {
                double w = 0.1;
        BODY
                return w;
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public Task S01_scalar_fd_probe_and_restore() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                w -= 1e-6 * g;
                double cm = Model.Cost(w, x, y);
                w += 1e-6 * g;
        """));

    [Fact]
    public Task S02_scalar_undo_logistic() => VerifyAsync(With("""
                Model.LogisticGradient(w, x, y, out double g);
                double before = Model.Logistic(w, x, y);
                w -= lr * g;
                double after = Model.Logistic(w, x, y);
                if (after > before) w += lr * g;
        """));

    [Fact]
    public Task S03_negative_constants() => VerifyAsync(With("""
                const double step = -0.1;
                Model.CostGradient(w, x, y, out double g);
                w += step * g;
                Model.CostGradient(w, x, y, out g);
                w += NegStep * g;
                Model.CostGradient(w, x, y, out g);
                w = w + (-lr) * g;
        """));

    [Fact]
    public Task S03b_static_readonly_negative() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                w += NegStep2 * g;
        """));

    [Fact]
    public Task S04_momentum_ternary() => VerifyAsync(With("""
                double v = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    v = k == 0 ? g : mu * v + g;
                    w -= lr * v;
                }
                int t = 0;
                double u = 0;
                while (t < steps)
                {
                    Model.CostGradient(w, x, y, out double g);
                    u = t == 0 ? g : mu * u + (1 - mu) * g;
                    w -= lr * u;
                    t++;
                }
        """));

    [Fact]
    public Task S05_first_pass_skipped_continue() => VerifyAsync(With("""
                double v = 0, prevG = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    if (k == 0) { prevG = g; continue; }
                    v = mu * v + lr * g;
                    w -= v;
                }
                double m = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    m = mu * m + g;
                    if (k == 0) continue;
                    w -= lr * m;
                }
        """));

    [Fact]
    public Task S06_adam_t_from_zero() => VerifyAsync(With("""
                double m = 0, s = 0;
                for (int t = 0; t < steps; t++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    m = 0.9 * m + 0.1 * g;
                    s = 0.999 * s + 0.001 * g * g;
                    double mHat = m / (1 - Math.Pow(0.9, t + 1));
                    double sHat = s / (1 - Math.Pow(0.999, t + 1));
                    w -= lr * mHat / (Math.Sqrt(sHat) + 1e-8);
                }
                m = 0; s = 0;
                int step = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    m = mu * m + (1 - mu) * g;
                    s = 0.999 * s + 0.001 * g * g;
                    double a = lr * Math.Sqrt(1 - Math.Pow(0.999, step + 1)) / (1 - Math.Pow(mu, step + 1));
                    w -= a * m / (Math.Sqrt(s) + 1e-8);
                    step++;
                }
        """));

    [Fact]
    public Task S07_schedules_scalar() => VerifyAsync(With("""
                for (int epoch = 0; epoch < steps; epoch++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    w -= lr / (epoch + 1) * g;
                    Model.CostGradient(w, x, y, out g);
                    w -= lr * Math.Pow(0.9, epoch) * g;
                    Model.CostGradient(w, x, y, out g);
                    w -= lr * (1 - (double)epoch / steps) * g;
                }
                double rate = lr;
                for (int epoch = 0; epoch < steps; epoch++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    w -= rate * g;
                    rate *= 0.99;
                }
        """));

    [Fact]
    public Task S08_nesterov_lookahead_scalar() => VerifyAsync(With("""
                double v = 0;
                for (int k = 0; k < steps; k++)
                {
                    double look = w + mu * v;
                    Model.CostGradient(look, x, y, out double g);
                    v = mu * v - lr * g;
                    w += v;
                }
                double prev = w;
                for (int k = 0; k < steps; k++)
                {
                    double yk = w + mu * (w - prev);
                    Model.CostGradient(yk, x, y, out double g);
                    prev = w;
                    w = yk - lr * g;
                }
                double vel = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    double vPrev = vel;
                    vel = mu * vel - lr * g;
                    w += -mu * vPrev + (1 + mu) * vel;
                }
        """));

    [Fact]
    public Task S09_scalar_probe_forward_then_restore_in_loop() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                for (int k = 0; k < 3; k++)
                {
                    w -= lr * g;
                    double c = Model.Cost(w, x, y);
                    w += lr * g;
                    lr /= 2;
                }
        """));

    [Fact]
    public Task S10_scalar_gradient_ref_local_or_lambda_negated() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                ref double gr = ref g;
                gr = -gr;
                w += lr * g;
        """));

    [Fact]
    public Task S11_scalar_local_function_negates() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                Flip();
                w += lr * g;
                void Flip() => g = -g;
        """));

    [Fact]
    public Task S12_scalar_undo_small_literal_rate() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                double before = Model.Cost(w, x, y);
                w -= 0.01 * g;
                double after = Model.Cost(w, x, y);
                if (after > before) w += 0.01 * g;
        """));
}
