using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using GradientDescent.Tests.Generator;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>The generated Train…: convergence to known optima, the callback, every bad option, and divergence.</summary>
public class TrainingTests
{
    private static readonly Lazy<CompiledModel> Seed = new(() => CompiledModel.Build(SnapshotSources.SeedCost));
    private static readonly Lazy<CompiledModel> Rosenbrock = new(() => CompiledModel.Build(SnapshotSources.Rosenbrock));

    private static (TrainingResult Result, double[] Parameters) Train(CompiledModel model, string type, string method, double[] start, object[] data, TrainingOptions options)
    {
        var train = System.Linq.Enumerable.Single(model.Type(type).GetMethods(BindingFlags.Public | BindingFlags.Static),
            m => m.Name == "Train" + method && !System.Linq.Enumerable.Any(m.GetParameters(), p => p.ParameterType.IsByRefLike)); // the one-sample overload
        var arguments = new List<object>();
        var wrt = 0;
        foreach (var p in train.GetParameters())
        {
            if (p.ParameterType.IsByRef) arguments.Add(start[wrt++]);
            else if (p.ParameterType == typeof(TrainingOptions)) arguments.Add(options);
            else arguments.Add(data[arguments.Count - wrt]);
        }
        var args = arguments.ToArray();
        var result = (TrainingResult)train.Invoke(null, args)!;
        var trained = new List<double>();
        for (var i = 0; i < args.Length; i++) if (train.GetParameters()[i].ParameterType.IsByRef) trained.Add((double)args[i]);
        return (result, trained.ToArray());
    }

