using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>A recurrence (each pass reads the previous pass's value) that reads a differentiated vector.</summary>
public class VectorRecurrenceTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Recurrences;
        public static partial class Poly
        {
            // Horner's rule with the coefficients as weights: r = Σ c[i]·x^(n-1-i)
            [Differentiable(nameof(c), nameof(x))]
            public static double Horner(double[] c, double x)
            {
                double r = 0;
                for (int i = 0; i < c.Length; i++) r = r * x + c[i];
                return r;
            }

            public static double HornerAt(double[] c, double x, double[] dc, out double dx) => HornerGradient(c, x, dc, out dx);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Recurrences.Poly").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static (double[] Dc, double Dx) Gradient(double[] c, double x)
    {
        var dc = Enumerable.Repeat(double.NaN, c.Length).ToArray();
        var args = new object[] { c, x, dc, 0.0 };
        Method("HornerAt").Invoke(null, args);
        return (dc, (double)args[3]);
    }

    [Fact]
    public void Coefficient_and_point_derivatives_match_the_hand_derived_powers()
    {
        Gen.Select(Points.Uniform(-2, 2).Array[0, 7], Points.Uniform(-1.5, 1.5)).Sample((c, x) =>
        {
            var (dc, dx) = Gradient(c, x);
            var n = c.Length;
            for (var i = 0; i < n; i++)
                Assert.True(SymbolicPropertyTests.Close(Math.Pow(x, n - 1 - i), dc[i], 1e-12), $"dc[{i}]: {dc[i]} vs x^{n - 1 - i}");
            var expected = Enumerable.Range(0, n).Where(i => n - 1 - i > 0).Sum(i => c[i] * (n - 1 - i) * Math.Pow(x, n - 2 - i));
            Assert.True(SymbolicPropertyTests.Close(expected, dx, 1e-10), $"dx: {dx} vs {expected}");
        }, iter: 200);
    }

    [Fact]
    public void Coefficient_derivatives_agree_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Horner over c", check => Gen.Select(Points.Uniform(-2, 2).Array[1, 7], Points.Uniform(-1.5, 1.5)).Sample((c, x) =>
        {
            var (dc, dx) = Gradient(c, x);
            var point = c.Append(x).ToArray();
            double F(double[] p) => (double)Method("Horner").Invoke(null, new object[] { p[..^1], p[^1] })!;
            var exact = dc.Append(dx).ToArray();
            return Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
        }, iter: 200));
    }
}
