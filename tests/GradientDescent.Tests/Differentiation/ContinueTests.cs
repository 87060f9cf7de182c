using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// <c>continue</c>: the rest of the pass runs only where it was not taken, in a loop that sums (a masked loss, a log
/// that would be NaN on the skipped samples) and in one that carries a value (the value stays as the pass found it).
/// </summary>
public class ContinueTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Skips;
        public static partial class Costs
        {
            [Differentiable(nameof(w))]
            public static double Masked(double w, double[] xs, double[] ys, int[] mask)
            {
                double loss = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    if (mask[i] == 0) continue;
                    double e = w * xs[i] - ys[i];
                    loss += e * e;
                }
                return loss;
            }

            // Log(w·x) is NaN for x <= 0: those samples are skipped before it is computed
            [Differentiable(nameof(w))]
            public static double LogLikelihood(double w, double[] xs)
            {
                double s = 0;
                foreach (var x in xs)
                {
                    if (x <= 0) continue;
                    s += Math.Log(w * x);
                }
                return s;
            }

            // value compounded at rate r; negative flows are skipped
            [Differentiable(nameof(r))]
            public static double Compound(double r, double[] flows)
            {
                double v = 1;
                foreach (var f in flows)
                {
                    if (f < 0) continue;
                    v = v * (1 + r) + f;
                }
                return v;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Costs => Model.Value.Type("Skips.Costs");

    private static (double Value, double Derivative) Gradient(string name, params object[] arguments)
    {
        var args = arguments.Append(0.0).ToArray();
        var value = (double)Costs.GetMethod(name + "Gradient")!.Invoke(null, args)!;
        Assert.Equal((double)Costs.GetMethod(name)!.Invoke(null, arguments)!, value);
        return (value, (double)args[^1]);
    }

    [Fact]
    public void Masked_samples_contribute_nothing()
    {
        Gen.Int[0, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, n), Gen.Int[0, 1].Array[n]))
            .Sample((w, xs, ys, mask) =>
            {
                var (_, dw) = Gradient("Masked", w, xs, ys, mask);
                var expected = Enumerable.Range(0, xs.Length).Where(i => mask[i] != 0).Sum(i => 2 * (w * xs[i] - ys[i]) * xs[i]);
                Assert.True(SymbolicPropertyTests.Close(expected, dw, 1e-12), $"expected {expected}, got {dw}");
            }, iter: 300);
    }

    [Fact]
    public void A_skipped_sample_whose_term_would_be_NaN_leaves_the_derivative_finite()
    {
        Gen.Select(Points.Uniform(0.1, 3), Points.Uniform(-2, 2).Array[0, 6]).Sample((w, xs) =>
        {
            var (_, dw) = Gradient("LogLikelihood", w, xs);
            var expected = xs.Count(x => x > 0) / w;
            Assert.True(SymbolicPropertyTests.Close(expected, dw, 1e-12), $"expected {expected}, got {dw}");
        }, iter: 300);
    }

    [Fact]
    public void A_carried_value_skips_the_passes_that_continue()
    {
        Gen.Select(Points.Uniform(-0.5, 0.5), Points.Uniform(-2, 2).Array[0, 6]).Sample((r, flows) =>
        {
            var (_, dr) = Gradient("Compound", r, flows);
            // v ← v(1 + r) + f over the kept flows: dv ← dv(1 + r) + v
            double v = 1, dv = 0;
            foreach (var f in flows.Where(f => f >= 0))
            {
                dv = dv * (1 + r) + v;
                v = v * (1 + r) + f;
            }
            Assert.True(SymbolicPropertyTests.Close(dv, dr, 1e-12), $"expected {dv}, got {dr}");
        }, iter: 300);
    }
}
