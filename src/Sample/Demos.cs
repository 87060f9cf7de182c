using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace GradientDescent.Sample;

/// <summary>The article's next steps: a bias and an activation function, then a regression with a loss curve.</summary>
public static partial class Demos
{
    /// <summary>A sigmoid neuron: p = σ(w·x + b), trained on the mean log loss.</summary>
    [Differentiable(nameof(w), nameof(b))]
    public static double NeuronLoss(double w, double b, double x, double y)
    {
        double p = 1 / (1 + Math.Exp(-(w * x + b)));
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }

    /// <summary>A straight line through noisy points: half the squared error.</summary>
    [Differentiable(nameof(slope), nameof(intercept))]
    public static double LineLoss(double slope, double intercept, double x, double y)
    {
        double e = y - (slope * x + intercept);
        return 0.5 * e * e;
    }

    public static void Neuron(TextWriter output)
    {
        // Heights (m) labelled 1 when taller than about 1.7 m.
        double[] heights = { 1.50, 1.55, 1.60, 1.62, 1.66, 1.68, 1.72, 1.75, 1.80, 1.85, 1.90, 1.69, 1.71 };
        double[] tall = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0 };
        double w = 0, b = 0;
        var result = TrainNeuronLoss(ref w, ref b, heights, tall, new TrainingOptions { LearningRate = 0.5, Steps = 20000, Optimizer = Optimizer.Adam });
        var correct = heights.Zip(tall, (h, t) => (1 / (1 + Math.Exp(-(w * h + b))) > 0.5 ? 1 : 0) == (int)t).Count(c => c);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sigmoid neuron: w={w:F2} b={b:F2} mean log loss={result.FinalCost:F3} ({correct}/{heights.Length} classified), boundary at {-b / w:F3} m"));
    }

    /// <returns>The path of the loss curve written as a PNG.</returns>
    public static string Regression(TextWriter output)
    {
        var random = new Random(1);
        var xs = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 10).ToArray();
        var ys = xs.Select(x => 2.5 * x + 1 + (random.NextDouble() - 0.5)).ToArray();
        double slope = 0, intercept = 0;
        var losses = new List<double>();
        var options = new TrainingOptions { LearningRate = 0.05, Steps = 2000, Optimizer = Optimizer.Adam, BatchSize = 20, Shuffle = true, Seed = 1 };

        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("linear regression", maxValue: options.Steps);
            options.OnStep = step =>
            {
                losses.Add(step.Cost);
                task.Increment(1);
            };
            TrainLineLoss(ref slope, ref intercept, xs, ys, options);
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"linear regression on 200 noisy points of y = 2.5x + 1: slope={slope:F3} intercept={intercept:F3}"));

        // A log y axis: the loss falls by orders of magnitude in the first 80 updates and then sits on the noise
        // floor, which a linear axis shows as a flat line.
        var plot = new ScottPlot.Plot();
        plot.Add.Signal(losses.Select(l => Math.Log10(Math.Max(l, 1e-12))).ToArray());
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title("Mini-batch loss (Adam), log scale");
        plot.XLabel("update");
        plot.YLabel("mean ½(y − ŷ)²");
        var path = Path.Combine(AppContext.BaseDirectory, "loss.png");
        plot.SavePng(path, 640, 400);
        output.WriteLine($"loss curve: {path}");
        return path;
    }
}
