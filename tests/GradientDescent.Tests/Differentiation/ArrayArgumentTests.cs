using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Arrays other than the method's own parameters handed to a [Differentiable] helper taking a ReadOnlySpan: a local
/// array (on the heap or the stack), a slice of a parameter (AsSpan, a range), a parameter the method writes, a layer
/// refilled per sample. The helper's gradient span is added into the adjoint of the elements it was passed.
/// </summary>
public class ArrayArgumentTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Arguments;
        public static partial class Models
        {
            [Differentiable(nameof(a))]
            private static double SumSquares(ReadOnlySpan<double> a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * a[i];
                return s;
            }

            [Differentiable(nameof(a), nameof(c))]
            private static double Weighted(ReadOnlySpan<double> a, ReadOnlySpan<double> c)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * c[i];
                return s;
            }

            // a local array filled from the weights
            [Differentiable(nameof(w))]
            public static double Local(double[] w, double[] x)
            {
                double[] z = new double[w.Length];
                for (int j = 0; j < w.Length; j++) z[j] = w[j] * x[j];
                return SumSquares(z);
            }

            // a stackalloc span
            [Differentiable(nameof(w))]
            public static double Stack(double[] w)
            {
                Span<double> s = stackalloc double[3];
                for (int k = 0; k < 3; k++) s[k] = w[k] * w[k];
                return SumSquares(s);
            }

            // slices of a parameter: AsSpan(start, count), a range from the start, one to the end
            [Differentiable(nameof(w))]
            public static double Slices(double[] w)
            {
                return SumSquares(w.AsSpan(1, 2)) + 3 * SumSquares(w[..1]) + Weighted(w[2..], w.AsSpan(1));
            }

            // a written parameter, passed before and after the write
            [Differentiable(nameof(p))]
            public static double Written(double[] p)
            {
                double before = SumSquares(p);
                for (int i = 0; i < p.Length; i++) p[i] *= 3;
                return before + SumSquares(p);
            }

            // a hidden layer refilled per sample and passed to the helper in each pass
            [Differentiable(nameof(w))]
            public static double PerSample(double[] w, double[] xs)
            {
                double loss = 0;
                double[] h = new double[w.Length];
                for (int i = 0; i < xs.Length; i++)
                {
                    for (int j = 0; j < w.Length; j++) h[j] = Math.Tanh(w[j] * xs[i]);
                    loss += SumSquares(h);
                }
                return loss;
            }

            // a slice whose length grows with the pass
            [Differentiable(nameof(w))]
            public static double Growing(double[] w)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += SumSquares(w.AsSpan(0, i + 1));
                return s;
            }

            public static double LocalAt(double[] w, double[] x, double[] dw) => LocalGradient(w, x, dw);
            public static double StackAt(double[] w, double[] dw) => StackGradient(w, dw);
            public static double SlicesAt(double[] w, double[] dw) => SlicesGradient(w, dw);
            public static double WrittenAt(double[] p, double[] dp) => WrittenGradient(p, dp);
            public static double PerSampleAt(double[] w, double[] xs, double[] dw) => PerSampleGradient(w, xs, dw);
            public static double GrowingAt(double[] w, double[] dw) => GrowingGradient(w, dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Models => Model.Value.Type("Arguments.Models");

    private static object Call(string name, params object[] arguments) =>
        Models.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    private static (double Value, double[] Gradient) Gradient(string name, double[] w, params object[] data)
    {
        var dw = Enumerable.Repeat(double.NaN, w.Length).ToArray();
        var value = (double)Call(name + "At", new object[] { w }.Concat(data).Append(dw).ToArray());
        return (value, dw);
    }

    private static void AssertGradient(double[] expected, double[] actual)
    {
        for (var j = 0; j < expected.Length; j++)
            Assert.True(SymbolicPropertyTests.Close(expected[j], actual[j], 1e-12), $"[{j}]: expected {expected[j]}, got {actual[j]}");
    }

    private static Gen<double[]> Vectors(int length) => Points.Uniform(-2, 2, length);

    [Fact]
    public void A_local_array_passes_the_helpers_span_back_through_its_fill()
    {
        Gen.Int[0, 6].SelectMany(n => Gen.Select(Vectors(n), Vectors(n))).Sample((w, x) =>
        {
            var (value, dw) = Gradient("Local", w, x);
            Assert.Equal((double)Call("Local", w, x), value);
            AssertGradient(w.Select((v, j) => 2 * v * x[j] * x[j]).ToArray(), dw);
        }, iter: 300);
    }

    [Fact]
    public void A_stackalloc_span_is_passed_as_it_is()
    {
        Gen.Int[3, 5].SelectMany(Vectors).Sample(w =>
        {
            var (value, dw) = Gradient("Stack", w);
            Assert.Equal((double)Call("Stack", w), value);
            AssertGradient(w.Select((v, j) => j < 3 ? 4 * v * v * v : 0).ToArray(), dw);
        }, iter: 300);
    }

    [Fact]
    public void Slices_add_the_helpers_span_into_the_elements_they_cover()
    {
        Gen.Int[3, 7].SelectMany(Vectors).Sample(w =>
        {
            var (value, dw) = Gradient("Slices", w);
            Assert.Equal((double)Call("Slices", w), value);
            // E = w1² + w2² + 3 w0² + Σ_{k+2<n} w_{k+2} w_{k+1}
            var n = w.Length;
            var expected = new double[n];
            expected[0] = 6 * w[0];
            expected[1] += 2 * w[1];
            expected[2] += 2 * w[2];
            for (var k = 0; k + 2 < n; k++)
            {
                expected[k + 2] += w[k + 1];
                expected[k + 1] += w[k + 2];
            }
            AssertGradient(expected, dw);
        }, iter: 300);
    }

    [Fact]
    public void A_written_parameter_is_passed_as_it_was_before_the_write_and_as_written_after()
    {
        Gen.Int[0, 6].SelectMany(Vectors).Sample(p =>
        {
            var argument = p.ToArray();
            var (value, dp) = Gradient("Written", argument);
            Assert.Equal(p, argument);
            Assert.Equal((double)Call("Written", p.ToArray()), value);
            AssertGradient(p.Select(v => 20 * v).ToArray(), dp);
        }, iter: 300);
    }

    [Fact]
    public void A_layer_refilled_per_sample_sums_the_helpers_span_over_the_samples()
    {
        Gen.Int[0, 5].SelectMany(n => Gen.Select(Vectors(n), Gen.Int[0, 5].SelectMany(Vectors))).Sample((w, xs) =>
        {
            var (value, dw) = Gradient("PerSample", w, xs);
            Assert.Equal((double)Call("PerSample", w, xs), value);
            AssertGradient(w.Select(v => xs.Sum(x => 2 * Math.Tanh(v * x) * (1 - Math.Pow(Math.Tanh(v * x), 2)) * x)).ToArray(), dw);
        }, iter: 300);
    }

    [Fact]
    public void A_slice_whose_length_changes_per_pass_covers_each_passs_elements()
    {
        Gen.Int[0, 7].SelectMany(Vectors).Sample(w =>
        {
            var (value, dw) = Gradient("Growing", w);
            Assert.Equal((double)Call("Growing", w), value);
            // w_j is in the slices of passes j … n−1
            AssertGradient(w.Select((v, j) => 2 * v * (w.Length - j)).ToArray(), dw);
        }, iter: 300);
    }

    [Fact]
    public void Every_array_argument_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("ArrayArguments", check => Gen.Int[3, 6].SelectMany(n => Gen.Select(Vectors(n), Vectors(n), Gen.Int[0, 5])).Sample((w, x, which) =>
        {
            var name = new[] { "Local", "Stack", "Slices", "Written", "PerSample", "Growing" }[which];
            var data = which is 0 or 4 ? new object[] { x } : Array.Empty<object>();
            var (_, dw) = Gradient(name, w.ToArray(), data);
            double F(double[] at) => (double)Call(name, new object[] { at.ToArray() }.Concat(data).ToArray());
            return Enumerable.Range(0, w.Length).All(i => check.Agrees(F, w, i, dw[i]));
        }, iter: 300));
    }
}
