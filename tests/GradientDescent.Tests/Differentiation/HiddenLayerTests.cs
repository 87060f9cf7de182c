using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A 2-layer tanh network over a dataset: the gradient is right (finite differences) and its backward pass reads
/// each sample's stored activations instead of recomputing the hidden layer.
/// </summary>
public class HiddenLayerTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Nets;
        public static partial class Net
        {
            [Differentiable(nameof(W1), nameof(b1), nameof(W2), nameof(b2))]
            public static double Loss(double[] W1, double[] b1, double[] W2, double b2, double[] xs, double[] ys)
            {
                int inputs = 3;
                double loss = 0;
                for (int s = 0; s < ys.Length; s++)
                {
                    double output = b2;
                    for (int k = 0; k < b1.Length; k++)
                    {
                        double z = b1[k];
                        for (int i = 0; i < inputs; i++) z += W1[k * inputs + i] * xs[s * inputs + i];
                        output += W2[k] * Math.Tanh(z);
                    }
                    double e = output - ys[s];
                    loss += e * e;
                }
                return loss / ys.Length;
            }

            public static double LossAt(double[] W1, double[] b1, double[] W2, double b2, double[] xs, double[] ys,
                double[] dW1, double[] db1, double[] dW2, out double db2) => LossGradient(W1, b1, W2, b2, xs, ys, dW1, db1, dW2, out db2);
        }
        """;

    private const int Inputs = 3;

    private static readonly Lazy<(CompiledModel Model, string Generated)> Built = new(() =>
        (CompiledModel.Build(Source), GeneratorHarness.Run(Source).AllGeneratedSources()));

    private static MethodInfo Method(string name) => Built.Value.Model.Type("Nets.Net").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static string GradientBody()
    {
        var text = Built.Value.Generated;
        var start = text.IndexOf("public static double LossGradient(", StringComparison.Ordinal);
        var end = text.IndexOf("\n        }\n", start, StringComparison.Ordinal);
        return text.Substring(start, end - start);
    }

    [Fact]
    public void Every_weight_agrees_with_finite_differences()
    {
        var gen = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 5]).SelectMany((hidden, samples) => Gen.Select(
            Points.Uniform(-1, 1, hidden * Inputs), Points.Uniform(-1, 1, hidden), Points.Uniform(-1, 1, hidden), Points.Uniform(-1, 1),
            Points.Uniform(-2, 2, samples * Inputs), Points.Uniform(-1, 1, samples),
            (W1, b1, W2, b2, xs, ys) => (W1, b1, W2, b2, xs, ys)));
        FiniteDifferenceCheck.Run("2-layer network", check => gen.Sample(t =>
        {
            var (W1, b1, W2, b2, xs, ys) = t;
            var dW1 = new double[W1.Length];
            var db1 = new double[b1.Length];
            var dW2 = new double[W2.Length];
            var args = new object[] { W1, b1, W2, b2, xs, ys, dW1, db1, dW2, 0.0 };
            Method("LossAt").Invoke(null, args);
            var exact = dW1.Concat(db1).Concat(dW2).Append((double)args[9]).ToArray();
            var point = W1.Concat(b1).Concat(W2).Append(b2).ToArray();
            double Loss(double[] p) => (double)Method("Loss").Invoke(null, new object[] {
                p[..W1.Length], p[W1.Length..(W1.Length + b1.Length)], p[(W1.Length + b1.Length)..^1], p[^1], xs, ys })!;
            return Enumerable.Range(0, point.Length).All(i => check.Agrees(Loss, point, i, exact[i]));
        }, iter: 60));
    }

    [Fact]
    public void The_backward_pass_reads_stored_activations_instead_of_recomputing_the_hidden_layer()
    {
        var body = GradientBody();
        Assert.Single(Regex.Matches(body, @"Math\.Tanh\("));
        Assert.Single(Regex.Matches(body, @"W1_row\[i\] \* xs_row")); // z is summed once per sample (rows of W1 and xs, RowViews)
        Assert.Single(Regex.Matches(body, @"for \(int s = 0;")); // value and gradient in one pass over the samples
        Assert.Contains("ArrayPool<double>.Shared.Rent", body); // the activations live in a buffer rented once per call
        Assert.Single(Regex.Matches(body, @"\.Rent\("));
        Assert.Single(Regex.Matches(body, @"\.Return\("));
    }
}
