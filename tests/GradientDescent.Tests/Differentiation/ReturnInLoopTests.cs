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

            // Newton's iteration for √a, left only through its return: while (true) and do … while (true)
            [Differentiable(nameof(a))]
            public static double Heron(double a)
            {
                double x = a;
                while (true)
                {
                    double next = 0.5 * (x + a / x);
                    if (Math.Abs(next - x) < 1e-12) return next;
                    x = next;
                }
            }

            [Differentiable(nameof(a))]
            public static double HeronFor(double a)
            {
                double x = a;
                for (;;)
                {
                    double next = 0.5 * (x + a / x);
                    if (Math.Abs(next - x) < 1e-12) return next;
                    x = next;
                }
            }

            [Differentiable(nameof(a))]
            public static double HeronDo(double a)
            {
                double x = a;
                do
                {
                    double next = 0.5 * (x + a / x);
                    if (Math.Abs(next - x) < 1e-12) return next;
                    x = next;
                } while (true);
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

    [Theory]
    [InlineData("Heron")]
    [InlineData("HeronDo")]
    [InlineData("HeronFor")]
    public void A_loop_left_only_through_its_return_differentiates_to_the_derivative_of_the_square_root(string name)
    {
        Points.Uniform(0.25, 20).Sample(a =>
        {
            var args = new object[] { a, 0.0 };
            var value = (double)Searches.GetMethod(name + "Gradient")!.Invoke(null, args)!;
            Assert.Equal((double)Searches.GetMethod(name)!.Invoke(null, new object[] { a })!, value);
            Assert.True(SymbolicPropertyTests.Close(0.5 / Math.Sqrt(a), (double)args[1], 1e-9), $"a = {a}: expected {0.5 / Math.Sqrt(a)}, got {args[1]}");
        }, iter: 200);
    }
}
