using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Statements the method runs only on some path (after an early return, inside an if, after a continue) that may
/// throw (an element read, an int division): the gradient computes them only on that path too, so it throws only
/// where the method does (found by review: each of these threw DivideByZero or IndexOutOfRange where the method did not).
/// </summary>
public class GuardedStatementsTests
{
    private const string Source = """
        #pragma warning disable GD0014 // the vectorised loop stays scalar on purpose: its ys[i] is read on some passes only
        using System;
        using GradientDescent;
        namespace Guards;
        public static partial class Models
        {
            [Differentiable(nameof(w))]
            public static double PerRow(double w, double[] xs) { int n = xs.Length; if (n == 0) return 0; int half = 10 / n; return w * half; }

            [Differentiable(nameof(w))]
            public static double First(double w, double[] xs) { if (xs.Length == 0) return 0; double first = xs[0]; return w * first; }

            [Differentiable(nameof(z))]
            public static double LogSumExp(double[] z)
            {
                if (z.Length == 0) return double.NegativeInfinity;
                double m = z[0];
                for (int k = 1; k < z.Length; k++) m = Math.Max(m, z[k]);
                double s = 0;
                for (int k = 0; k < z.Length; k++) s += Math.Exp(z[k] - m);
                return Math.Log(s) + m;
            }

            [Differentiable(nameof(w))]
            public static double Remainder(double w, int n) { double r = w; if (n > 0) { int q = 7 % n; r = w * q; } return r; }

            [Differentiable(nameof(w))]
            public static double Skipped(double w, int[] ms)
            {
                double s = 0;
                for (int i = 0; i < ms.Length; i++) { int m = ms[i]; if (m == 0) continue; int q = 12 / m; s += w * q; }
                return s;
            }

            [Differentiable(nameof(w), Vectorize = true)]
            public static double Masked(double w, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { if (xs[i] > 0) { double t = ys[i] * w; s += t * t; } else s -= w * xs[i]; }
                return s;
            }

            public static double LogSumExpAt(double[] z, double[] dz) => LogSumExpGradient(z, dz);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));
    private static readonly Lazy<string> Generated = new(() => GeneratorHarness.Run(Source).AllGeneratedSources());

    private static Type Models => Model.Value.Type("Guards.Models");

    /// <summary>The method's value and the gradient's, which must be equal, and the gradient's one derivative.</summary>
    private static double Derivative(string name, params object[] arguments)
    {
        var args = arguments.Append(0.0).ToArray();
        var value = (double)Models.GetMethod(name + "Gradient", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args)!;
        Assert.Equal((double)Models.GetMethod(name)!.Invoke(null, arguments)!, value);
        return (double)args[^1];
    }

    [Fact]
    public void After_an_early_return_an_int_division_or_element_read_runs_only_where_the_method_reaches_it()
    {
        Assert.Equal(0.0, Derivative("PerRow", 1.5, Array.Empty<double>()));
        Assert.Equal(5.0, Derivative("PerRow", 1.5, new double[2])); // 10 / 2
        Assert.Equal(0.0, Derivative("First", 1.5, Array.Empty<double>()));
        Assert.Equal(-3.0, Derivative("First", 1.5, new[] { -3.0, 7.0 }));
        var dz = Array.Empty<double>();
        Assert.Equal(double.NegativeInfinity, (double)Models.GetMethod("LogSumExpAt")!.Invoke(null, new object[] { Array.Empty<double>(), dz })!);
    }

    [Fact]
    public void Inside_an_if_and_after_a_continue_an_int_remainder_or_quotient_runs_only_on_its_path()
    {
        Assert.Equal(1.0, Derivative("Remainder", 2.0, 0)); // r = w
        Assert.Equal(1.0, Derivative("Remainder", 2.0, 3)); // 7 % 3 = 1
        Assert.Equal(3.0, Derivative("Remainder", 2.0, 4)); // 7 % 4 = 3
        Assert.Equal(7.0, Derivative("Skipped", 2.0, new[] { 0, 3, 0, 4 })); // 12 / 3 + 12 / 4
    }

    [Fact]
    public void A_guarded_read_keeps_its_loop_scalar_and_the_gradient_reads_ys_only_where_the_method_does()
    {
        // Longer than any vector; only the first two passes take the branch that reads ys.
        var xs = Enumerable.Range(0, 20).Select(k => k < 2 ? 1.0 : -1.0).ToArray();
        var ys = new[] { 3.0, 4.0 };
        Assert.Equal(2 * 9 * 2 + 2 * 16 * 2 + 18, Derivative("Masked", 2.0, xs, ys)); // Σ 2·y²·w over the first two, −x over the rest
        Assert.DoesNotContain("Numerics", GradientDescent.Tests.Vectorization.VectorizedGradientTests.Member(Generated.Value, "MaskedGradient"));
    }

    [Fact]
    public void The_guarded_log_sum_exp_is_the_softmax_and_agrees_with_finite_differences() =>
        FiniteDifferenceCheck.Run("LogSumExp", check => Points.Uniform(-3, 3).Array[1, 6].Sample(z =>
        {
            var dz = new double[z.Length];
            Models.GetMethod("LogSumExpAt")!.Invoke(null, new object[] { z, dz });
            var total = z.Sum(Math.Exp);
            double F(double[] p) => (double)Models.GetMethod("LogSumExp")!.Invoke(null, new object[] { p })!;
            return Enumerable.Range(0, z.Length).All(k => Math.Abs(dz[k] - Math.Exp(z[k]) / total) < 1e-12 && check.Agrees(F, z, k, dz[k]));
        }, iter: 200));
}
