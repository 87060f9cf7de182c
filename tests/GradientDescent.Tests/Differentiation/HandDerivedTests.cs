using System;
using CsCheck;
using GradientDescent.Tests.Generator;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>The generated gradients against derivatives worked out by hand, at random points.</summary>
public class HandDerivedTests
{
    private const double Tolerance = 1e-12;

    private static void AssertClose(double expected, double actual) =>
        Assert.True(SymbolicPropertyTests.Close(expected, actual, Tolerance), $"expected {expected}, got {actual}");

    [Fact]
    public void Seed_cost_derivative_is_minus_error_times_input()
    {
        var model = CompiledModel.Build(SnapshotSources.SeedCost);
        Gen.Select(Points.Uniform(-50, 150), Points.Uniform(-3, 3), Points.Uniform(0, 200)).Sample((w, x, y) =>
        {
            var (cost, g) = model.Gradient("Demo.Model", "Cost", w, x, y);
            AssertClose(0.5 * (y - w * x) * (y - w * x), cost);
            AssertClose(-(y - w * x) * x, g[0]); // ∂E/∂w = −(y − ŷ)·x: the article's grad with its sign
        }, iter: 200);
    }

    [Fact]
    public void Seed_first_step_matches_the_article()
    {
        var (cost, g) = CompiledModel.Build(SnapshotSources.SeedCost).Gradient("Demo.Model", "Cost", 0.1, 1, 100);
        Assert.Equal(4990.005, cost, 9);
        Assert.Equal(-99.9, g[0], 12);
        Assert.Equal(20.08, 0.1 - 0.2 * g[0], 12);
    }

    [Fact]
    public void Sigmoid_neuron_uses_p_times_one_minus_p()
    {
        var model = CompiledModel.Build(SnapshotSources.BiasSigmoid);
        Points.Uniform(-3, 3, 4).Sample(v =>
        {
            var (w, b, x, y) = (v[0], v[1], v[2], v[3]);
            var (_, g) = model.Gradient("Demo.Neuron", "Cost", w, b, x, y);
            var p = 1 / (1 + Math.Exp(-(w * x + b)));
            var delta = -(y - p) * p * (1 - p);
            AssertClose(delta * x, g[0]);
            AssertClose(delta, g[1]);
        }, iter: 200);
    }

    [Fact]
    public void Log_loss_gradient_is_prediction_minus_label()
    {
        var model = CompiledModel.Build(SnapshotSources.LogLoss);
        Gen.Select(Points.Uniform(-3, 3, 3), Points.Uniform(0, 1)).Sample((v, y) =>
        {
            var (w, b, x) = (v[0], v[1], v[2]);
            var (_, g) = model.Gradient("Demo.Logistic", "LogLoss", w, b, x, y);
            var p = 1 / (1 + Math.Exp(-(w * x + b)));
            Assert.True(SymbolicPropertyTests.Close((p - y) * x, g[0], 1e-9));
            Assert.True(SymbolicPropertyTests.Close(p - y, g[1], 1e-9));
        }, iter: 200);
    }

    [Fact]
    public void Rosenbrock_gradient()
    {
        var model = CompiledModel.Build(SnapshotSources.Rosenbrock);
        Points.Uniform(-2, 2, 2).Sample(v =>
        {
            var (x, y) = (v[0], v[1]);
            var (_, g) = model.Gradient("Demo.Functions", "Rosenbrock", x, y);
            AssertClose(-2 * (1 - x) - 400 * x * (y - x * x), g[0]);
            AssertClose(200 * (y - x * x), g[1]);
        }, iter: 200);
        var (value, atMinimum) = model.Gradient("Demo.Functions", "Rosenbrock", 1, 1);
        Assert.Equal(0, value);
        Assert.Equal(new[] { 0.0, 0.0 }, atMinimum);
    }

    [Fact]
    public void Tanh_layer_gradient()
    {
        var model = CompiledModel.Build(SnapshotSources.Tanh);
        Points.Uniform(-2, 2, 4).Sample(v =>
        {
            var (w, b, x, y) = (v[0], v[1], v[2], v[3]);
            var (_, g) = model.Gradient("TanhLayer", "Cost", w, b, x, y);
            var a = Math.Tanh(w * x + b);
            AssertClose(2 * (a - y) * (1 - a * a) * x, g[0]);
            AssertClose(2 * (a - y) * (1 - a * a), g[1]);
        }, iter: 200);
    }

    [Fact]
    public void Power_with_variable_exponent()
    {
        var model = CompiledModel.Build("""
            using System;
            using GradientDescent;
            public static partial class P { [Differentiable] public static double F(double u, double v) => Math.Pow(u, v); }
            """);
        Gen.Select(Points.Uniform(0.1, 3), Points.Uniform(-2, 2)).Sample((u, v) =>
        {
            var (_, g) = model.Gradient("P", "F", u, v);
            AssertClose(v * Math.Pow(u, v - 1), g[0]);
            AssertClose(Math.Pow(u, v) * Math.Log(u), g[1]);
        }, iter: 200);
    }

    [Fact]
    public void Kinks_take_the_documented_side()
    {
        var model = CompiledModel.Build("""
            using System;
            using GradientDescent;
            public static partial class K
            {
                [Differentiable] public static double Relu(double z) => Math.Max(z, 0);
                [Differentiable] public static double Absolute(double z) => Math.Abs(z);
                [Differentiable] public static double Smaller(double u, double v) => Math.Min(u, v);
            }
            """);
        Assert.Equal(1, model.Gradient("K", "Relu", 2).Gradient[0]);
        Assert.Equal(0, model.Gradient("K", "Relu", -2).Gradient[0]);
        Assert.Equal(1, model.Gradient("K", "Relu", 0).Gradient[0]); // ties go to the first argument
        Assert.Equal(-1, model.Gradient("K", "Absolute", -3).Gradient[0]);
        Assert.Equal(0, model.Gradient("K", "Absolute", 0).Gradient[0]); // the subgradient 0 at the kink
        Assert.Equal(new[] { 1.0, 0.0 }, model.Gradient("K", "Smaller", 1, 2).Gradient);
        Assert.Equal(new[] { 0.0, 1.0 }, model.Gradient("K", "Smaller", 3, 2).Gradient);
    }

    [Fact]
    public void Default_wrt_is_every_double_parameter_in_order_and_explicit_wrt_keeps_its_order()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class Order
            {
                [Differentiable] public static double All(double a, double b, double c) => a + 2 * b + 3 * c;
                [Differentiable(nameof(c), nameof(a))] public static double Picked(double a, double b, double c) => a + 2 * b + 3 * c;
            }
            """);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, model.Gradient("Order", "All", 0, 0, 0).Gradient);
        Assert.Equal(new[] { 3.0, 1.0 }, model.Gradient("Order", "Picked", 0, 0, 0).Gradient);
        var picked = model.Type("Order").GetMethod("PickedGradient")!.GetParameters();
        Assert.Equal(new[] { "a", "b", "c", "dc", "da" }, Array.ConvertAll(picked, p => p.Name));
    }
}
