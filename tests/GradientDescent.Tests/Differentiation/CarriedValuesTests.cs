using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Loops that carry several values from pass to pass: a running sum read by another sum, a position and its
/// velocity, a two-term recurrence, the best value with its (int) index.
/// </summary>
public class CarriedValuesTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Carried;
        public static partial class Loops
        {
            [Differentiable(nameof(w))]
            public static double PrefixSums(double w, double[] xs)
            {
                double s = 0, t = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    s += w * xs[i];
                    t += s;
                }
                return s * t;
            }

            // a damped particle pushed by a force w, stepped with semi-implicit Euler
            [Differentiable(nameof(w), nameof(damping))]
            public static double Travel(double w, double damping, int steps)
            {
                double position = 0, velocity = 1;
                for (int k = 0; k < steps; k++)
                {
                    velocity = velocity * damping + w * Math.Cos(position);
                    position += 0.1 * velocity;
                }
                return position;
            }

            [Differentiable(nameof(w))]
            public static double TwoTerm(double w, int n)
            {
                double a = 1, b = w;
                for (int k = 0; k < n; k++)
                {
                    double next = a + w * b;
                    a = b;
                    b = next;
                }
                return b;
            }

            // the largest score and the weight of the class that has it
            [Differentiable(nameof(W))]
            public static double Best(double[] W, double x)
            {
                double best = W[0] * x;
                int arg = 0;
                for (int k = 1; k < W.Length; k++)
                {
                    if (W[k] * x > best)
                    {
                        best = W[k] * x;
                        arg = k;
                    }
                }
                return best + W[arg] * W[arg];
            }

            public static double BestAt(double[] W, double x, double[] dW) => BestGradient(W, x, dW);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Loops => Model.Value.Type("Carried.Loops");

    private static double Call(string name, params object[] arguments) => (double)Loops.GetMethod(name)!.Invoke(null, arguments)!;

    [Fact]
    public void A_sum_read_by_another_sum_is_carried_with_it()
    {
        Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2).Array[0, 6]).Sample((w, xs) =>
        {
            var args = new object[] { w, xs, 0.0 };
            var value = Call("PrefixSumsGradient", args);
            Assert.Equal(Call("PrefixSums", w, xs), value);
            // s·t = w²·X·P, X = Σx, P = Σ_k Σ_{i≤k} x_i
            var total = xs.Sum();
            var prefixes = Enumerable.Range(0, xs.Length).Sum(k => xs.Take(k + 1).Sum());
            var expected = 2 * w * total * prefixes;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[2], 1e-12), $"expected {expected}, got {args[2]}");
        }, iter: 300);
    }

    [Fact]
    public void A_position_and_its_velocity_agree_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Travel", check => Gen.Select(Points.Uniform(-1, 1), Points.Uniform(0.5, 0.99), Gen.Int[0, 12]).Sample((w, damping, steps) =>
        {
            var args = new object[] { w, damping, steps, 0.0, 0.0 };
            var value = Call("TravelGradient", args);
            double F(double[] p) => Call("Travel", p[0], p[1], steps);
            var point = new[] { w, damping };
            return value.Equals(F(point)) && check.Agrees(F, point, 0, (double)args[3]) && check.Agrees(F, point, 1, (double)args[4]);
        }, iter: 300));
    }

    [Fact]
    public void A_two_term_recurrence_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("TwoTerm", check => Gen.Select(Points.Uniform(-1.5, 1.5), Gen.Int[0, 10]).Sample((w, n) =>
        {
            return OneParameterCheck.Agrees(check, Loops, "TwoTerm", w, n);
        }, iter: 300));
    }

    [Fact]
    public void The_best_value_and_its_int_index_are_carried_together()
    {
        Gen.Select(Points.Uniform(-2, 2, 4), Points.Uniform(-2, 2)).Sample((W, x) =>
        {
            var dW = Enumerable.Repeat(double.NaN, W.Length).ToArray();
            var value = Call("BestAt", W, x, dW);
            Assert.Equal(Call("Best", W, x), value);
            var arg = 0;
            for (var k = 1; k < W.Length; k++)
            {
                if (W[k] * x > W[arg] * x) arg = k;
            }
            for (var k = 0; k < W.Length; k++)
            {
                var expected = k == arg ? x + 2 * W[k] : 0;
                Assert.True(SymbolicPropertyTests.Close(expected, dW[k], 1e-12), $"dW[{k}]: expected {expected}, got {dW[k]}");
            }
        }, iter: 300);
    }
}
