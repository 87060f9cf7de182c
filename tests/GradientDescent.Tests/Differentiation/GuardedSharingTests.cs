using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// The simplifier computes work the primal and the derivative repeat once, before the statement. Under a condition it
/// moves only work that cannot throw where the method does not: elements the pass has already read, no int division.
/// </summary>
public class GuardedSharingTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Shared;
        public static partial class Models
        {
            [Differentiable(nameof(w))]
            public static double Unreached(double w, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 0 ? Math.Exp(ys[i] * w) : 0;
                return s;
            }

            [Differentiable(nameof(w))]
            public static double Reached(double w, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += ys[i] * w + (xs[i] > 0 ? Math.Exp(ys[i] * w) : 0);
                return s;
            }

            [Differentiable(nameof(w))]
            public static double Divided(double w, int n, int m) => m != 0 ? Math.Exp(w * (n / m)) : w * w;
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));
    private static readonly Lazy<string> Generated = new(() => GeneratorHarness.Run(Source).AllGeneratedSources());

    private static MethodInfo Method(string name) => Model.Value.Type("Shared.Models").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static (double Value, double Dw) Gradient(string name, params object[] arguments)
    {
        var all = arguments.Append(null).ToArray();
        var value = (double)Method(name + "Gradient").Invoke(null, all)!;
        return (value, (double)all[^1]!);
    }

    [Fact]
    public void An_element_only_some_passes_read_is_read_by_the_gradient_in_those_passes_only()
    {
        // ys is shorter than xs, and only the passes that read it have xs[i] > 0: the method does not throw.
        var xs = new[] { 1.0, -1.0, 2.0, -3.0, -0.5 };
        var ys = new[] { 0.3, 9.0, -0.7 };
        var w = 1.5;
        var (value, dw) = Gradient("Unreached", w, xs, ys);
        Assert.Equal((double)Method("Unreached").Invoke(null, new object[] { w, xs, ys })!, value);
        var expected = 0.3 * Math.Exp(0.3 * w) + -0.7 * Math.Exp(-0.7 * w); // Σ over xs[i] > 0 of ys[i]·e^(ys[i]·w)
        Assert.True(SymbolicPropertyTests.Close(expected, dw, 1e-12), $"expected {expected}, got {dw}");
    }

    [Fact]
    public void Its_derivative_agrees_with_finite_differences_where_every_element_is_there() =>
        FiniteDifferenceCheck.Run(nameof(Its_derivative_agrees_with_finite_differences_where_every_element_is_there), check =>
            Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2).Array[6], Points.Uniform(-2, 2).Array[6]).Sample((w, xs, ys) =>
            {
                double F(double[] p) => (double)Method("Unreached").Invoke(null, new object[] { p[0], xs, ys })!;
                return check.Agrees(F, new[] { w }, 0, Gradient("Unreached", w, xs, ys).Dw);
            }, iter: 200));

    [Fact]
    public void An_int_division_under_a_condition_stays_under_it()
    {
        var (value, dw) = Gradient("Divided", 3.0, 7, 0); // m = 0: the method takes w·w and divides by nothing
        Assert.Equal(9.0, value);
        Assert.Equal(6.0, dw);
        (value, dw) = Gradient("Divided", 0.5, 7, 2);
        Assert.Equal(Math.Exp(1.5), value, 12);
        Assert.Equal(3 * Math.Exp(1.5), dw, 12);
    }

    [Fact]
    public void Work_on_an_element_the_pass_has_read_is_still_computed_once()
    {
        var reached = Member("ReachedGradient");
        Assert.Equal(1, Occurrences(reached, "Math.Exp("));
        var (value, dw) = Gradient("Reached", 0.5, new[] { 1.0, -1.0 }, new[] { 2.0, 3.0 });
        Assert.Equal(2.0 * 0.5 + Math.Exp(1.0) + 3.0 * 0.5, value, 12);
        Assert.Equal(2.0 + 2.0 * Math.Exp(1.0) + 3.0, dw, 12);
    }

    private static string Member(string method) => Vectorization.VectorizedGradientTests.Member(Generated.Value, method);

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
