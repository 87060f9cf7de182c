using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Layout;

/// <summary>
/// A branch in a branch whose innermost arm is 0 (<c>x &gt; 1 ? w[c + i] : x &gt; 0 ? 2·w[c + i] : 0</c>): the
/// method reads <c>w[c + i]</c> only on the passes whose choice is not the 0, and so does the gradient's write.
/// </summary>
public class NestedChoiceWriteTests
{
    private const string Source = """
        using GradientDescent;
        namespace Tiers;
        public static partial class Models
        {
            [Differentiable(nameof(w))]
            public static double Tiered(double[] w, double[] xs, int c)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 1 ? w[c + i] * w[c + i] : xs[i] > 0 ? 2 * w[c + i] : 0;
                return s;
            }

            [Differentiable(nameof(w))]
            public static double Split(double[] w, double[] xs, int c)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 1 ? (xs[i] > 2 ? w[c + i] : 0) : (xs[i] < -1 ? 3 * w[c + i] : 0);
                return s;
            }

            public static double TieredAt(double[] w, double[] xs, int c, double[] dw) => TieredGradient(w, xs, c, dw);
            public static double SplitAt(double[] w, double[] xs, int c, double[] dw) => SplitGradient(w, xs, c, dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Tiers.Models").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static double[] Gradient(string name, double[] w, double[] xs, int c)
    {
        var dw = new double[w.Length];
        var value = (double)Method(name + "At").Invoke(null, new object[] { w, xs, c, dw })!;
        Assert.Equal((double)Method(name).Invoke(null, new object[] { w, xs, c })!, value);
        return dw;
    }

    [Fact]
    public void Passes_whose_choice_is_zero_touch_no_element_of_the_gradient()
    {
        // w holds c + 2 weights; the last two passes choose 0 and would reach w[3] and w[4], past its end.
        var w = new[] { 9.0, 1.5, -2.0 };
        var xs = new[] { 2.0, 0.5, -1.0, -3.0 };
        Assert.Equal(new[] { 0.0, 3.0, 2.0 }, Gradient("Tiered", w, xs, 1)); // 2·w[1] on the first tier, 2 on the second
        var split = new[] { 3.0, 2.0, 1.5, 0.5 }; // > 2, then 1 < x ≤ 2 (the 0 in the true arm), then the false arm's 0
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, Gradient("Split", w, split, 1));
        Assert.Equal(new[] { 0.0, 3.0, 0.0 }, Gradient("Split", w, new[] { -2.0, 1.5 }, 1));
    }

    [Theory]
    [InlineData("Tiered")]
    [InlineData("Split")]
    public void The_gradient_agrees_with_finite_differences(string name) =>
        FiniteDifferenceCheck.Run(name, check =>
            Gen.Select(Points.Uniform(-2, 2).Array[8], Points.Uniform(-3, 3).Array[6], Gen.Int[0, 2]).Sample((w, xs, c) =>
            {
                var dw = Gradient(name, w, xs, c);
                double F(double[] p) => (double)Method(name).Invoke(null, new object[] { p, xs, c })!;
                return Enumerable.Range(0, w.Length).All(k => check.Agrees(F, w, k, dw[k]));
            }, iter: 200));
}
