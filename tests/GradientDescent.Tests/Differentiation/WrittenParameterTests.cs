using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Array parameters the method writes by element (<c>p[i] += p[i - 1]</c>, <c>x[i] *= w</c>): the gradient works on
/// a copy, so it is the derivative with respect to the values passed in, and it leaves the caller's arrays as they were.
/// </summary>
public class WrittenParameterTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Written;
        public static partial class Models
        {
            // prefix sums in place, then the sum of their squares
            [Differentiable(nameof(p))]
            public static double PrefixSquares(double[] p)
            {
                for (int i = 1; i < p.Length; i++) p[i] += p[i - 1];
                double s = 0;
                for (int i = 0; i < p.Length; i++) s += p[i] * p[i];
                return s;
            }

            // the same, summed in the loop that writes; only p[0], never written, is read after it
            [Differentiable(nameof(p))]
            public static double PrefixInLoop(double[] p)
            {
                double s = 0;
                for (int i = 1; i < p.Length; i++)
                {
                    p[i] += p[i - 1];
                    s += p[i] * p[i];
                }
                return s + p[0];
            }

            // data scaled in place by the weight
            [Differentiable(nameof(w))]
            public static double Scaled(double w, double[] x)
            {
                for (int i = 0; i < x.Length; i++) x[i] *= w;
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += x[i] * x[i];
                return s;
            }

            // forward differences in place: each pass reads the next element, not written yet
            [Differentiable(nameof(p))]
            public static double Differences(double[] p)
            {
                for (int i = 0; i < p.Length - 1; i++) p[i] = p[i + 1] - p[i];
                double s = 0;
                foreach (var v in p) s += v * v;
                return s;
            }

            // normalised in place by a norm read before the write
            [Differentiable(nameof(p))]
            public static double Normalised(double[] p, double[] c)
            {
                double norm = 0;
                for (int i = 0; i < p.Length; i++) norm += p[i] * p[i];
                norm = Math.Sqrt(norm);
                for (int i = 0; i < p.Length; i++) p[i] = Math.Tanh(p[i] / norm);
                double s = 0;
                for (int i = 0; i < p.Length; i++) s += p[i] * c[i];
                return s;
            }

            public static double PrefixSquaresAt(double[] p, double[] dp) => PrefixSquaresGradient(p, dp);
            public static double PrefixInLoopAt(double[] p, double[] dp) => PrefixInLoopGradient(p, dp);
            public static double DifferencesAt(double[] p, double[] dp) => DifferencesGradient(p, dp);
            public static double NormalisedAt(double[] p, double[] c, double[] dp) => NormalisedGradient(p, c, dp);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Models => Model.Value.Type("Written.Models");

    private static object Call(string name, params object[] arguments) =>
        Models.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    /// <summary>The method's value at a copy of <paramref name="p"/> (the method writes into its argument).</summary>
    private static double Primal(string name, double[] p, params object[] rest) => (double)Call(name, new object[] { p.ToArray() }.Concat(rest).ToArray());

    private static (double Value, double[] Gradient, double[] After) Gradient(string name, double[] p, params object[] rest)
    {
        var dp = Enumerable.Repeat(double.NaN, p.Length).ToArray();
        var argument = p.ToArray();
        var value = (double)Call(name + "At", new object[] { argument }.Concat(rest).Append(dp).ToArray());
        return (value, dp, argument);
    }

    private static Gen<double[]> Vectors => Gen.Int[1, 7].SelectMany(n => Points.Uniform(-2, 2, n));

    [Fact]
    public void Prefix_sums_in_place_have_the_suffix_sums_of_their_doubles_as_gradient()
    {
        Vectors.Sample(p =>
        {
            var (value, dp, after) = Gradient("PrefixSquares", p);
            Assert.Equal(Primal("PrefixSquares", p), value);
            Assert.Equal(p, after);
            // q_k = Σ_{j≤k} p_j, E = Σ q_k², so ∂E/∂p_j = 2 Σ_{k≥j} q_k
            var q = new double[p.Length];
            for (var k = 0; k < p.Length; k++) q[k] = (k > 0 ? q[k - 1] : 0) + p[k];
            for (var j = 0; j < p.Length; j++)
            {
                var expected = 2 * q.Skip(j).Sum();
                Assert.True(SymbolicPropertyTests.Close(expected, dp[j], 1e-12), $"dp[{j}]: expected {expected}, got {dp[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Prefix_sums_summed_in_the_writing_loop_pass_their_adjoints_back_through_every_pass()
    {
        Vectors.Sample(p =>
        {
            var (value, dp, after) = Gradient("PrefixInLoop", p);
            Assert.Equal(Primal("PrefixInLoop", p), value);
            Assert.Equal(p, after);
            // E = Σ_{k≥1} q_k² + p_0
            var q = new double[p.Length];
            for (var k = 0; k < p.Length; k++) q[k] = (k > 0 ? q[k - 1] : 0) + p[k];
            for (var j = 0; j < p.Length; j++)
            {
                var expected = 2 * q.Skip(Math.Max(j, 1)).Sum() + (j == 0 ? 1 : 0);
                Assert.True(SymbolicPropertyTests.Close(expected, dp[j], 1e-12), $"dp[{j}]: expected {expected}, got {dp[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Data_scaled_in_place_by_the_weight_gives_twice_the_weight_times_the_squares()
    {
        Gen.Select(Points.Uniform(-2, 2), Vectors).Sample((w, x) =>
        {
            var copy = x.ToArray();
            var gradient = Models.GetMethod("ScaledGradient")!;
            var args = new object[] { w, copy, 0.0 };
            var value = (double)gradient.Invoke(null, args)!;
            Assert.Equal(x, copy);
            Assert.Equal((double)Call("Scaled", w, x.ToArray()), value);
            var expected = 2 * w * x.Sum(v => v * v);
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[2], 1e-12), $"expected {expected}, got {args[2]}");
        }, iter: 300);
    }

    [Fact]
    public void Differences_in_place_read_the_next_element_as_it_was()
    {
        Vectors.Sample(p =>
        {
            var (value, dp, after) = Gradient("Differences", p);
            Assert.Equal(Primal("Differences", p), value);
            Assert.Equal(p, after);
            // E = Σ_{i<n-1} d_i² + p_{n-1}², d_i = p_{i+1} − p_i
            var n = p.Length;
            for (var j = 0; j < n; j++)
            {
                var expected = (j >= 1 ? 2 * (p[j] - p[j - 1]) : 0) - (j < n - 1 ? 2 * (p[j + 1] - p[j]) : 0) + (j == n - 1 ? 2 * p[j] : 0);
                Assert.True(SymbolicPropertyTests.Close(expected, dp[j], 1e-12), $"dp[{j}]: expected {expected}, got {dp[j]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Every_written_parameter_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("WrittenParameters", check => Gen.Select(Vectors, Gen.Int[0, 3]).Sample((p, which) =>
        {
            var name = new[] { "PrefixSquares", "PrefixInLoop", "Differences", "Normalised" }[which];
            var c = p.Select((v, k) => Math.Cos(k + v)).ToArray();
            var rest = which == 3 ? new object[] { c } : Array.Empty<object>();
            if (which == 3 && p.All(v => Math.Abs(v) < 1e-3)) return true; // the norm's derivative blows up at 0
            var (_, dp, _) = Gradient(name, p, rest);
            double F(double[] at) => Primal(name, at, rest);
            return Enumerable.Range(0, p.Length).All(i => check.Agrees(F, p, i, dp[i]));
        }, iter: 300));
    }
}
