using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Loops whose number of passes the data decides: while with any condition (Newton's iteration run until the step
/// is small), do … while, and a for loop left by break. The gradient replays exactly the passes the forward loop made.
/// </summary>
public class DataStoppedLoopTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Stops;
        public static partial class Iterations
        {
            // √a by Newton's iteration, run until the step is small: the derivative is that of the unrolled passes
            [Differentiable(nameof(a))]
            public static double NewtonSqrt(double a)
            {
                double x = a;
                double step = 1;
                while (Math.Abs(step) > 1e-12)
                {
                    double next = 0.5 * (x + a / x);
                    step = next - x;
                    x = next;
                }
                return x;
            }

            // grows by a factor until it passes a threshold, at least once
            [Differentiable(nameof(r))]
            public static double GrowPast(double r, double limit)
            {
                double v = 1;
                int steps = 0;
                do
                {
                    v *= 1 + r;
                    steps++;
                } while (v < limit && steps < 1000);
                return v * steps;
            }

            // the discounted sum of rewards up to the first negative one
            [Differentiable(nameof(gamma))]
            public static double UntilNegative(double gamma, double[] rewards)
            {
                double total = 0;
                double discount = 1;
                for (int i = 0; i < rewards.Length; i++)
                {
                    if (rewards[i] < 0) break;
                    total += discount * rewards[i];
                    discount *= gamma;
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Iterations => Model.Value.Type("Stops.Iterations");

    private static double Call(string name, params object[] arguments) => (double)Iterations.GetMethod(name)!.Invoke(null, arguments)!;

    [Fact]
    public void Newton_iteration_until_the_step_is_small_gives_the_derivative_of_the_root()
    {
        Points.Uniform(0.25, 16).Sample(a =>
        {
            var args = new object[] { a, 0.0 };
            var value = Call("NewtonSqrtGradient", args);
            Assert.Equal(Call("NewtonSqrt", a), value);
            // converged: x = √a, and the unrolled iteration's derivative converges to 1 / (2√a)
            Assert.True(SymbolicPropertyTests.Close(0.5 / Math.Sqrt(a), (double)args[1], 1e-9), $"a = {a}: expected {0.5 / Math.Sqrt(a)}, got {args[1]}");
        }, iter: 200);
    }

    [Fact]
    public void A_do_while_loop_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("GrowPast", check => Gen.Select(Points.Uniform(0.05, 0.5), Points.Uniform(0.5, 40)).Sample((r, limit) =>
        {
            return OneParameterCheck.Agrees(check, Iterations, "GrowPast", r, limit);
        }, iter: 300));
    }

    [Fact]
    public void A_break_stops_the_sum_where_the_data_says()
    {
        Gen.Select(Points.Uniform(0, 1), Points.Uniform(-1, 3).Array[0, 8]).Sample((gamma, rewards) =>
        {
            var args = new object[] { gamma, rewards, 0.0 };
            var value = Call("UntilNegativeGradient", args);
            Assert.Equal(Call("UntilNegative", gamma, rewards), value);
            var kept = rewards.TakeWhile(x => x >= 0).ToArray();
            var expected = Enumerable.Range(1, Math.Max(0, kept.Length - 1)).Sum(i => i * Math.Pow(gamma, i - 1) * kept[i]);
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[2], 1e-12), $"expected {expected}, got {args[2]}");
        }, iter: 300);
    }
}
