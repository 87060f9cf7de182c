using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Local arrays: <c>new double[n]</c> and <c>stackalloc</c> filled by a loop whose pass writes its own element,
/// initialisers, an array refilled in every pass of a data loop (a hidden layer), and the softmax classifier as
/// people write it (int labels, a local logits array, the max subtracted for stability).
/// </summary>
public class LocalArrayTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Arrays;
        public static partial class Models
        {
            [Differentiable(nameof(W), nameof(b))]
            public static double Softmax(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> X, ReadOnlySpan<int> labels)
            {
                int classes = b.Length;
                int features = W.Length / classes;
                double[] logits = new double[classes];
                double loss = 0;
                for (int i = 0; i < labels.Length; i++)
                {
                    for (int k = 0; k < classes; k++)
                    {
                        logits[k] = b[k];
                        for (int j = 0; j < features; j++) logits[k] += W[k * features + j] * X[i * features + j];
                    }
                    double max = logits[0];
                    for (int k = 1; k < classes; k++) max = Math.Max(max, logits[k]);
                    double sum = 0;
                    for (int k = 0; k < classes; k++) sum += Math.Exp(logits[k] - max);
                    loss += Math.Log(sum) + max - logits[labels[i]];
                }
                return loss / labels.Length;
            }

            public static double SoftmaxAt(double[] W, double[] b, double[] X, int[] labels, double[] dW, double[] db) => SoftmaxGradient(W, b, X, labels, dW, db);

            public static double SoftmaxOf(double[] W, double[] b, double[] X, int[] labels) => Softmax(W, b, X, labels);

            [Differentiable(nameof(a), nameof(b))]
            public static double Initialised(double a, double b)
            {
                double[] c = { a * b, a + b, Math.Sin(a) };
                double s = 0;
                for (int k = 0; k < c.Length; k++) s += c[k] * c[k];
                return s + c[2];
            }

            [Differentiable(nameof(a))]
            public static double Each(double a)
            {
                Span<double> c = stackalloc double[] { a, a * a, Math.Exp(a) };
                double s = 0;
                foreach (var v in c) s += v * v;
                return s;
            }

            // 8-16-1 style network: the hidden layer is overwritten in place in every sample's pass
            [Differentiable(nameof(W1), nameof(b1), nameof(w2), nameof(b2))]
            public static double Network(double[] W1, double[] b1, double[] w2, double b2, double[] xs, double[] ys)
            {
                int hidden = b1.Length;
                int inputs = W1.Length / hidden;
                Span<double> h = stackalloc double[hidden];
                double loss = 0;
                for (int s = 0; s < ys.Length; s++)
                {
                    for (int j = 0; j < hidden; j++)
                    {
                        h[j] = b1[j];
                        for (int i = 0; i < inputs; i++) h[j] += W1[j * inputs + i] * xs[s * inputs + i];
                        h[j] = Math.Tanh(h[j]);
                    }
                    double output = b2;
                    for (int j = 0; j < hidden; j++) output += w2[j] * h[j];
                    double error = output - ys[s];
                    loss += error * error;
                }
                return loss / ys.Length;
            }

            public static double NetworkAt(double[] W1, double[] b1, double[] w2, double b2, double[] xs, double[] ys, double[] dW1, double[] db1, double[] dw2, out double db2) =>
                NetworkGradient(W1, b1, w2, b2, xs, ys, dW1, db1, dw2, out db2);

            public static double NetworkOf(double[] W1, double[] b1, double[] w2, double b2, double[] xs, double[] ys) => Network(W1, b1, w2, b2, xs, ys);

            // a fresh array, partly filled, then read at a shifted index
            [Differentiable(nameof(w))]
            public static double Shifted(double[] w, int n)
            {
                var squares = new double[n + 1];
                for (int k = 1; k <= n; k++) squares[k] = w[k - 1] * w[k - 1];
                double s = 0;
                for (int k = 0; k < n; k++) s += squares[k + 1] * squares[k];
                return s;
            }

            public static double ShiftedAt(double[] w, int n, double[] dw) => ShiftedGradient(w, n, dw);

            public static double ShiftedOf(double[] w, int n) => Shifted(w, n);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static object Call(string name, params object[] arguments) =>
        Model.Value.Type("Arrays.Models").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    private static Gen<(double[] W, double[] B, double[] X, int[] Labels)> Classification =>
        Gen.Int[1, 4].SelectMany(classes => Gen.Int[1, 3].SelectMany(features => Gen.Int[1, 5].SelectMany(samples => Gen.Select(
            Points.Uniform(-2, 2, classes * features), Points.Uniform(-1, 1, classes), Points.Uniform(-2, 2, samples * features),
            Gen.Int[0, classes - 1].Array[samples], (W, b, X, labels) => (W, b, X, labels)))));

    [Fact]
    public void The_softmax_gradient_is_the_mean_of_probability_minus_one_hot()
    {
        Classification.Sample(t =>
        {
            var (classes, features) = (t.B.Length, t.W.Length / t.B.Length);
            var dW = Enumerable.Repeat(double.NaN, t.W.Length).ToArray();
            var db = Enumerable.Repeat(double.NaN, t.B.Length).ToArray();
            var value = (double)Call("SoftmaxAt", t.W, t.B, t.X, t.Labels, dW, db);
            Assert.Equal((double)Call("SoftmaxOf", t.W, t.B, t.X, t.Labels), value);

            // ∂/∂z_k of log Σ e^z − z_y is p_k − [k = y]; z_k = b_k + Σ_j W[k, j]·x_j
            var expectedW = new double[t.W.Length];
            var expectedB = new double[classes];
            var n = t.Labels.Length;
            for (var i = 0; i < n; i++)
            {
                var z = Enumerable.Range(0, classes).Select(k => t.B[k] + Enumerable.Range(0, features).Sum(j => t.W[k * features + j] * t.X[i * features + j])).ToArray();
                var total = z.Sum(Math.Exp);
                for (var k = 0; k < classes; k++)
                {
                    var residual = (Math.Exp(z[k]) / total - (t.Labels[i] == k ? 1 : 0)) / n;
                    expectedB[k] += residual;
                    for (var j = 0; j < features; j++) expectedW[k * features + j] += residual * t.X[i * features + j];
                }
            }
            for (var k = 0; k < classes; k++) Assert.True(SymbolicPropertyTests.Close(expectedB[k], db[k], 1e-9), $"db[{k}]: expected {expectedB[k]}, got {db[k]}");
            for (var k = 0; k < t.W.Length; k++) Assert.True(SymbolicPropertyTests.Close(expectedW[k], dW[k], 1e-9), $"dW[{k}]: expected {expectedW[k]}, got {dW[k]}");
        }, iter: 200);
    }

    [Fact]
    public void The_softmax_gradient_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Softmax", check => Classification.Sample(t =>
        {
            var dW = new double[t.W.Length];
            var db = new double[t.B.Length];
            Call("SoftmaxAt", t.W, t.B, t.X, t.Labels, dW, db);
            var point = t.W.Concat(t.B).ToArray();
            double F(double[] p) => (double)Call("SoftmaxOf", p[..t.W.Length], p[t.W.Length..], t.X, t.Labels);
            var exact = dW.Concat(db).ToArray();
            return Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
        }, iter: 150));
    }

    [Fact]
    public void An_initialised_array_passes_each_element_its_adjoint()
    {
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-3, 3)).Sample((a, b) =>
        {
            var (value, gradient) = Model.Value.Gradient("Arrays.Models", "Initialised", a, b);
            Assert.Equal(Model.Value.Value("Arrays.Models", "Initialised", a, b), value);
            // s = (ab)² + (a + b)² + sin²a + sin a
            var da = 2 * a * b * b + 2 * (a + b) + 2 * Math.Sin(a) * Math.Cos(a) + Math.Cos(a);
            var db = 2 * a * a * b + 2 * (a + b);
            Assert.True(SymbolicPropertyTests.Close(da, gradient[0], 1e-12), $"da: expected {da}, got {gradient[0]}");
            Assert.True(SymbolicPropertyTests.Close(db, gradient[1], 1e-12), $"db: expected {db}, got {gradient[1]}");
        }, iter: 300);
    }

    [Fact]
    public void Foreach_over_a_stackalloc_initialiser_reads_every_element()
    {
        Points.Uniform(-2, 2).Sample(a =>
        {
            var (value, gradient) = Model.Value.Gradient("Arrays.Models", "Each", a);
            var primal = a * a + Math.Pow(a, 4) + Math.Exp(2 * a);
            Assert.True(SymbolicPropertyTests.Close(primal, value, 1e-12), $"value: expected {primal}, got {value}");
            var expected = 2 * a + 4 * a * a * a + 2 * Math.Exp(2 * a);
            Assert.True(SymbolicPropertyTests.Close(expected, gradient[0], 1e-12), $"expected {expected}, got {gradient[0]}");
        }, iter: 300);
    }

    [Fact]
    public void A_hidden_layer_refilled_per_sample_agrees_with_finite_differences()
    {
        var network = Gen.Int[1, 4].SelectMany(hidden => Gen.Int[1, 3].SelectMany(inputs => Gen.Int[0, 4].SelectMany(samples => Gen.Select(
            Points.Uniform(-1, 1, hidden * inputs), Points.Uniform(-1, 1, hidden), Points.Uniform(-1, 1, hidden), Points.Uniform(-1, 1),
            Points.Uniform(-2, 2, samples * inputs), Points.Uniform(-1, 1, samples),
            (W1, b1, w2, b2, xs, ys) => (W1, b1, w2, b2, xs, ys)))));
        FiniteDifferenceCheck.Run("Network", check => network.Sample(t =>
        {
            var (dW1, db1, dw2) = (new double[t.W1.Length], new double[t.b1.Length], new double[t.w2.Length]);
            var args = new object[] { t.W1, t.b1, t.w2, t.b2, t.xs, t.ys, dW1, db1, dw2, 0.0 };
            var value = (double)Call("NetworkAt", args);
            var primal = (double)Call("NetworkOf", t.W1, t.b1, t.w2, t.b2, t.xs, t.ys);
            if (!(value.Equals(primal))) return false;
            var (n1, n2) = (t.W1.Length, t.W1.Length + t.b1.Length);
            var point = t.W1.Concat(t.b1).Concat(t.w2).Append(t.b2).ToArray();
            double F(double[] p) => (double)Call("NetworkOf", p[..n1], p[n1..n2], p[n2..^1], p[^1], t.xs, t.ys);
            var exact = dW1.Concat(db1).Concat(dw2).Append((double)args[9]).ToArray();
            return Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
        }, iter: 150));
    }

    [Fact]
    public void A_partly_filled_fresh_array_reads_zero_elsewhere()
    {
        Gen.Int[0, 6].SelectMany(n => Points.Uniform(-2, 2, n).Select(w => (w, n))).Sample(t =>
        {
            var dw = Enumerable.Repeat(double.NaN, t.w.Length).ToArray();
            var value = (double)Call("ShiftedAt", t.w, t.n, dw);
            Assert.Equal((double)Call("ShiftedOf", t.w, t.n), value);
            // s = Σ_{k<n} w_k² · w_{k−1}² (w_{−1} = 0): ∂s/∂w_m = 2w_m (w_{m−1}² + w_{m+1}²)
            for (var m = 0; m < t.n; m++)
            {
                var before = m > 0 ? t.w[m - 1] * t.w[m - 1] : 0;
                var after = m + 1 < t.n ? t.w[m + 1] * t.w[m + 1] : 0;
                var expected = 2 * t.w[m] * (before + after);
                Assert.True(SymbolicPropertyTests.Close(expected, dw[m], 1e-12), $"dw[{m}]: expected {expected}, got {dw[m]}");
            }
        }, iter: 300);
    }
}
