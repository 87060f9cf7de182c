using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Recursion, direct and mutual: the gradient calls its own gradient, only on the branch that recurses (a call in
/// an if branch or a conditional's arm runs only there), so it ends where the method ends.
/// </summary>
public class RecursionTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Recursive;
        public static partial class Functions
        {
            // power by squaring
            [Differentiable(nameof(x))]
            public static double Power(double x, int n)
            {
                if (n == 0) return 1;
                if (n % 2 == 0)
                {
                    double half = Power(x, n / 2);
                    return half * half;
                }
                return x * Power(x, n - 1);
            }

            // a polynomial c₀ + x(c₁ + x(c₂ + …)) evaluated from coefficient k on
            [Differentiable(nameof(x))]
            public static double Horner(double x, double[] c, int k) => k == c.Length - 1 ? c[k] : c[k] + x * Horner(x, c, k + 1);

            [Differentiable(nameof(x))]
            public static double Even(double x, int n) => n == 0 ? 1 : x * Odd(x, n - 1);

            [Differentiable(nameof(x))]
            public static double Odd(double x, int n) => n == 0 ? x : Math.Sin(x) * Even(x, n - 1);

            // recursion that hands its differentiated array on: the helper's gradient span is a buffer of its own
            [Differentiable(nameof(c))]
            public static double SquaresFrom(double[] c, int k) => k >= c.Length ? 0 : c[k] * c[k] + SquaresFrom(c, k + 1);

            [Differentiable(nameof(c))]
            public static double SquaresOf(ReadOnlySpan<double> c) => c.Length == 0 ? 0 : c[0] * c[0] + SquaresOf(c.Slice(1));

            [Differentiable(nameof(c), nameof(x))]
            public static double PolynomialFrom(double[] c, double x, int k) => k >= c.Length ? 0 : c[k] + x * PolynomialFrom(c, x, k + 1);

            public static double SquaresFromAt(double[] c, int k, double[] dc) => SquaresFromGradient(c, k, dc);
            public static double SquaresOfAt(double[] c, double[] dc) => SquaresOfGradient(c, dc);
            public static double PolynomialFromAt(double[] c, double x, int k, double[] dc, out double dx) => PolynomialFromGradient(c, x, k, dc, out dx);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Functions => Model.Value.Type("Recursive.Functions");

    private static (double Value, double Derivative) Gradient(string name, params object[] arguments)
    {
        var args = arguments.Append(0.0).ToArray();
        var value = (double)Functions.GetMethod(name + "Gradient")!.Invoke(null, args)!;
        Assert.Equal((double)Functions.GetMethod(name)!.Invoke(null, arguments)!, value);
        return (value, (double)args[^1]);
    }

    [Fact]
    public void Power_by_squaring_differentiates_to_n_x_to_the_n_minus_one()
    {
        Gen.Select(Points.Uniform(-2, 2), Gen.Int[0, 12]).Sample((x, n) =>
        {
            var (_, dx) = Gradient("Power", x, n);
            var expected = n == 0 ? 0 : n * Math.Pow(x, n - 1);
            Assert.True(SymbolicPropertyTests.Close(expected, dx, 1e-12), $"n = {n}: expected {expected}, got {dx}");
        }, iter: 300);
    }

    [Fact]
    public void A_recursive_polynomial_differentiates_term_by_term()
    {
        Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2).Array[1, 6]).Sample((x, c) =>
        {
            var (_, dx) = Gradient("Horner", x, c, 0);
            var expected = Enumerable.Range(1, c.Length - 1).Sum(k => k * c[k] * Math.Pow(x, k - 1));
            Assert.True(SymbolicPropertyTests.Close(expected, dx, 1e-12), $"expected {expected}, got {dx}");
        }, iter: 300);
    }

    [Fact]
    public void Mutual_recursion_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Even/Odd", check => Gen.Select(Points.Uniform(-2, 2), Gen.Int[0, 8]).Sample((x, n) =>
        {
            return OneParameterCheck.Agrees(check, Functions, "Even", x, n);
        }, iter: 300));
    }

    [Fact]
    public void Recursion_that_hands_on_its_differentiated_array_differentiates_element_by_element()
    {
        Gen.Select(Points.Uniform(-2, 2).Array[0, 7], Points.Uniform(-2, 2), Gen.Int[0, 3]).Sample((c, x, k) =>
        {
            // Σ_{j ≥ k} c_j² → 2c_j from k on; Σ c_j² → 2c_j; Σ_{j ≥ k} c_j x^(j−k) → x^(j−k), and d/dx Σ (j−k) c_j x^(j−k−1).
            var dc = Enumerable.Repeat(double.NaN, c.Length).ToArray(); // stale values must be overwritten
            Assert.Equal((double)Functions.GetMethod("SquaresFrom")!.Invoke(null, new object[] { c, k })!, (double)Functions.GetMethod("SquaresFromAt")!.Invoke(null, new object[] { c, k, dc })!);
            Assert.Equal(c.Select((v, j) => j >= k ? 2 * v : 0.0), dc);

            Functions.GetMethod("SquaresOfAt")!.Invoke(null, new object[] { c, dc });
            Assert.Equal(c.Select(v => 2 * v), dc);

            var arguments = new object?[] { c, x, k, dc, null };
            var value = (double)Functions.GetMethod("PolynomialFromAt")!.Invoke(null, arguments)!;
            Assert.Equal((double)Functions.GetMethod("PolynomialFrom")!.Invoke(null, new object[] { c, x, k })!, value);
            for (var j = 0; j < c.Length; j++)
                Assert.True(SymbolicPropertyTests.Close(j >= k ? Math.Pow(x, j - k) : 0, dc[j], 1e-12), $"dc[{j}] = {dc[j]}");
            var dx = Enumerable.Range(0, c.Length).Where(j => j > k).Sum(j => (j - k) * c[j] * Math.Pow(x, j - k - 1));
            Assert.True(SymbolicPropertyTests.Close(dx, (double)arguments[4]!, 1e-12), $"dx: expected {dx}, got {arguments[4]}");
        }, iter: 200);
    }

    [Fact]
    public void Recursion_through_an_array_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("PolynomialFrom", check => Gen.Select(Points.Uniform(-2, 2).Array[1, 6], Points.Uniform(-1.5, 1.5), Gen.Int[0, 2]).Sample((c, x, k) =>
        {
            var dc = new double[c.Length];
            var arguments = new object?[] { c, x, k, dc, null };
            Functions.GetMethod("PolynomialFromAt")!.Invoke(null, arguments);
            double F(double[] p) => (double)Functions.GetMethod("PolynomialFrom")!.Invoke(null, new object[] { p, x, k })!;
            return Enumerable.Range(0, c.Length).All(j => check.Agrees(F, c, j, dc[j]));
        }, iter: 200));
    }
}
