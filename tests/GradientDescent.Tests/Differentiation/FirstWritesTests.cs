using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A gradient span whose first write is a loop over every weight assigns instead of clearing and adding; any other
/// first write keeps the clear. Either way the caller's buffer is overwritten, whatever it held.
/// </summary>
public class FirstWritesTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Writes;

        public static partial class Models
        {
            [Differentiable(nameof(w))]
            public static double Dot(double[] w, double[] x, double y)
            {
                double z = 0;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                return 0.5 * (z - y) * (z - y);
            }

            // the loop runs over the data, which need not cover every weight
            [Differentiable(nameof(w))]
            public static double OverData(double[] w, double[] x)
            {
                double z = 0;
                for (int k = 0; k < x.Length; k++) z += w[k] * x[k];
                return z * z;
            }

            // the loop skips the first weight
            [Differentiable(nameof(w))]
            public static double FromOne(double[] w, double[] x)
            {
                double z = 0;
                for (int k = 1; k < w.Length; k++) z += w[k] * x[k];
                return z * z;
            }

            // a weight read after the loop too: the loop assigns, then that partial is added
            [Differentiable(nameof(w))]
            public static double Decayed(double[] w, double[] x)
            {
                double z = 0;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                z += w[0] * w[0];
                return z * z;
            }

            public static double DotAt(double[] w, double[] x, double[] dw) => DotGradient(w, x, 0.5, dw);
            public static double OverDataAt(double[] w, double[] x, double[] dw) => OverDataGradient(w, x, dw);
            public static double FromOneAt(double[] w, double[] x, double[] dw) => FromOneGradient(w, x, dw);
            public static double DecayedAt(double[] w, double[] x, double[] dw) => DecayedGradient(w, x, dw);
        }
        """;

    private static readonly Lazy<GenerationResult> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static string Member(string method) => Vectorization.VectorizedGradientTests.Member(Generated.Value.AllGeneratedSources(), method);

    [Fact]
    public void A_loop_over_every_weight_assigns_and_the_span_is_not_cleared()
    {
        var dot = Member("DotGradient");
        Assert.DoesNotContain("dw.Clear()", dot);
        Assert.Contains("dw[k] = ", dot);
    }

    [Theory]
    [InlineData("OverDataGradient")]
    [InlineData("FromOneGradient")]
    public void Any_other_first_write_keeps_the_clear(string method)
    {
        var code = Member(method);
        Assert.Contains("dw.Clear()", code);
        Assert.DoesNotContain("dw[k] = ", code);
    }

    [Theory]
    [InlineData("Dot")]
    [InlineData("OverData")]
    [InlineData("FromOne")]
    [InlineData("Decayed")]
    public void The_buffer_is_overwritten_whatever_it_held(string name)
    {
        var at = Model.Value.Type("Writes.Models").GetMethod(name + "At", BindingFlags.Public | BindingFlags.Static)!;
        Gen.Int[1, 9].SelectMany(n => Gen.Select(Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, n))).Sample((w, x) =>
        {
            var fresh = new double[w.Length];
            var stale = Enumerable.Repeat(double.NaN, w.Length).ToArray();
            at.Invoke(null, new object[] { w, x, fresh });
            at.Invoke(null, new object[] { w, x, stale });
            return fresh.SequenceEqual(stale) && fresh.All(double.IsFinite);
        }, iter: 100);
    }
}
