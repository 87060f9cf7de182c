using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// int[] and ReadOnlySpan&lt;int&gt; data (class labels): elements index a differentiated vector (<c>W[labels[i]]</c>,
/// a row <c>W[labels[i] * n + k]</c>) and take part in double arithmetic.
/// </summary>
public class IntDataTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Labels;
        public static partial class ByClass
        {
            [Differentiable(nameof(W))]
            public static double Pick(double[] W, double[] xs, int[] labels, int classes)
            {
                double s = 0;
                for (int i = 0; i < labels.Length; i++) s += W[labels[i]] * xs[i] + W[i % classes] * labels[i] * W[i % classes];
                return s;
            }

            // a linear score per class: the row of W that the label selects, n inputs per sample
            [Differentiable(nameof(W), nameof(b))]
            public static double Score(double[] W, double b, double[] xs, ReadOnlySpan<int> labels, int n)
            {
                double s = 0;
                for (int i = 0; i < labels.Length; i++)
                    for (int k = 0; k < n; k++) s += Math.Tanh(W[labels[i] * n + k] * xs[i * n + k] + b);
                return s;
            }

            // labels kept as doubles, as a CSV loader gives them
            [Differentiable(nameof(W))]
            public static double PickByDouble(double[] W, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < ys.Length; i++) s += W[(int)ys[i]] * xs[i] + (int)(ys[i] * 0.5) * W[0];
                return s;
            }

            public static double PickByDoubleAt(double[] W, double[] xs, double[] ys, double[] dW) => PickByDoubleGradient(W, xs, ys, dW);

            public static double PickAt(double[] W, double[] xs, int[] labels, int classes, double[] dW) => PickGradient(W, xs, labels, classes, dW);

            public static double ScoreAt(double[] W, double b, double[] xs, int[] labels, int n, double[] dW, out double db) =>
                ScoreGradient(W, b, xs, labels, n, dW, out db);

            public static double ScoreOf(double[] W, double b, double[] xs, int[] labels, int n) => Score(W, b, xs, labels, n);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Labels.ByClass").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static Gen<(double[] W, double[] Xs, int[] Labels, int Classes)> Data(int perSample) =>
        Gen.Int[1, 4].SelectMany(classes => Gen.Int[0, 6].SelectMany(samples => Gen.Select(
            Points.Uniform(-2, 2, classes * perSample), Points.Uniform(-2, 2, samples * perSample), Gen.Int[0, classes - 1].Array[samples],
            (W, xs, labels) => (W, xs, labels, classes))));

    [Fact]
    public void Labels_select_the_weight_whose_derivative_they_receive()
    {
        Data(1).Sample(t =>
        {
            var dW = Enumerable.Repeat(double.NaN, t.W.Length).ToArray();
            var value = (double)Method("PickAt").Invoke(null, new object[] { t.W, t.Xs, t.Labels, t.Classes, dW })!;
            Assert.Equal((double)Method("Pick").Invoke(null, new object[] { t.W, t.Xs, t.Labels, t.Classes })!, value);
            for (var k = 0; k < t.W.Length; k++)
            {
                var expected = Enumerable.Range(0, t.Labels.Length)
                    .Sum(i => (t.Labels[i] == k ? t.Xs[i] : 0) + (i % t.Classes == k ? 2 * t.Labels[i] * t.W[k] : 0));
                Assert.True(SymbolicPropertyTests.Close(expected, dW[k], 1e-12), $"dW[{k}]: expected {expected}, got {dW[k]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void An_int_cast_of_a_double_label_indexes_like_the_label()
    {
        Data(1).Sample(t =>
        {
            var ys = t.Labels.Select(l => l + 0.25).ToArray(); // (int) truncates toward zero
            var dW = Enumerable.Repeat(double.NaN, t.W.Length).ToArray();
            var value = (double)Method("PickByDoubleAt").Invoke(null, new object[] { t.W, t.Xs, ys, dW })!;
            Assert.Equal((double)Method("PickByDouble").Invoke(null, new object[] { t.W, t.Xs, ys })!, value);
            for (var k = 0; k < t.W.Length; k++)
            {
                var expected = Enumerable.Range(0, ys.Length).Sum(i => (t.Labels[i] == k ? t.Xs[i] : 0) + (k == 0 ? (int)(ys[i] * 0.5) : 0));
                Assert.True(SymbolicPropertyTests.Close(expected, dW[k], 1e-12), $"dW[{k}]: expected {expected}, got {dW[k]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_row_chosen_by_a_label_agrees_with_finite_differences()
    {
        const int n = 2;
        FiniteDifferenceCheck.Run("Score", check => Gen.Select(Data(n), Points.Uniform(-1, 1)).Sample((t, b) =>
        {
            var dW = new double[t.W.Length];
            var args = new object[] { t.W, b, t.Xs, t.Labels, n, dW, 0.0 };
            Method("ScoreAt").Invoke(null, args);
            var point = t.W.Append(b).ToArray();
            double F(double[] p) => (double)Method("ScoreOf").Invoke(null, new object[] { p[..^1], p[^1], t.Xs, t.Labels, n })!;
            var exact = dW.Append((double)args[6]).ToArray();
            return Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
        }, iter: 150));
    }
}
