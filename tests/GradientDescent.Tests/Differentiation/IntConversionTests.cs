using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary><c>(double)i</c> reads an int as the double it converts to, as <c>double t = i;</c> does, with double division kept.</summary>
public class IntConversionTests
{
    private const string Source = """
        using GradientDescent;
        namespace Ints;
        public static partial class Casts
        {
            [Differentiable(nameof(w))]
            public static double Weighted(double w, double[] xs, int n)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += (double)i / xs.Length * w * xs[i];
                return s / (double)n + (double)(n - 1) / n * w * w;
            }

            public static double WeightedGradientAt(double w, double[] xs, int n, out double dw) => WeightedGradient(w, xs, n, out dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Ints.Casts").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void Casts_of_ints_are_differentiated_as_the_doubles_they_convert_to()
    {
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-2, 2).Array[0, 8], Gen.Int[1, 9]).Sample((w, xs, n) =>
        {
            var args = new object[] { w, xs, n, 0.0 };
            var value = (double)Method("WeightedGradientAt").Invoke(null, args)!;
            Assert.Equal((double)Method("Weighted").Invoke(null, new object[] { w, xs, n })!, value);
            var len = xs.Length;
            var expected = Enumerable.Range(0, len).Sum(i => (double)i / len * xs[i]) / n + 2.0 * (n - 1) / n * w;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"expected {expected}, got {args[3]}");
        }, iter: 200);
    }
}
