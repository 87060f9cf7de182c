using System;
using System.Reflection;
using System.Threading.Tasks;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Differentiation;

/// <summary>Switch expressions over ints and doubles: the derivative of the arm taken; the forms not read get GD0008 at the construct.</summary>
public class SwitchExpressionTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Switches;
        public static partial class S
        {
            // a loss chosen by an int code, and a piecewise function of the weight itself
            [Differentiable(nameof(w))]
            public static double Loss(double w, double x, int kind) => kind switch
            {
                0 => (w * x - 1) * (w * x - 1),
                1 or 2 => Math.Abs(w * x - 1),
                >= 10 and < 20 => Math.Log(1 + Math.Exp(w * x)),
                _ => w,
            };

            [Differentiable(nameof(w))]
            public static double Piecewise(double w) => w switch
            {
                < -1 => -2 * w - 1,
                < 1 => w * w,
                _ => 2 * w - 1,
            };

            public static double LossAt(double w, double x, int kind, out double dw) => LossGradient(w, x, kind, out dw);

            public static double PiecewiseAt(double w, out double dw) => PiecewiseGradient(w, out dw);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Switches.S").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void An_int_switch_takes_the_derivative_of_the_arm_it_selects()
    {
        Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2), Gen.Int[-1, 25]).Sample((w, x, kind) =>
        {
            var args = new object[] { w, x, kind, 0.0 };
            var value = (double)Method("LossAt").Invoke(null, args)!;
            Assert.Equal((double)Method("Loss").Invoke(null, new object[] { w, x, kind })!, value);
            var z = w * x;
            var expected = kind switch
            {
                0 => 2 * (z - 1) * x,
                1 or 2 => Math.Sign(z - 1) * x,
                >= 10 and < 20 => x * Math.Exp(z) / (1 + Math.Exp(z)),
                _ => 1.0,
            };
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"kind {kind}: expected {expected}, got {args[3]}");
        }, iter: 400);
    }

    [Fact]
    public void A_switch_on_the_weight_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Piecewise", check => Points.Uniform(-3, 3).Sample(w =>
        {
            var args = new object[] { w, 0.0 };
            Method("PiecewiseAt").Invoke(null, args);
            return check.Agrees(p => (double)Method("Piecewise").Invoke(null, new object[] { p[0] })!, new[] { w }, 0, (double)args[1]);
        }, iter: 300));
    }

    [Fact]
    public Task A_switch_without_a_final_discard_gets_GD0008_at_the_switch() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, int kind) => {|#0:kind switch { 0 => w, 1 => w * w }|};
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'kind switch { 0 => w, 1 => w * w }': a switch expression is differentiated when its last arm is the discard `_ => …` (the value when no other arm matches); add one"));

    [Fact]
    public Task A_when_clause_gets_GD0008_at_the_clause() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, int kind) => kind switch { 0 {|#0:when w > 0|} => w, _ => w * w };
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'when w > 0': a when clause of a switch arm is not differentiated; join the condition into the pattern, or write the switch as if/else"));
}
