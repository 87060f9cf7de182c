using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Math.Floor, Ceiling, Round, Truncate and Sign of data need no derivative and are read as written; of a differentiated
/// value they stay GD0008 (DiagnosticTests).
/// </summary>
public class PiecewiseConstantDataTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Bins;
        public static partial class Quantized
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double[] xs, double y)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++)
                    s += w * Math.Floor(xs[i] * 4) / 4 + Math.Round(xs[i]) * w * w - Math.Ceiling(y) * Math.Truncate(xs[i] - y) * w;
                return s;
            }

            public static double CostGradientAt(double w, double[] xs, double y, out double dw) => CostGradient(w, xs, y, out dw);

            // the sign of the data picks a weight (−1, 0, 1 → W[0], W[1], W[2]) and scales the step
            [Differentiable(nameof(W))]
            public static double BySign(double[] W, double[] xs)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += W[Math.Sign(xs[i]) + 1] * W[1] * Math.Sign(xs[i] - 0.5);
                return s;
            }

            public static double BySignAt(double[] W, double[] xs, double[] dW) => BySignGradient(W, xs, dW);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Bins.Quantized").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void Rounding_of_data_is_read_as_written_and_differentiated_around()
    {
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-5, 5).Array[0, 8], Points.Uniform(-5, 5)).Sample((w, xs, y) =>
        {
            var args = new object[] { w, xs, y, 0.0 };
            var value = (double)Method("CostGradientAt").Invoke(null, args)!;
            Assert.Equal((double)Method("Cost").Invoke(null, new object[] { w, xs, y })!, value);
            var expected = xs.Sum(x => Math.Floor(x * 4) / 4 + 2 * Math.Round(x) * w - Math.Ceiling(y) * Math.Truncate(x - y));
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"expected {expected}, got {args[3]}");
        }, iter: 200);
    }

    [Fact]
    public void The_sign_of_data_indexes_and_scales_like_the_sign()
    {
        Gen.Select(Points.Uniform(-2, 2, 3), Gen.Int[0, 4].Select(k => new[] { -1.0, 0.0, 0.5, 2.0, -0.25 }[k]).Array[0, 8]).Sample((W, xs) =>
        {
            var dW = Enumerable.Repeat(double.NaN, 3).ToArray();
            var value = (double)Method("BySignAt").Invoke(null, new object[] { W, xs, dW })!;
            Assert.Equal((double)Method("BySign").Invoke(null, new object[] { W, xs })!, value);
            var expected = new double[3];
            foreach (var x in xs)
            {
                var (k, scale) = (Math.Sign(x) + 1, Math.Sign(x - 0.5));
                expected[k] += W[1] * scale;
                expected[1] += W[k] * scale;
            }
            for (var k = 0; k < 3; k++) Assert.True(SymbolicPropertyTests.Close(expected[k], dW[k], 1e-12), $"dW[{k}]: expected {expected[k]}, got {dW[k]}");
        }, iter: 200);
    }
}
