using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// A value each pass of a sum reads only as a shift of an exponential, S = Σ exp(uₖ + α·m), passes α·S back in one
/// product: the max of a log-sum-exp then gets an adjoint of exactly zero, and its recurrence no backward pass.
/// Where anything else in the loop reads the shift or the exponential, the ordinary per-pass sweep stays; every
/// case is checked against hand-derived formulas or central differences.
/// </summary>
public class ShiftedExponentialsTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Shifts;

        public static partial class Models
        {
            [Differentiable(nameof(z))]
            public static double LogSumExp(double[] z)
            {
                double max = z[0];
                for (int k = 1; k < z.Length; k++) max = Math.Max(max, z[k]);
                double sum = 0;
                for (int k = 0; k < z.Length; k++) sum += Math.Exp(z[k] - max);
                return Math.Log(sum) + max;
            }

            // α = 2
            [Differentiable(nameof(m))]
            public static double Scaled(double m, double[] x)
            {
                double s = 0;
                for (int k = 0; k < x.Length; k++) s += Math.Exp(x[k] + 2 * m);
                return s + m * m;
            }

            // a sum that starts away from zero: α·(S − S₀) would cancel a small Σ exp against the start
            [Differentiable(nameof(m))]
            public static double SoftPlusOfSum(double m, double[] x)
            {
                double s = 1;
                for (int k = 0; k < x.Length; k++) s += Math.Exp(x[k] + m);
                return Math.Log(s);
            }

            // the shift is read by a second sum of the loop
            [Differentiable(nameof(m))]
            public static double ShiftReadTwice(double m, double[] x)
            {
                double s = 0, t = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    s += Math.Exp(x[k] - m);
                    t += x[k] * m;
                }
                return Math.Log(s) + t;
            }

            // the exponential is read by a second sum
            [Differentiable(nameof(m))]
            public static double ExponentialReadTwice(double m, double[] x)
            {
                double s = 0, t = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    double e = Math.Exp(x[k] - m);
                    s += e;
                    t += e * x[k];
                }
                return t / s;
            }

            // not a shift: m scales the exponent
            [Differentiable(nameof(m))]
            public static double Scaling(double m, double[] x)
            {
                double s = 0;
                for (int k = 0; k < x.Length; k++) s += Math.Exp(x[k] * m);
                return Math.Log(s);
            }

            public static double LogSumExpAt(double[] z, double[] dz) => LogSumExpGradient(z, dz);
        }
        """;

    private static readonly Lazy<GenerationResult> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static string Member(string method) => Vectorization.VectorizedGradientTests.Member(Generated.Value.AllGeneratedSources(), method);

    private static MethodInfo Method(string name) => Model.Value.Type("Shifts.Models").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>∂name/∂m from the generated <c>nameGradient(m, x, out dm)</c>.</summary>
    private static double Derivative(string name, double m, double[] x)
    {
        var arguments = new object?[] { m, x, null };
        Method(name + "Gradient").Invoke(null, arguments);
        return (double)arguments[2]!;
    }

    [Fact]
    public void The_max_of_a_log_sum_exp_gets_no_adjoint_and_its_recurrence_no_backward_pass()
    {
        var code = Member("LogSumExpGradient");
        Assert.DoesNotContain("dmax", code);
        Assert.DoesNotContain("k >= 1; k--", code);
        Assert.DoesNotContain("tape_1", code);
    }

    [Fact]
    public void The_log_sum_exps_gradient_is_the_softmax_and_agrees_with_central_differences()
    {
        var at = Method("LogSumExpAt");
        FiniteDifferenceCheck.Run("log-sum-exp", check => Gen.Int[1, 12].SelectMany(n => Points.Uniform(-20, 20, n)).Sample(z =>
        {
            var dz = new double[z.Length];
            at.Invoke(null, new object[] { z, dz });
            var total = z.Sum(Math.Exp);
            double F(double[] p) => (double)Method("LogSumExp").Invoke(null, new object[] { p })!;
            return z.Select((v, k) => SymbolicPropertyTests.Close(Math.Exp(v) / total, dz[k], 1e-12) && check.Agrees(F, z, k, dz[k])).All(ok => ok);
        }, iter: 300));
    }

    [Fact]
    public void A_scaled_shift_passes_alpha_times_the_sum_and_no_pass_accumulates_it()
    {
        Assert.DoesNotContain("ds_dm", Member("ScaledGradient"));
        Gen.Int[0, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2, n))).Sample((m, x) =>
        {
            var expected = 2 * m + 2 * x.Sum(v => Math.Exp(v + 2 * m));
            return SymbolicPropertyTests.Close(expected, Derivative("Scaled", m, x), 1e-12);
        }, iter: 200);
    }

    [Fact]
    public void A_sum_that_does_not_start_at_zero_keeps_the_pass_sweep_and_every_digit_of_a_small_sum()
    {
        Assert.Contains("ds_dm += ", Member("SoftPlusOfSumGradient"));
        Gen.Int[1, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-45, 2, n))).Sample((m, x) =>
        {
            var sum = x.Sum(v => Math.Exp(v + m));
            var expected = sum / (1 + sum);
            return Math.Abs(expected - Derivative("SoftPlusOfSum", m, x)) <= 1e-12 * expected; // relative: the sum may be 1e-20
        }, iter: 300);
    }

    [Theory]
    [InlineData("ShiftReadTwice")]
    [InlineData("ExponentialReadTwice")]
    [InlineData("Scaling")]
    public void Where_the_loop_reads_the_shift_or_the_exponential_elsewhere_the_pass_sweep_stays_and_agrees_with_central_differences(string name)
    {
        Assert.Contains("ds_dm += ", Member(name + "Gradient")); // the per-pass accumulation of ∂/∂m
        FiniteDifferenceCheck.Run(name, check => Gen.Int[1, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2, n))).Sample((m, x) =>
        {
            double F(double[] p) => (double)Method(name).Invoke(null, new object[] { p[0], x })!;
            return check.Agrees(F, new[] { m }, 0, Derivative(name, m, x));
        }, iter: 200));
    }
}
