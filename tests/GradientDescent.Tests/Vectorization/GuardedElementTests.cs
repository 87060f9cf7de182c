using System;
using System.Linq;
using System.Reflection;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Vectorization;

/// <summary>
/// A vector pass loads every lane's element, so a loop reading an element only some passes reach stays scalar
/// under <c>Vectorize = true</c>: its gradient throws only where the method does.
/// </summary>
public class GuardedElementTests
{
    private const string Source = """
        #pragma warning disable GD0014 // the point: this loop stays scalar
        using GradientDescent;
        namespace Guarded;
        public static partial class Models
        {
            [Differentiable(nameof(w), Vectorize = true)]
            public static double Masked(double w, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 0 ? ys[i] * w : 0;
                return s;
            }

            [Differentiable(nameof(w), Vectorize = true)]
            public static double Offset(double w, double[] xs, double[] c, int k)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 0 ? (c[k] + xs[i]) * w : 0;
                return s;
            }

            [Differentiable(nameof(w), Vectorize = true)]
            public static double Scaled(double w, double[] xs, double[] c, int k)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] * (k < c.Length ? c[k] : 1) * w;
                return s;
            }

            [Differentiable(nameof(w), Vectorize = true)]
            public static double Clipped(double[] w, double[] xs)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * w[i];
                for (int i = 0; i < w.Length; i++) s += xs[i] > 0 ? w[i] * xs[i] : 0;
                return s;
            }

            public static double ClippedAt(double[] w, double[] xs, double[] dw) => ClippedGradient(w, xs, dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));
    private static readonly Lazy<string> Generated = new(() => GeneratorHarness.Run(Source).AllGeneratedSources());

    [Fact]
    public void Where_ys_is_shorter_than_xs_but_only_its_passes_are_taken_the_gradient_is_the_methods_and_does_not_throw()
    {
        var type = Model.Value.Type("Guarded.Models");
        // Longer than any vector, so a vector loop would run; only the first two passes read ys.
        var xs = Enumerable.Range(0, 19).Select(k => k < 2 ? 1.0 : -1.0).ToArray();
        var ys = new[] { 3.0, 5.0 };
        Assert.Equal(16.0, (double)type.GetMethod("Masked")!.Invoke(null, new object[] { 2.0, xs, ys })!);
        var arguments = new object?[] { 2.0, xs, ys, null };
        type.GetMethod("MaskedGradient", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        Assert.Equal(8.0, (double)arguments[3]!); // ∂/∂w = ys[0] + ys[1]
    }

    [Fact]
    public void An_element_at_the_same_index_in_every_pass_read_only_under_a_condition_no_pass_meets_is_not_read_by_the_gradient()
    {
        var type = Model.Value.Type("Guarded.Models");
        // No pass has xs[i] > 0, so the method never reads c[k]; a vector loop would load it once before its passes.
        var xs = Enumerable.Repeat(-1.0, 19).ToArray();
        var c = Array.Empty<double>();
        Assert.Equal(0.0, (double)type.GetMethod("Offset")!.Invoke(null, new object[] { 2.0, xs, c, 0 })!);
        var arguments = new object?[] { 2.0, xs, c, 0, null };
        Assert.Equal(0.0, (double)type.GetMethod("OffsetGradient", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!);
        Assert.Equal(0.0, (double)arguments[4]!);
        Assert.DoesNotContain("Numerics", VectorizedGradientTests.Member(Generated.Value, "OffsetGradient"));
    }

    [Fact]
    public void A_choice_the_same_in_every_pass_keeps_its_own_condition_and_its_loop_is_vectorised()
    {
        var type = Model.Value.Type("Guarded.Models");
        var xs = Enumerable.Range(0, 19).Select(k => 0.5 * k).ToArray();
        var c = new[] { 3.0, 5.0 };
        Assert.Contains("global::System.Numerics.Vector<double>", VectorizedGradientTests.Member(Generated.Value, "ScaledGradient"));
        foreach (var (k, factor) in new[] { (1, 5.0), (7, 1.0) }) // k = 7 is past c's end: the method takes 1, and so must the gradient
        {
            var arguments = new object?[] { 2.0, xs, c, k, null };
            var value = (double)type.GetMethod("ScaledGradient", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
            Assert.Equal(xs.Sum() * factor * 2.0, value, 12);
            Assert.Equal(xs.Sum() * factor, (double)arguments[4]!, 12); // ∂/∂w = Σ xs · factor
        }
    }

    [Fact]
    public void A_gradient_write_under_a_condition_in_a_loop_bounded_by_its_weights_length_is_vectorised()
    {
        // dw[i] += xs[i] > 0 ? xs[i] : 0 runs for i < w.Length, and dw has w's length (checked on entry), so every
        // lane's dw[i] exists whether or not its pass adds to it.
        var type = Model.Value.Type("Guarded.Models");
        var member = VectorizedGradientTests.Member(Generated.Value, "ClippedGradient");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(member, @"\.CopyTo\(dw\.Slice\(i\)\)").Count);
        var random = new Random(7);
        foreach (var n in new[] { 0, 1, 5, 19 })
        {
            var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            var xs = Enumerable.Range(0, n + 3).Select(_ => random.NextDouble() * 4 - 2).ToArray(); // longer than w: only w.Length passes
            var dw = new double[n];
            var value = (double)type.GetMethod("ClippedAt")!.Invoke(null, new object[] { w, xs, dw })!;
            Assert.Equal((double)type.GetMethod("Clipped")!.Invoke(null, new object[] { w, xs })!, value, 12);
            for (var i = 0; i < n; i++) Assert.Equal(2 * w[i] + (xs[i] > 0 ? xs[i] : 0), dw[i], 12); // hand-derived
        }
    }
}
