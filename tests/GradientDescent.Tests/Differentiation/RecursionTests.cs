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
}
