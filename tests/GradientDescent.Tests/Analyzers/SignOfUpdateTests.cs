using System.Linq;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// GD0001 is decided by the mathematics, not the operator: each case from the issue, with the exact span of every
/// expected warning marked <c>[|…|]</c> and no warning anywhere else.
/// </summary>
public class SignOfUpdateTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Costs
        {
            [Differentiable(nameof(yOut))]
            public static double E(double yTrue, double yOut) => 0.5 * (yTrue - yOut) * (yTrue - yOut);

            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }

            [Differentiable(nameof(w), nameof(b))]
            public static double Linear(double w, double b, double x, double y) { double e = y - (w * x + b); return 0.5 * e * e; }

            [Differentiable(nameof(w), nameof(b))]
            public static double Neuron(double w, double b, double x, double y)
            {
                double p = 1 / (1 + Math.Exp(-(w * x + b)));
                return 0.5 * (y - p) * (y - p);
            }
        }
        """;

    private static void Verify(string markup)
    {
        var (text, expected) = SpanMarkup.Parse(markup);
        var result = GeneratorHarness.Run(Costs, text);
        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerExceptions);
        var tree = result.Output.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var actual = result.AnalyzerDiagnostics.Where(d => d.Id == "GD0001" && d.Location.SourceTree == tree).Select(d => d.Location.SourceSpan).OrderBy(s => s.Start).ToList();
        Assert.Equal(expected.OrderBy(s => s.Start).Select(s => text.Substring(s.Start, s.Length)), actual.Select(s => text.Substring(s.Start, s.Length)));
        Assert.Equal(expected.OrderBy(s => s.Start), actual);
        var other = result.AnalyzerDiagnostics.Where(d => d.Id != "GD0001").ToList();
        Assert.Empty(other);
    }

    [Fact]
    public void A_cost_whose_while_loop_never_stops_at_the_sample_points_is_not_judged()
    {
        // The evaluator gives up after a bounded number of passes: no verdict rests on it, and the IDE does not hang.
        Verify("""
            using GradientDescent;
            public static partial class Stuck
            {
                [Differentiable(nameof(w))]
                public static double Forever(double w)
                {
                    double v = w * w + 1;
                    while (v > 0) v += 1;
                    return v;
                }
            }
            public static class Train
            {
                public static void Step(ref double w, double lr)
                {
                    Stuck.ForeverGradient(w, out double g);
                    w += lr * g;
                }
            }
            """);
    }

    [Fact]
    public void Seed_loop_as_the_article_writes_it_is_fine()
    {
        Verify("""
            public static class Train
            {
                public static double Run(double yTrue, double lr)
                {
                    double w = 0.1;
                    for (int n = 0; n <= 60; n++)
                    {
                        double x = 1;
                        double yOut = w * x;
                        double cost = Costs.E(yTrue, yOut);
                        double grad = (yTrue - yOut) * x;
                        w = w + lr * grad;
                    }
                    return w;
                }
            }
            """);
    }

    [Fact]
    public void Seed_loop_with_the_sign_flipped_climbs()
    {
        Verify("""
            public static class Train
            {
                public static double Run(double yTrue, double lr)
                {
                    double w = 0.1;
                    for (int n = 0; n <= 60; n++)
                    {
                        double x = 1;
                        double yOut = w * x;
                        double cost = Costs.E(yTrue, yOut);
                        double grad = (yTrue - yOut) * x;
                        [|w = w - lr * grad|];
                    }
                    return w;
                }
            }
            """);
    }

    [Fact]
    public void Message_names_the_parameter_the_cost_and_the_derivative()
    {
        var (text, _) = SpanMarkup.Parse("""
            public static class Train
            {
                public static void Step(ref double w, double x, double yTrue, double lr)
                {
                    double yOut = w * x;
                    double cost = Costs.E(yTrue, yOut);
                    double grad = (yTrue - yOut) * x;
                    w = w - lr * grad;
                }
            }
            """);
        var diagnostic = Assert.Single(GeneratorHarness.Run(Costs, text).AnalyzerDiagnostics);
        Assert.Equal("Update of 'w' climbs the gradient of 'E' (∂E/∂w = -(yTrue - yOut)·x); gradient descent moves against it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void Updates_after_the_generated_gradient()
    {
        Verify("""
            public static class Train
            {
                public static void Steps(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    [|w += lr * dw|];
                }

                public static void Fine1(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w -= lr * dw; }
                public static void Fine2(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w -= dw * lr; }
                public static void Fine3(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w += -lr * dw; }
                public static void Fine4(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w = -lr * dw + w; }
                public static void Bad1(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); [|w -= -lr * dw|]; }
                public static void Bad2(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); [|w = lr * dw + w|]; }
                public static void Bad3(double w, double x, double y) { Costs.CostGradient(w, x, y, out var dw); [|w = w + dw / 10.0|]; }
                public static void Scaled(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out var dw); [|w += lr * dw * x * x|]; }
                public static void ScaledFine(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out var dw); w -= lr * dw / (1 + x * x); }
            }
            """);
    }

    [Fact]
    public void Inline_steps()
    {
        Verify("""
            public static class Train
            {
                public static void Bad(double w, double x, double y, double lr) { double c = Costs.Cost(w, x, y); [|w -= lr * (y - w * x) * x|]; }
                public static void Fine(double w, double x, double y, double lr) { double c = Costs.Cost(w, x, y); w = w - lr * (-(y - w * x) * x); }
            }
            """);
    }

    [Fact]
    public void Bias_next_to_a_weight_in_the_same_loop()
    {
        Verify("""
            public static class Train
            {
                public static void Fit(double[] xs, double[] ys, double lr)
                {
                    double w = 0, b = 0;
                    for (int i = 0; i < xs.Length; i++)
                    {
                        double x = xs[i], y = ys[i];
                        double prediction = w * x + b;
                        double cost = Costs.Linear(w, b, x, y);
                        double error = y - prediction;
                        w += lr * error * x;
                        [|b -= lr * error|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Sigmoid_neuron_with_a_hand_written_delta()
    {
        Verify("""
            using System;
            public static class Train
            {
                public static void Good(ref double w, ref double b, double x, double y, double lr)
                {
                    double p = 1 / (1 + Math.Exp(-(w * x + b)));
                    double cost = Costs.Neuron(w, b, x, y);
                    double delta = (y - p) * p * (1 - p);
                    w += lr * delta * x;
                    b += lr * delta;
                }

                public static void Bad(ref double w, ref double b, double x, double y, double lr)
                {
                    double p = 1 / (1 + Math.Exp(-(w * x + b)));
                    double cost = Costs.Neuron(w, b, x, y);
                    double delta = (y - p) * p * (1 - p);
                    [|w -= lr * delta * x|];
                    [|b = b - lr * delta|];
                }
            }
            """);
    }

    [Fact]
    public void Fields_updated_in_an_instance_method_from_a_static_costs_gradient()
    {
        Verify("""
            public sealed class Trainer
            {
                private double _w, _b;
                private readonly double _lr = 0.1;

                public void Step(double x, double y)
                {
                    Costs.LinearGradient(_w, _b, x, y, out double dw, out double db);
                    _w -= _lr * dw;
                    [|this._b += _lr * db|];
                }
            }
            """);
    }

    [Theory]
    [InlineData("total += cost;")]                                   // accumulator
    [InlineData("count++; count += 1;")]                              // counters
    [InlineData("lr *= 0.99; lr = lr - 0.001;")]                      // learning-rate decay and schedule
    [InlineData("w -= lr * 0.01 * w;")]                               // weight decay
    [InlineData("v = beta * v + lr * dw; w -= v;")]                   // momentum
    [InlineData("v = beta * v - lr * dw; w += v;")]                   // momentum, other sign convention
    [InlineData("w -= lr * db;")]                                     // b's gradient applied to w
    [InlineData("w += lr * db;")]
    [InlineData("w += lr * Helper(w);")]                              // a step the analysis cannot see into
    [InlineData("w += lr * sq[0];")]
    public void No_warning_where_the_relation_cannot_be_established(string updates)
    {
        Verify($$"""
            public static class Train
            {
                static double Helper(double w) => -w;

                public static double Loop(double w, double b, double x, double y, double lr, double beta, double[] sq)
                {
                    double total = 0, v = 0;
                    int count = 0;
                    for (int i = 0; i < 100; i++)
                    {
                        double cost = Costs.LinearGradient(w, b, x, y, out double dw, out double db);
                        {{updates}}
                    }
                    return total / count + w + lr + v;
                }
            }
            """);
    }

    [Fact]
    public void No_warning_without_a_cost_in_scope()
    {
        Verify("""
            public static class Train
            {
                public static double NoCost(double w, double x, double y, double lr)
                {
                    double yOut = w * x;
                    double grad = (y - yOut) * x;
                    w -= lr * grad;   // the seed's sign mistake, but nothing says what is being minimised
                    return w;
                }
            }
            """);
    }

    [Fact]
    public void No_warning_when_the_weight_changed_after_the_cost_was_evaluated()
    {
        Verify("""
            public static class Train
            {
                public static double Twice(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    w -= lr * dw;
                    w += lr * dw;    // w is no longer the value the gradient was taken at
                    return w;
                }
            }
            """);
    }

    [Fact]
    public void Half_typed_updates_do_not_throw()
    {
        foreach (var update in new[] { "w += ", "w = w +", "w -= lr *", "w = ", "w += lr * dw(", "+= lr * dw;", "w += lr * undefined;" })
        {
            var result = GeneratorHarness.Run(Costs, $$"""
                public static class Train
                {
                    public static void Step(double w, double x, double y, double lr)
                    {
                        Costs.CostGradient(w, x, y, out double dw);
                        {{update}}
                    }
                }
                """);
            Assert.Empty(result.AnalyzerExceptions);
            Assert.Null(result.GeneratorException);
        }
    }

    [Fact]
    public void Every_update_of_a_long_body_is_judged_against_the_cost_of_its_own_pass_segment()
    {
        // The body is read once; each update still sees exactly the statements before it: the branch it is in,
        // not the branch beside it, and a loop's own pass.
        Verify("""
            public static class Train
            {
                public static double Run(double a, double b, double c, double d, double x, double y, double lr, bool flip)
                {
                    double c0 = Costs.Cost(a, x, y);
                    a += lr * (y - a * x) * x;
                    double c1 = Costs.Cost(b, x, y);
                    [|b -= lr * (y - b * x) * x|];
                    double c2 = Costs.Cost(c, x, y);
                    if (flip)
                    {
                        c = c + lr * (y - c * x) * x;
                    }
                    else
                    {
                        [|c = c - lr * (y - c * x) * x|];
                    }
                    for (int i = 0; i < 3; i++)
                    {
                        double c3 = Costs.Cost(d, x, y);
                        [|d -= lr * (y - d * x) * x|];
                        double c4 = Costs.Cost(a, x, y);
                        a += lr * (y - a * x) * x;
                    }
                    return a + b + c + d + c0 + c1 + c2;
                }
            }
            """);
    }

    [Fact]
    public void Steps_are_read_as_the_parser_reads_expressions_conditionals_and_clipping_included()
    {
        // GD0001 reads a step with the generator's own expression reader, so whatever the generator can read, it can
        // judge: a conditional step size, and a gradient clipped by Math.Clamp (sign-preserving).
        Verify("""
            using System;
            public static class Train
            {
                public static void Conditional(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    [|w += (lr > 0 ? lr : -lr) * dw|];
                }

                public static void ConditionalFine(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    w -= (lr > 0 ? lr : -lr) * dw;
                }

                public static void Clipped(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    [|w += lr * Math.Clamp(dw, -1.0, 1.0)|];
                }

                public static void ClippedFine(double w, double x, double y, double lr)
                {
                    Costs.CostGradient(w, x, y, out double dw);
                    w -= lr * Math.Clamp(dw, -1.0, 1.0);
                }
            }
            """);
    }
}
