using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>Nested sums, including a layer whose weights are a row-major matrix <c>W[j * n + i]</c>.</summary>
public class NestedLoopTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Nested;

        public static partial class Layers
        {
            [Differentiable(nameof(W), nameof(b))]
            public static double Dense(double[] W, double[] b, double[] x, double[] y)
            {
                int n = x.Length;
                double loss = 0;
                for (int j = 0; j < b.Length; j++)
                {
                    double z = b[j];
                    for (int i = 0; i < n; i++) z += W[j * n + i] * x[i];
                    double a = Math.Tanh(z);
                    loss += (a - y[j]) * (a - y[j]);
                }
                return loss;
            }

            [Differentiable(nameof(w))]
            public static double Quadratic(double w, double[] x)
            {
                double s = 0;
                for (int j = 0; j < x.Length; j++)
                    for (int i = 0; i <= j; i++)
                        s += Math.Sin(w * x[i]) * x[j];
                return s * s;
            }

            // a pass-local that shares a generated name, reassigned in an inner loop body
            [Differentiable(nameof(w))]
            public static double Shadowing(double w, double[] xs)
            {
                double s = 0;
                for (int j = 0; j < xs.Length; j++)
                    for (int i = 0; i < xs.Length; i++) { double term = w * xs[i]; term = term * xs[j]; s += term; }
                return s;
            }

            public static double DenseAt(double[] W, double[] b, double[] x, double[] y, double[] dW, double[] db) => DenseGradient(W, b, x, y, dW, db);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static double Call(string method, params object[] arguments) =>
        (double)Model.Value.Type("Nested.Layers").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    [Fact]
    public void Dense_layer_gradient_matches_the_hand_derived_formula()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3]).SelectMany((n, m) => Gen.Select(
            Points.Uniform(-1, 1, m * n), Points.Uniform(-1, 1, m), Points.Uniform(-2, 2, n), Points.Uniform(-1, 1, m),
            (W, b, x, y) => (n, m, W, b, x, y))).Sample(t =>
        {
            var dW = Enumerable.Repeat(double.NaN, t.W.Length).ToArray();
            var db = Enumerable.Repeat(double.NaN, t.b.Length).ToArray();
            Call("DenseAt", t.W, t.b, t.x, t.y, dW, db);
            for (var j = 0; j < t.m; j++)
            {
                var z = t.b[j] + Enumerable.Range(0, t.n).Sum(i => t.W[j * t.n + i] * t.x[i]);
                var a = Math.Tanh(z);
                var delta = 2 * (a - t.y[j]) * (1 - a * a); // ∂loss/∂z_j
                Assert.True(SymbolicPropertyTests.Close(delta, db[j], 1e-12), $"db[{j}]");
                for (var i = 0; i < t.n; i++)
                    Assert.True(SymbolicPropertyTests.Close(delta * t.x[i], dW[j * t.n + i], 1e-12), $"dW[{j},{i}]");
            }
        }, iter: 200);
    }

    [Fact]
    public void Nested_sum_into_the_outer_variable_matches_central_differences()
    {
        FiniteDifferenceCheck.Run("Quadratic", check => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-1, 1).Array[0, 6]).Sample((w, x) =>
        {
            var gradient = Model.Value.Type("Nested.Layers").GetMethod("QuadraticGradient")!;
            var args = new object[] { w, x, 0.0 };
            gradient.Invoke(null, args);
            return check.Agrees(p => Call("Quadratic", p[0], x), new[] { w }, 0, (double)args[2]);
        }, iter: 200));
    }

    [Fact]
    public void Generated_names_do_not_clash_with_nested_loop_locals()
    {
        var gradient = Model.Value.Type("Nested.Layers").GetMethod("ShadowingGradient")!;
        var xs = new[] { 0.5, -1.5, 2.0 };
        var args = new object[] { 0.3, xs, 0.0 };
        gradient.Invoke(null, args);
        Assert.Equal(xs.Sum() * xs.Sum(), (double)args[2], 12); // s = w·(Σx)², so ds/dw = (Σx)²
    }
}
