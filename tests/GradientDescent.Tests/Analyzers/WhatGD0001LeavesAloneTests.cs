using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// One test per item of the README's list of what GD0001 leaves alone, in its order: correct code it must not flag,
/// and wrong code it cannot decide (written the wrong way here, so a test fails the day the analyzer starts judging
/// it and the README must be updated with it).
/// </summary>
public class WhatGD0001LeavesAloneTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Linear(double w, double b, double x, double y) { double e = y - (w * x + b); return 0.5 * e * e; }

            [Differentiable(nameof(w))]
            public static double Dot(double[] w, ReadOnlySpan<double> x, double y)
            {
                double z = 0;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                return 0.5 * (z - y) * (z - y);
            }
        }
        """;

    private static string With(string body) => Costs + """

        public static class Training
        {
            private static double _velocity;

            public static void Fit(double w, double b, double[] ws, double[] xs, double[] ys, double x, double y, double lr, double mu, int steps)
            {
        BODY
            }

            private static double Scaled(double g) => 0.1 * g;
        }
        """.Replace("BODY", body);

    [Fact]
    public Task Weight_decay() => VerifyAsync(With("""
                Model.LinearGradient(w, b, x, y, out double dw, out double db);
                w -= lr * 0.01 * w;
                w = w - lr * dw;
        """));

    [Fact]
    public Task Counters_and_learning_rate_schedules() => VerifyAsync(With("""
                int k = 0;
                for (int s = 0; s < steps; s++)
                {
                    Model.LinearGradient(w, b, x, y, out double dw, out double db);
                    w -= lr * dw;
                    k += 1;
                    lr *= 0.99;
                    lr -= 1e-4;
                }
        """));

    [Fact]
    public Task A_step_made_of_another_parameters_gradient() => VerifyAsync(With("""
                Model.LinearGradient(w, b, x, y, out double dw, out double db);
                w += lr * db;
                b += lr * dw;
        """));

    [Fact]
    public Task A_sum_weighted_per_sample_by_data() => VerifyAsync(With("""
                double gw = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    Model.LinearGradient(w, b, xs[i], ys[i], out double dw, out double db);
                    gw += ys[i] * dw;
                }
                w += lr * gw;
        """));

    [Fact]
    public Task A_step_computed_by_a_method_it_cannot_see_into() => VerifyAsync(With("""
                Model.LinearGradient(w, b, x, y, out double dw, out double db);
                w += Scaled(dw);
        """));

    [Fact]
    public Task A_gradient_computed_by_an_inline_loop() => VerifyAsync(With("""
                double loss = Model.Dot(ws, xs, y);
                double z = 0;
                for (int k = 0; k < ws.Length; k++) z += ws[k] * xs[k];
                for (int j = 0; j < ws.Length; j++) ws[j] += lr * (z - y) * xs[j];
        """));

    [Fact]
    public Task A_momentum_buffer_whose_initial_value_it_does_not_know() => VerifyAsync(With("""
                for (int s = 0; s < steps; s++)
                {
                    Model.LinearGradient(w, b, x, y, out double dw, out double db);
                    _velocity = mu * _velocity + lr * dw;
                    w += _velocity;
                }
        """));

    [Fact]
    public Task A_momentum_buffer_per_element_of_vector_weights() => VerifyAsync(With("""
                var dw = new double[ws.Length];
                var v = new double[ws.Length];
                for (int s = 0; s < steps; s++)
                {
                    Model.DotGradient(ws, xs, y, dw);
                    for (int j = 0; j < ws.Length; j++)
                    {
                        v[j] = mu * v[j] + lr * dw[j];
                        ws[j] += v[j];
                    }
                }
        """));

    [Fact]
    public Task A_batch_sum_of_vector_gradients() => VerifyAsync(With("""
                var dw = new double[ws.Length];
                var gw = new double[ws.Length];
                for (int i = 0; i < 8; i++)
                {
                    Model.DotGradient(ws, xs, ys[i], dw);
                    for (int j = 0; j < ws.Length; j++) gw[j] += dw[j];
                }
                for (int j = 0; j < ws.Length; j++) ws[j] += lr * gw[j];
        """));

    [Fact]
    public Task An_array_the_cost_was_not_given() => VerifyAsync(With("""
                var dw = new double[ws.Length];
                var copy = (double[])ws.Clone();
                Model.DotGradient(copy, xs, y, dw);
                for (int j = 0; j < ws.Length; j++) ws[j] += lr * dw[j];
        """));

    [Fact]
    public Task A_gradient_taken_before_an_earlier_update_moved_the_weight() => VerifyAsync(With("""
                Model.LinearGradient(w, b, x, y, out double dw, out double db);
                w -= lr * dw;
                w += lr * dw;
        """));

    [Fact]
    public Task A_method_with_no_cost_in_scope() => VerifyAsync(With("""
                double g = (w * x + b - y) * x;
                w += lr * g;
        """));

    private const string Simulations = """
        using GradientDescent;

        public static partial class Simulation
        {
            // a million Euler steps per evaluation: more than the analysis runs at each of its sample points
            [Differentiable(nameof(kappa))]
            public static double Long(double kappa, double target)
            {
                double x = 1, loss = 0;
                for (int frame = 0; frame < 1000; frame++)
                {
                    for (int sub = 0; sub < 1000; sub++) x -= 1e-6 * kappa * x;
                    loss += (x - target) * (x - target);
                }
                return loss;
            }

            // the same shape, a thousand steps
            [Differentiable(nameof(kappa))]
            public static double Short(double kappa, double target)
            {
                double x = 1, loss = 0;
                for (int frame = 0; frame < 100; frame++)
                {
                    for (int sub = 0; sub < 10; sub++) x -= 1e-2 * kappa * x;
                    loss += (x - target) * (x - target);
                }
                return loss;
            }

            public static void Fit(double lr)
            {
                double kappa = 1, k = 1;
                for (int i = 0; i < 10; i++)
                {
                    LongGradient(kappa, 0.5, out double dLong);
                    kappa += lr * dLong;
                    ShortGradient(k, 0.5, out double dShort);
                    {|#0:k += lr * dShort|};
                }
            }
        }
        """;

    [Fact]
    public Task A_cost_whose_loops_run_longer_than_the_analysis_allows() => VerifyAsync(Simulations,
        Warning().WithLocation(0).WithMessage("Update of 'k' climbs the gradient of 'Short' (∂Short/∂k = its generated gradient); gradient descent moves against it"));
}
