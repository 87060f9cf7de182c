using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Loops inside if/else: each runs only on its path (forward and backward), so a loop whose terms are NaN or out of
/// range on the other path costs nothing there and leaves the derivative finite.
/// </summary>
public class LoopInBranchTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Branches;
        public static partial class Costs
        {
            [Differentiable(nameof(w))]
            public static double Penalised(double[] w, double[] xs, double[] ys, double lambda, int norm)
            {
                double loss = 0;
                for (int i = 0; i < ys.Length; i++)
                {
                    double e = w[0] * xs[i] + w[1] - ys[i];
                    loss += e * e;
                }
                if (norm == 2)
                {
                    for (int j = 0; j < w.Length; j++) loss += lambda * w[j] * w[j];
                }
                else if (norm == 1)
                {
                    for (int j = 0; j < w.Length; j++) loss += lambda * Math.Sqrt(w[j] * w[j] + 1e-3);
                }
                return loss;
            }

            public static double PenalisedAt(double[] w, double[] xs, double[] ys, double lambda, int norm, double[] dw) => PenalisedGradient(w, xs, ys, lambda, norm, dw);

            // the loop's terms are NaN where w <= 0: only the path that runs it may compute them
            [Differentiable(nameof(w))]
            public static double LogsWhenPositive(double w, int n)
            {
                double s = 0;
                if (w > 0)
                {
                    for (int k = 0; k < n; k++) s += Math.Log(w) * k;
                }
                else
                {
                    s = -w;
                }
                return s;
            }

            [Differentiable(nameof(x))]
            public static double ProductOrReturn(double x, int n)
            {
                if (n > 3)
                {
                    double t = 0;
                    for (int k = 0; k < n; k++) t += Math.Sin(x * k);
                    return t;
                }
                double p = 1;
                if (n > 0)
                {
                    for (int k = 0; k < n; k++) p *= 1 + x * k;
                }
                return p;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Costs => Model.Value.Type("Branches.Costs");

    [Fact]
    public void The_penalty_loop_taken_is_the_one_differentiated()
    {
        Gen.Select(Points.Uniform(-2, 2, 2), Points.Uniform(-2, 2, 4), Points.Uniform(-2, 2, 4), Points.Uniform(0, 1), Gen.Int[0, 2]).Sample((w, xs, ys, lambda, norm) =>
        {
            var dw = new[] { double.NaN, double.NaN };
            Costs.GetMethod("PenalisedAt")!.Invoke(null, new object[] { w, xs, ys, lambda, norm, dw });
            for (var m = 0; m < 2; m++)
            {
                var data = Enumerable.Range(0, ys.Length).Sum(i => 2 * (w[0] * xs[i] + w[1] - ys[i]) * (m == 0 ? xs[i] : 1));
                var penalty = norm switch
                {
                    2 => 2 * lambda * w[m],
                    1 => lambda * w[m] / Math.Sqrt(w[m] * w[m] + 1e-3),
                    _ => 0,
                };
                Assert.True(SymbolicPropertyTests.Close(data + penalty, dw[m], 1e-12), $"norm {norm}, dw[{m}]: expected {data + penalty}, got {dw[m]}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_loop_that_is_NaN_off_its_path_leaves_the_derivative_finite()
    {
        Gen.Select(Points.Uniform(-3, 3), Gen.Int[0, 5]).Sample((w, n) =>
        {
            var args = new object[] { w, n, 0.0 };
            var value = (double)Costs.GetMethod("LogsWhenPositiveGradient")!.Invoke(null, args)!;
            Assert.Equal((double)Costs.GetMethod("LogsWhenPositive")!.Invoke(null, new object[] { w, n })!, value);
            var expected = w > 0 ? n * (n - 1) / 2.0 / w : -1;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[2], 1e-12), $"w = {w}, n = {n}: expected {expected}, got {args[2]}");
        }, iter: 300);

        var source = GeneratorHarness.Run(Source).GeneratedSource("Branches.Costs.g.cs");
        Assert.Matches(@"if \(w > 0\)\s*\{\s*for \(int k = 0; k < n; k\+\+\)", source); // the loop itself is on its path, not only its contributions
    }

    [Fact]
    public void A_loop_in_a_returning_branch_and_a_recurrence_in_a_branch_agree_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("ProductOrReturn", check => Gen.Select(Points.Uniform(-1, 1), Gen.Int[0, 6]).Sample((x, n) =>
        {
            return OneParameterCheck.Agrees(check, Costs, "ProductOrReturn", x, n);
        }, iter: 300));
    }
}