    [Fact]
    public void Seed_converges_to_100_and_reports_every_step()
    {
        var steps = new List<TrainingStep>();
        var (result, w) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 },
            new TrainingOptions { LearningRate = 0.2, Steps = 61, OnStep = steps.Add });

        Assert.Equal(61, steps.Count);
        Assert.Equal(4990.005, steps[0].Cost, 9);
        Assert.Equal(20.08, steps[0].Parameters[0], 12);
        Assert.Equal(Enumerable(61), steps.ConvertAll(s => s.Step));
        Assert.Equal(100 - 99.9 * Math.Pow(0.8, 61), w[0], 9);
        Assert.Equal(61, result.Steps);
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.False(result.StoppedEarly);
        Assert.Equal(0.5 * (100 - w[0]) * (100 - w[0]), result.FinalCost, 12);
    }

    private static List<int> Enumerable(int count) => new(System.Linq.Enumerable.Range(0, count));

    [Theory]
    [InlineData(Optimizer.Momentum, 0.0005, 20000)]
    [InlineData(Optimizer.Adam, 0.02, 20000)]
    public void Rosenbrock_reaches_its_minimum_with_momentum_and_adam(Optimizer optimizer, double rate, int steps)
    {
        var (result, p) = Train(Rosenbrock.Value, "Demo.Functions", "Rosenbrock", new[] { -1.2, 1.0 }, Array.Empty<object>(),
            new TrainingOptions { LearningRate = rate, Steps = steps, Optimizer = optimizer, Tolerance = 1e-8 });

        Assert.NotEqual(StopReason.Diverged, result.StopReason);
        Assert.Equal(1, p[0], 2);
        Assert.Equal(1, p[1], 2);
    }

    [Fact]
    public void Tolerance_stops_early_at_a_small_gradient()
    {
        var (result, _) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 },
            new TrainingOptions { LearningRate = 0.2, Steps = 10_000, Tolerance = 1e-6 });

        Assert.Equal(StopReason.Converged, result.StopReason);
        Assert.True(result.StoppedEarly);
        Assert.InRange(result.Steps, 50, 100);
    }

    [Fact]
    public void Too_large_a_learning_rate_stops_with_finite_parameters()
    {
        var (result, w) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 },
            new TrainingOptions { LearningRate = 1e200, Steps = 100 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.True(double.IsFinite(w[0]));
        Assert.True(double.IsFinite(result.FinalCost));
    }

    [Fact]
    public void Cancellation_stops_before_the_next_update()
    {
        using var cancel = new CancellationTokenSource();
        var (result, _) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 },
            new TrainingOptions { LearningRate = 0.2, Steps = 100, CancellationToken = cancel.Token, OnStep = s => { if (s.Step == 4) cancel.Cancel(); } });

        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(5, result.Steps);
    }

    private static readonly Lazy<CompiledModel> Edges = new(() => CompiledModel.Build("""
        using System;
        using GradientDescent;
        namespace Edges;
        public static partial class Functions
        {
            [Differentiable(nameof(w))] public static double Steep(double w) => Math.Exp(w * w);
            [Differentiable(nameof(w))] public static double Big(double w) => 1e200 * w;
        }
        """));

    [Fact]
    public void After_divergence_the_parameters_are_the_point_whose_cost_is_the_final_cost()
    {
        // From w = 1.5 one step of rate 1 lands at w ≈ −27, where exp(w²) is infinite: that step is undone.
        var steps = new List<TrainingStep>();
        var (result, w) = Train(Edges.Value, "Edges.Functions", "Steep", new[] { 1.5 }, Array.Empty<object>(),
            new TrainingOptions { LearningRate = 1, Steps = 10, OnStep = steps.Add });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.Equal(1.5, w[0]);
        Assert.Equal(Math.Exp(1.5 * 1.5), result.FinalCost, 12);
        Assert.Equal(0, result.Steps);
        Assert.True(double.IsInfinity(Math.Exp(steps[0].Parameters[0] * steps[0].Parameters[0]))); // the update that was undone
    }

    [Fact]
    public void Adam_whose_second_moment_overflows_stops_as_diverged_instead_of_freezing()
    {
        // A gradient of 1e200 squares past double.MaxValue in Adam's second moment: its step would be 0 forever.
        var (result, w) = Train(Edges.Value, "Edges.Functions", "Big", new[] { 0.0 }, Array.Empty<object>(),
            new TrainingOptions { LearningRate = 0.1, Steps = 3, Optimizer = Optimizer.Adam });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.Equal(0.0, w[0]);
        Assert.Equal(0, result.Steps);
    }

    [Fact]
    public void A_cancellation_asked_for_during_the_last_update_stops_nothing_early()
    {
        using var cancel = new CancellationTokenSource();
        var (result, _) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 },
            new TrainingOptions { LearningRate = 0.2, Steps = 3, CancellationToken = cancel.Token, OnStep = s => { if (s.Step == 2) cancel.Cancel(); } });

        Assert.Equal(3, result.Steps);
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.False(result.StoppedEarly);
    }

    [Fact]
    public void A_finite_gradient_whose_square_overflows_is_not_divergence()
    {
        // ∂/∂w (1e200·w) = 1e200: its square is infinite, the gradient and every update are not.
        var norms = new List<double>();
        var (result, w) = Train(Edges.Value, "Edges.Functions", "Big", new[] { 0.0 }, Array.Empty<object>(),
            new TrainingOptions { LearningRate = 1e-200, Steps = 3, OnStep = s => norms.Add(s.GradientNorm) });

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(-3.0, w[0], 12);
        Assert.All(norms, n => Assert.Equal(1e200, n, 1e188));
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.LearningRate), double.NaN)]
    [InlineData(nameof(TrainingOptions.LearningRate), double.PositiveInfinity)]
    [InlineData(nameof(TrainingOptions.LearningRate), 0.0)]
    [InlineData(nameof(TrainingOptions.LearningRate), -0.1)]
    [InlineData(nameof(TrainingOptions.Steps), -1)]
    [InlineData(nameof(TrainingOptions.Tolerance), -1.0)]
    [InlineData(nameof(TrainingOptions.Momentum), 1.0)]
    [InlineData(nameof(TrainingOptions.Beta1), -0.5)]
    [InlineData(nameof(TrainingOptions.Beta2), 1.0)]
    [InlineData(nameof(TrainingOptions.Epsilon), 0.0)]
    public void Bad_options_throw_naming_the_option(string option, object value)
    {
        var options = new TrainingOptions();
        var property = typeof(TrainingOptions).GetProperty(option)!;
        property.SetValue(options, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.Throws<TargetInvocationException>(() =>
            Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 }, options));
        var outOfRange = Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Equal(option, outOfRange.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_optimizer_outside_the_enum_throws_naming_it(int value)
    {
        var options = new TrainingOptions { Optimizer = (Optimizer)value };
        var error = Assert.Throws<TargetInvocationException>(() =>
            Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 }, options));
        Assert.Equal(nameof(TrainingOptions.Optimizer), Assert.IsType<ArgumentOutOfRangeException>(error.InnerException).ParamName);
    }

    [Fact]
    public void The_optimizer_is_the_one_set_when_training_starts()
    {
        // Switching to momentum from the callback must not reach momentum's state, which plain descent never made.
        var options = new TrainingOptions { LearningRate = 0.2, Steps = 61 };
        options.OnStep = _ => options.Optimizer = Optimizer.Momentum;
        var (result, w) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 }, options);
        Assert.Equal(61, result.Steps);
        Assert.Equal(100 - 99.9 * Math.Pow(0.8, 61), w[0], 9);
    }

    [Fact]
    public void Zero_steps_change_nothing()
    {
        var (result, w) = Train(Seed.Value, "Demo.Model", "Cost", new[] { 0.1 }, new object[] { 1.0, 100.0 }, new TrainingOptions { Steps = 0 });
        Assert.Equal(0.1, w[0]);
        Assert.Equal(0, result.Steps);
        Assert.Equal(StopReason.Completed, result.StopReason);
    }
}

