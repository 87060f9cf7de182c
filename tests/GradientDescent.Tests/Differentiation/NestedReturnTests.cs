using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A return inside a loop inside another loop: the inner loop stops, each loop around it stops in the same pass, and
/// the method returns the value. Expected derivatives come from the same loops run on (value, derivative) pairs.
/// </summary>
public class NestedReturnTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace NestedReturns;
        public static partial class Searches
        {
            // sums w·x over the data twice, stopping at the first sample above the limit
            [Differentiable(nameof(w))]
            public static double Twice(double w, double[] xs, double limit)
            {
                double s = 0;
                for (int j = 0; j < 2; j++)
                    for (int i = 0; i < xs.Length; i++) { if (xs[i] > limit) return s * (j + 1); s += w * xs[i]; }
                return s;
            }

            // the first product of a row weight and an input past the threshold, squared; else the total
            [Differentiable(nameof(w))]
            public static double FirstLarge(double[] w, double[] x, double threshold)
            {
                double total = 0;
                int rows = w.Length / x.Length;
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < x.Length; c++)
                    {
                        double v = w[r * x.Length + c] * x[c];
                        if (v > threshold) return v * v + total;
                        total += v;
                    }
                }
                return total;
            }

            // a data-stopped loop inside a counted one, three levels of loops around the return
            [Differentiable(nameof(a))]
            public static double Grows(double a, int rounds)
            {
                double y = 1;
                for (int i = 0; i < rounds; i++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        int k = 0;
                        while (k < 5)
                        {
                            y = y * a + 0.1;
                            if (y > 10) return y + i;
                            k++;
                        }
                    }
                }
                return -y;
            }

            public static double FirstLargeAt(double[] w, double[] x, double threshold, double[] dw) => FirstLargeGradient(w, x, threshold, dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Searches => Model.Value.Type("NestedReturns.Searches");

    private static double Call(string name, params object[] arguments) => (double)Searches.GetMethod(name)!.Invoke(null, arguments)!;

    private static (double Value, object Derivative) Gradient(string name, params object[] arguments)
    {
        var method = Searches.GetMethod(name + "Gradient")!;
        var args = arguments.ToArray();
        var value = (double)method.Invoke(null, args)!;
        return (value, args[^1]);
    }

    private static (double S, double Ds) TwiceByHand(double w, double[] xs, double limit)
    {
        var (s, ds) = (0.0, 0.0);
        for (var j = 0; j < 2; j++)
        {
            foreach (var x in xs)
            {
                if (x > limit) return (s * (j + 1), ds * (j + 1));
                (s, ds) = (s + w * x, ds + x);
            }
        }
        return (s, ds);
    }

    private static double[] FirstLargeByHand(double[] w, double[] x, double threshold)
    {
        var dw = new double[w.Length];
        var rows = w.Length / x.Length;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < x.Length; c++)
            {
                var v = w[r * x.Length + c] * x[c];
                if (v > threshold)
                {
                    dw[r * x.Length + c] += 2 * v * x[c];
                    return dw;
                }
                dw[r * x.Length + c] += x[c];
            }
        }
        return dw;
    }

    private static (double Y, double Dy) GrowsByHand(double a, int rounds)
    {
        var (y, dy) = (1.0, 0.0);
        for (var i = 0; i < rounds; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var k = 0; k < 5; k++)
                {
                    (y, dy) = (y * a + 0.1, dy * a + y);
                    if (y > 10) return (y + i, dy);
                }
            }
        }
        return (-y, -dy);
    }

    [Fact]
    public void A_return_two_loops_deep_stops_both_loops_with_its_value()
    {
        Gen.Select(Points.Uniform(-2, 2), Gen.Int[0, 6].SelectMany(n => Points.Uniform(-1, 1, n)), Points.Uniform(-1, 1.2)).Sample((w, xs, limit) =>
        {
            var (value, dw) = Gradient("Twice", w, xs, limit, 0.0);
            var (s, ds) = TwiceByHand(w, xs, limit);
            Assert.Equal(Call("Twice", w, xs, limit), value);
            Assert.True(SymbolicPropertyTests.Close(s, value, 1e-12), $"value: expected {s}, got {value}");
            Assert.True(SymbolicPropertyTests.Close(ds, (double)dw, 1e-12), $"expected {ds}, got {dw}");
        }, iter: 400);
    }

    [Fact]
    public void A_return_from_a_row_by_column_search_differentiates_the_element_it_stopped_at()
    {
        Gen.Int[1, 3].SelectMany(cols => Gen.Int[0, 3].SelectMany(rows => Gen.Select(Points.Uniform(-2, 2, rows * cols), Points.Uniform(-2, 2, cols), Points.Uniform(0, 2))))
            .Sample((w, x, threshold) =>
            {
                var dw = Enumerable.Repeat(double.NaN, w.Length).ToArray();
                var value = (double)Searches.GetMethod("FirstLargeAt")!.Invoke(null, new object[] { w, x, threshold, dw })!;
                Assert.Equal(Call("FirstLarge", w, x, threshold), value);
                var expected = FirstLargeByHand(w, x, threshold);
                for (var j = 0; j < w.Length; j++)
                    Assert.True(SymbolicPropertyTests.Close(expected[j], dw[j], 1e-12), $"dw[{j}]: expected {expected[j]}, got {dw[j]}");
            }, iter: 400);
    }

    [Fact]
    public void A_return_from_a_while_inside_two_for_loops_stops_all_three()
    {
        Gen.Select(Points.Uniform(0.5, 2.5), Gen.Int[0, 4]).Sample((a, rounds) =>
        {
            var (value, da) = Gradient("Grows", a, rounds, 0.0);
            var (y, dy) = GrowsByHand(a, rounds);
            Assert.Equal(Call("Grows", a, rounds), value);
            Assert.True(SymbolicPropertyTests.Close(y, value, 1e-12), $"value: expected {y}, got {value}");
            Assert.True(SymbolicPropertyTests.Close(dy, (double)da, 1e-10), $"expected {dy}, got {da}");
        }, iter: 400);
    }

    [Fact]
    public void Every_nested_return_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("NestedReturns", check => Gen.Select(Points.Uniform(0.5, 2.5), Gen.Int[1, 4].SelectMany(n => Points.Uniform(-1, 1, n)), Gen.Int[0, 3])
            .Sample((w, xs, rounds) =>
            {
                var (_, dTwice) = Gradient("Twice", w, xs, 0.5, 0.0);
                var (_, dGrows) = Gradient("Grows", w, rounds, 0.0);
                var weights = xs.Concat(xs.Select(x => -x)).ToArray(); // two rows
                var dw = new double[weights.Length];
                Searches.GetMethod("FirstLargeAt")!.Invoke(null, new object[] { weights, xs, 0.3, dw });
                return check.Agrees(p => Call("Twice", p[0], xs, 0.5), new[] { w }, 0, (double)dTwice) &&
                       check.Agrees(p => Call("Grows", p[0], rounds), new[] { w }, 0, (double)dGrows) &&
                       Enumerable.Range(0, weights.Length).All(i => check.Agrees(p => Call("FirstLarge", p, xs, 0.3), weights, i, dw[i]));
            }, iter: 300));
    }
}
