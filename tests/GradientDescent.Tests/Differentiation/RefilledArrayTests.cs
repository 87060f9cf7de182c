using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A local array filled a second time (<c>z[j] = Math.Tanh(z[j])</c> after the loop that filled <c>z</c>): the refill
/// writes a new version of the array, and the backward pass still sees the values the first fill left.
/// </summary>
public class RefilledArrayTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Refilled;
        public static partial class Models
        {
            // a layer computed in two loops: the pre-activations, then the activation in place
            [Differentiable(nameof(w))]
            public static double Layer(double[] w, double[] x, double[] c)
            {
                double[] z = new double[w.Length];
                for (int j = 0; j < w.Length; j++) z[j] = w[j] * x[j];
                for (int j = 0; j < w.Length; j++) z[j] = Math.Tanh(z[j]);
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += z[j] * c[j];
                return s;
            }

            // refilled twice, the second time as prefix sums over the first refill, skipping element 0
            [Differentiable(nameof(w))]
            public static double Prefix(double[] w)
            {
                double[] a = new double[w.Length];
                for (int k = 0; k < a.Length; k++) a[k] = w[k] * w[k];
                for (int k = 0; k < a.Length; k++) a[k] = 3 * a[k];
                for (int k = 1; k < a.Length; k++) a[k] += a[k - 1];
                double s = 0;
                for (int k = 0; k < a.Length; k++) s += a[k] * w[k];
                return s;
            }

            // filled and refilled in each pass over the samples (a hidden layer and its activation)
            [Differentiable(nameof(w))]
            public static double PerSample(double[] w, double[] xs)
            {
                double loss = 0;
                double[] h = new double[w.Length];
                for (int i = 0; i < xs.Length; i++)
                {
                    for (int j = 0; j < w.Length; j++) h[j] = w[j] * xs[i];
                    for (int j = 0; j < w.Length; j++) h[j] = Math.Tanh(h[j]);
                    for (int j = 0; j < w.Length; j++) loss += h[j] * h[j];
                }
                return loss;
            }

            public static double LayerAt(double[] w, double[] x, double[] c, double[] dw) => LayerGradient(w, x, c, dw);
            public static double PrefixAt(double[] w, double[] dw) => PrefixGradient(w, dw);
            public static double PerSampleAt(double[] w, double[] xs, double[] dw) => PerSampleGradient(w, xs, dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Models => Model.Value.Type("Refilled.Models");

    private static object Call(string name, params object[] arguments) =>
        Models.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    private static (double Value, double[] Gradient) Gradient(string name, double[] w, params object[] data)
    {
        var dw = Enumerable.Repeat(double.NaN, w.Length).ToArray();
        var value = (double)Call(name + "At", new object[] { w }.Concat(data).Append(dw).ToArray());
        return (value, dw);
    }

    private static Gen<double[]> Vectors(int length) => Points.Uniform(-2, 2, length);

    private static Gen<(double[] W, double[] X, double[] C)> Layers =>
        Gen.Int[1, 7].SelectMany(n => Gen.Select(Vectors(n), Vectors(n), Vectors(n)));

    [Fact]
    public void An_activation_applied_in_place_has_the_derivative_of_tanh_at_the_first_fill()
    {
        Layers.Sample(t =>
        {
            var (w, x, c) = t;
            var (value, dw) = Gradient("Layer", w, x, c);
            Assert.Equal((double)Call("Layer", w, x, c), value);
            for (var j = 0; j < w.Length; j++)
            {
                var tanh = Math.Tanh(w[j] * x[j]);
                var expected = c[j] * (1 - tanh * tanh) * x[j];
                Assert.True(SymbolicPropertyTests.Close(expected, dw[j], 1e-12), $"dw[{j}]: expected {expected}, got {dw[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_second_refill_as_prefix_sums_reads_the_first_refill()
    {
        Gen.Int[1, 7].SelectMany(Vectors).Sample(w =>
        {
            var (value, dw) = Gradient("Prefix", w);
            Assert.Equal((double)Call("Prefix", w), value);
            // q_k = 3 Σ_{j≤k} w_j², E = Σ_k q_k w_k, so ∂E/∂w_j = q_j + 6 w_j Σ_{k≥j} w_k
            var q = new double[w.Length];
            for (var k = 0; k < w.Length; k++) q[k] = (k > 0 ? q[k - 1] : 0) + 3 * w[k] * w[k];
            for (var j = 0; j < w.Length; j++)
            {
                var expected = q[j] + 6 * w[j] * w.Skip(j).Sum();
                Assert.True(SymbolicPropertyTests.Close(expected, dw[j], 1e-12), $"dw[{j}]: expected {expected}, got {dw[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_layer_refilled_in_each_pass_over_the_samples_sums_each_samples_derivative()
    {
        Gen.Int[1, 5].SelectMany(n => Gen.Select(Vectors(n), Gen.Int[0, 6].SelectMany(Vectors))).Sample((w, xs) =>
        {
            var (value, dw) = Gradient("PerSample", w, xs);
            // Each sample's inner total is added to the loss as one term, so the value may differ in its last bits.
            var primal = (double)Call("PerSample", w, xs);
            Assert.True(SymbolicPropertyTests.Close(primal, value, 1e-14), $"value: expected {primal}, got {value}");
            for (var j = 0; j < w.Length; j++)
            {
                // E = Σ_i Σ_j tanh²(w_j x_i)
                var expected = xs.Sum(x => 2 * Math.Tanh(w[j] * x) * (1 - Math.Pow(Math.Tanh(w[j] * x), 2)) * x);
                Assert.True(SymbolicPropertyTests.Close(expected, dw[j], 1e-12), $"dw[{j}]: expected {expected}, got {dw[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Every_refilled_array_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("RefilledArrays", check => Gen.Select(Layers, Gen.Int[0, 2]).Sample((t, which) =>
        {
            var (w, x, c) = t;
            var name = new[] { "Layer", "Prefix", "PerSample" }[which];
            var data = which switch { 0 => new object[] { x, c }, 1 => Array.Empty<object>(), _ => new object[] { x } };
            var (_, dw) = Gradient(name, w, data);
            double F(double[] at) => (double)Call(name, new object[] { at }.Concat(data).ToArray());
            return Enumerable.Range(0, w.Length).All(i => check.Agrees(F, w, i, dw[i]));
        }, iter: 300));
    }
}
