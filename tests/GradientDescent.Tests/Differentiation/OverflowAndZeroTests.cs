using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Derivatives that are finite where the function is smooth, though a textbook rule multiplies 0 by ∞ there (found by
/// review, each NaN before): Math.Pow at a base of 0 (a Hill curve at a dose of 0, a Bézier curve at its ends) and at
/// an exponent of 0; a quotient by c + eᵘ where eᵘ overflows (a dose–response curve at a steep slope, a Bose factor).
/// </summary>
public class OverflowAndZeroTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Edges;
        public static partial class Curves
        {
            [Differentiable(nameof(n))] public static double Hill(double n, double c) => Math.Pow(c, n) / (1 + Math.Pow(c, n));
            [Differentiable(nameof(x))] public static double Power(double x, int k) => Math.Pow(x, k);
            [Differentiable(nameof(t))] public static double Bezier(double t) => Math.Pow(t, 2) * (1 - t) + 3 * t * Math.Pow(1 - t, 2);
            [Differentiable(nameof(slope), nameof(ec50))]
            public static double FourPL(double bottom, double top, double slope, double ec50, double dose) =>
                bottom + (top - bottom) / (1 + Math.Exp(-slope * (dose - ec50)));
            [Differentiable(nameof(x))] public static double Bose(double x) => 1 / (Math.Exp(x) - 1);
            [Differentiable(nameof(x))] public static double Gompertz(double x) => Math.Exp(-Math.Exp(x));
            [Differentiable(nameof(w))] public static double Switched(double w, bool on) => on ? 2 / (1 + Math.Exp(w)) : 0;
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static double[] Gradient(string name, params object[] arguments)
    {
        var method = Model.Value.Type("Edges.Curves").GetMethod(name + "Gradient", BindingFlags.Public | BindingFlags.Static)!;
        var outs = method.GetParameters().Count(p => p.IsOut);
        var args = arguments.Concat(Enumerable.Repeat<object>(0.0, outs)).ToArray();
        var value = (double)method.Invoke(null, args)!;
        Assert.Equal((double)Model.Value.Type("Edges.Curves").GetMethod(name)!.Invoke(null, arguments)!, value);
        return args.Skip(arguments.Length).Select(a => (double)a).ToArray();
    }

    [Fact]
    public void Pow_at_a_base_or_an_exponent_of_zero_has_the_derivative_of_the_smooth_function()
    {
        Assert.Equal(0.0, Gradient("Hill", 1.5, 0.0)[0]); // 0^n is 0 for every n > 0
        Assert.Equal(0.0, Gradient("Power", 0.0, 0)[0]); // x^0 is 1
        Assert.Equal(12.0, Gradient("Power", 2.0, 3)[0]);
        // B(t) = t²(1 − t) + 3t(1 − t)²: B'(t) = 2t − 3t² + 3(1 − t)² − 6t(1 − t), 3 at 0 and −1 at 1
        Assert.Equal(3.0, Gradient("Bezier", 0.0)[0], 12);
        Assert.Equal(-1.0, Gradient("Bezier", 1.0)[0], 12);
    }

    [Fact]
    public void A_quotient_by_one_plus_an_overflowing_exponential_has_a_zero_derivative_not_NaN()
    {
        Assert.Equal(new[] { 0.0, 0.0 }, Gradient("FourPL", 0.1, 2.0, 8.0, 100.0, 0.0)); // e^800 overflows
        Assert.Equal(0.0, Gradient("Bose", 800.0)[0]);
        Assert.Equal(0.0, Gradient("Gompertz", 800.0)[0]);
        Assert.Equal(0.0, Gradient("Switched", 800.0, true)[0]);
    }

    [Fact]
    public void Where_nothing_overflows_the_same_curves_agree_with_finite_differences() =>
        FiniteDifferenceCheck.Run("edges", check => Gen.Select(Points.Uniform(0.2, 3), Points.Uniform(0.2, 3), Points.Uniform(-2, 2)).Sample((n, c, z) =>
        {
            var type = Model.Value.Type("Edges.Curves");
            double F(string name, double[] p, params object[] rest) => (double)type.GetMethod(name)!.Invoke(null, p.Cast<object>().Concat(rest).ToArray())!;
            var fourPL = Gradient("FourPL", 0.1, 2.0, n, c, z);
            return check.Agrees(p => F("Hill", p, c), new[] { n }, 0, Gradient("Hill", n, c)[0])
                && check.Agrees(p => F("Bose", p), new[] { c }, 0, Gradient("Bose", c)[0])
                && check.Agrees(p => F("Switched", p, true), new[] { z }, 0, Gradient("Switched", z, true)[0])
                && check.Agrees(p => (double)type.GetMethod("FourPL")!.Invoke(null, new object[] { 0.1, 2.0, p[0], p[1], z })!, new[] { n, c }, 0, fourPL[0])
                && check.Agrees(p => (double)type.GetMethod("FourPL")!.Invoke(null, new object[] { 0.1, 2.0, p[0], p[1], z })!, new[] { n, c }, 1, fourPL[1]);
        }, iter: 200));
}