/// <summary>The dataset overload of the generated Train…: the mean cost over samples or mini-batches.</summary>
public class DatasetTrainingTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Fit;

        public static partial class Line
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Cost(double w, double b, double x, double y) { double e = y - (w * x + b); return 0.5 * e * e; }

            [Differentiable(nameof(w))]
            public static double VectorCost(double[] w, double x, double y) { double e = y - (w[0] + w[1] * x); return 0.5 * e * e; }

            public static double[] FitVector(double[] xs, double[] ys, TrainingOptions options)
            {
                var w = new double[2];
                TrainVectorCost(w, xs, ys, options);
                return w;
            }

            public static TrainingResult Fit(double[] xs, double[] ys, TrainingOptions options, double[] wb)
            {
                double w = wb[0], b = wb[1];
                var result = TrainCost(ref w, ref b, xs, ys, options);
                wb[0] = w;
                wb[1] = b;
                return result;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static TrainingResult Fit(double[] xs, double[] ys, TrainingOptions options, double[] wb)
    {
        try
        {
            return (TrainingResult)Model.Value.Type("Fit.Line").GetMethod("Fit")!.Invoke(null, new object[] { xs, ys, options, wb })!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static readonly double[] Xs = { -2, -1, 0, 0.5, 1, 2, 3 };
    private static readonly double[] Ys = Array.ConvertAll(Xs, x => 3 * x - 2);

    [Fact]
    public void Exact_linear_data_is_learned_with_full_batches()
    {
        var wb = new double[2];
        var result = Fit(Xs, Ys, new TrainingOptions { LearningRate = 0.1, Steps = 2000 }, wb);

        Assert.Equal(3, wb[0], 8);
        Assert.Equal(-2, wb[1], 8);
        Assert.Equal(0, result.FinalCost, 12);
    }

    [Fact]
    public void Shuffled_mini_batches_converge_and_repeat_with_the_same_seed()
    {
        var first = new double[2];
        var second = new double[2];
        var options = new TrainingOptions { LearningRate = 0.05, Steps = 5000, BatchSize = 2, Shuffle = true, Seed = 7 };
        Fit(Xs, Ys, options, first);
        Fit(Xs, Ys, options, second);

        Assert.Equal(first, second);
        Assert.Equal(3, first[0], 6);
        Assert.Equal(-2, first[1], 6);
    }

    [Fact]
    public void Vector_weights_are_learned_from_a_dataset()
    {
        var w = (double[])Model.Value.Type("Fit.Line").GetMethod("FitVector")!
            .Invoke(null, new object[] { Xs, Ys, new TrainingOptions { LearningRate = 0.1, Steps = 3000, BatchSize = 3, Shuffle = true, Seed = 3 } })!;

        Assert.Equal(-2, w[0], 6);
        Assert.Equal(3, w[1], 6);
    }

    [Fact]
    public void Spans_of_different_lengths_and_an_empty_dataset_are_refused()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Fit(Xs, new double[3], new TrainingOptions(), new double[2]));
        Assert.Equal("y", lengths.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => Fit(Array.Empty<double>(), Array.Empty<double>(), new TrainingOptions(), new double[2]));
        Assert.Equal("x", empty.ParamName);
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => Fit(Xs, Ys, new TrainingOptions { BatchSize = -1 }, new double[2]));
        Assert.Equal(nameof(TrainingOptions.BatchSize), batch.ParamName);
    }
}

/// <summary>Logistic regression trained by the generated dataset Train… against Newton's method computed here.</summary>
public class LogisticTrainingTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Classify;

        public static partial class Logistic
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double LogLoss(double w, double b, double x, double y)
            {
                double p = 1 / (1 + Math.Exp(-(w * x + b)));
                return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
            }

            public static double[] Fit(double[] xs, double[] ys, TrainingOptions options)
            {
                double w = 0, b = 0;
                TrainLogLoss(ref w, ref b, xs, ys, options);
                return new[] { w, b };
            }
        }
        """;

    // Overlapping classes, so the maximum-likelihood fit is finite.
    private static readonly double[] Xs = { -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 0.2, -0.2 };
    private static readonly double[] Ys = { 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1 };

    /// <summary>Newton's method on the mean log loss: the reference optimum.</summary>
    private static (double W, double B) Newton()
    {
        double w = 0, b = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gw = 0, gb = 0, hww = 0, hwb = 0, hbb = 0;
            for (var i = 0; i < Xs.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-(w * Xs[i] + b)));
                gw += (p - Ys[i]) * Xs[i];
                gb += p - Ys[i];
                var s = p * (1 - p);
                hww += s * Xs[i] * Xs[i];
                hwb += s * Xs[i];
                hbb += s;
            }
            var det = hww * hbb - hwb * hwb;
            w -= (hbb * gw - hwb * gb) / det;
            b -= (-hwb * gw + hww * gb) / det;
        }
        return (w, b);
    }

    [Fact]
    public void Gradient_descent_reaches_the_newton_optimum()
    {
        var model = CompiledModel.Build(Source);
        var fitted = (double[])model.Type("Classify.Logistic").GetMethod("Fit")!
            .Invoke(null, new object[] { Xs, Ys, new TrainingOptions { LearningRate = 0.5, Steps = 20000, Tolerance = 1e-10 } })!;
        var (w, b) = Newton();

        Assert.Equal(w, fitted[0], 5);
        Assert.Equal(b, fitted[1], 5);
    }
}
