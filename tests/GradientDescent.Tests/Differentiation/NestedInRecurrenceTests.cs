using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Loops nested inside a loop that carries values: an inner sum over the data in each step of an iteration (a
/// few steps of gradient descent, differentiated with respect to the learning rate), a recurrent cell whose state
/// is refilled each time step, and a while loop around a for loop.
/// </summary>
public class NestedInRecurrenceTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Nested;
        public static partial class Unrolled
        {
            // the loss after a few steps of gradient descent on y ≈ w·x, as a function of the learning rate
            [Differentiable(nameof(lr))]
            public static double AfterSteps(double lr, double[] xs, double[] ys, int steps)
            {
                double w = 0;
                for (int t = 0; t < steps; t++)
                {
                    double g = 0;
                    for (int i = 0; i < xs.Length; i++) g += (w * xs[i] - ys[i]) * xs[i];
                    w -= lr * g / xs.Length;
                }
                double loss = 0;
                for (int i = 0; i < xs.Length; i++) loss += (w * xs[i] - ys[i]) * (w * xs[i] - ys[i]);
                return loss;
            }

            // a scalar recurrent cell: h ← tanh(a·h + Σ_j u_j·x_{t,j})
            [Differentiable(nameof(a), nameof(u))]
            public static double Recurrent(double a, double[] u, double[] xs, int steps)
            {
                double h = 0;
                for (int t = 0; t < steps; t++)
                {
                    double z = a * h;
                    for (int j = 0; j < u.Length; j++) z += u[j] * xs[t * u.Length + j];
                    h = Math.Tanh(z);
                }
                return h;
            }

            public static double RecurrentAt(double a, double[] u, double[] xs, int steps, double[] du, out double da) => RecurrentGradient(a, u, xs, steps, out da, du);

            // an inner loop whose bound is the outer index, adding to the value the outer loop carries
            [Differentiable(nameof(w))]
            public static double Triangle(double w, int n)
            {
                double p = 1;
                for (int i = 0; i < n; i++)
                {
                    p *= w;
                    for (int j = 0; j < i; j++) p += w * j;
                }
                return p;
            }

            // halve the step until the sum of squares is below a bound
            [Differentiable(nameof(w))]
            public static double Shrink(double w, double[] xs)
            {
                double scale = 1;
                double s = 1e9;
                while (s > 1)
                {
                    s = 0;
                    for (int i = 0; i < xs.Length; i++) s += scale * w * xs[i] * scale * w * xs[i];
                    scale *= 0.5;
                }
                return s + scale * w;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Unrolled => Model.Value.Type("Nested.Unrolled");

    private static double Call(string name, params object[] arguments) => (double)Unrolled.GetMethod(name)!.Invoke(null, arguments)!;

    [Fact]
    public void Steps_of_gradient_descent_differentiate_with_respect_to_the_learning_rate()
    {
        FiniteDifferenceCheck.Run("AfterSteps", check => Gen.Int[1, 5].SelectMany(n => Gen.Select(Points.Uniform(0.01, 0.5), Points.Uniform(-1, 1, n), Points.Uniform(-2, 2, n), Gen.Int[0, 6]))
            .Sample((lr, xs, ys, steps) =>
            {
                return OneParameterCheck.Agrees(check, Unrolled, "AfterSteps", lr, xs, ys, steps);
            }, iter: 200));
    }

    [Fact]
    public void A_recurrent_cell_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Recurrent", check => Gen.Int[1, 3].SelectMany(m => Gen.Int[0, 5].SelectMany(steps => Gen.Select(
            Points.Uniform(-1, 1), Points.Uniform(-1, 1, m), Points.Uniform(-1, 1, m * steps), (a, u, xs) => (a, u, xs, steps)))).Sample(t =>
        {
            var du = new double[t.u.Length];
            var args = new object[] { t.a, t.u, t.xs, t.steps, du, 0.0 };
            var value = Call("RecurrentAt", args);
            double F(double[] p) => Call("Recurrent", p[0], p[1..], t.xs, t.steps);
            var point = new[] { t.a }.Concat(t.u).ToArray();
            var exact = new[] { (double)args[5] }.Concat(du).ToArray();
            return value.Equals(F(point)) && Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
        }, iter: 200));
    }

    [Fact]
    public void A_while_loop_around_a_sum_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Shrink", check => Gen.Select(Points.Uniform(0.5, 3), Points.Uniform(-2, 2).Array[1, 5]).Sample((w, xs) =>
        {
            return OneParameterCheck.Agrees(check, Unrolled, "Shrink", w, xs);
        }, iter: 200));
    }

    [Fact]
    public void An_inner_loop_bounded_by_the_outer_index_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Triangle", check => Gen.Select(Points.Uniform(-1.5, 1.5), Gen.Int[0, 7]).Sample((w, n) =>
        {
            return OneParameterCheck.Agrees(check, Unrolled, "Triangle", w, n);
        }, iter: 200));
    }
}
