using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A return inside a loop (at the method's top level): the loop stops there with the method's value; the gradient
/// replays the passes that ran and differentiates the value returned.
/// </summary>
public class ReturnInLoopTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Returns;
        public static partial class Searches
        {
            // the first sample the model gets badly wrong, weighted by where it is; else the mean error
            [Differentiable(nameof(w))]
            public static double FirstBad(double w, double[] xs, double[] ys)
            {
                double total = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    double e = w * xs[i] - ys[i];
                    if (e * e > 4) return e * e * (i + 1) + total;
                    total += e * e;
                }
                return xs.Length == 0 ? 0 : total / xs.Length;
            }

            // the compounded value when it first passes the limit, or after at most 100 steps
            [Differentiable(nameof(r))]
            public static double Passing(double r, double limit)
            {
                double v = 1;
                int k = 0;
                while (k < 100)
                {
                    v *= 1 + r;
                    if (v > limit) return v * Math.Sqrt(r);
                    k++;
                }
                return v;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Searches => Model.Value.Type("Returns.Searches");

    private static double Call(string name, params object[] arguments) => (double)Searches.GetMethod(name)!.Invoke(null, arguments)!;

    [Fact]
    public void A_return_from_a_data_loop_differentiates_the_value_it_returns()
    {
        Gen.Int[0, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, n))).Sample((w, xs, ys) =>
        {
            var args = new object[] { w, xs, ys, 0.0 };
            var value = Call("FirstBadGradient", args);
            Assert.Equal(Call("FirstBad", w, xs, ys), value);
            double expected = 0, total = 0;
            var returned = false;
            for (var i = 0; i < xs.Length && !returned; i++)
            {
                var e = w * xs[i] - ys[i];
                if (e * e > 4)
                {
                    expected = 2 * e * xs[i] * (i + 1) + total;
                    returned = true;
                }
                else
                {
                    total += 2 * e * xs[i];
                }
            }
            if (!returned) expected = xs.Length == 0 ? 0 : total / xs.Length;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"expected {expected}, got {args[3]}");
        }, iter: 300);
    }

    [Fact]
    public void A_return_from_a_while_loop_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Passing", check => Gen.Select(Points.Uniform(0.01, 0.3), Points.Uniform(1, 50)).Sample((r, limit) =>
        {
            return OneParameterCheck.Agrees(check, Searches, "Passing", r, limit);
        }, iter: 300));
    }
}
