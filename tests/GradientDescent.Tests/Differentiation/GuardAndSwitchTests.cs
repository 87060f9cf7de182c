using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Throw guards (a throw expression in a conditional, a switch's throwing discard arm, <c>if (…) throw …;</c>): the
/// gradient throws the same exception where the method does and differentiates the path that goes on. Switch
/// statements over ints and doubles differentiate the section taken.
/// </summary>
public class GuardAndSwitchTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Guards;
        public static partial class Costs
        {
            [Differentiable(nameof(x))]
            public static double LogOf(double x) => x > 0 ? Math.Log(x) : throw new ArgumentOutOfRangeException(nameof(x), "x must be positive");

            [Differentiable(nameof(w))]
            public static double Checked(double w, double[] xs)
            {
                if (xs.Length == 0) throw new ArgumentException("no data", nameof(xs));
                double s = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    if (xs[i] < 0) throw new ArgumentOutOfRangeException(nameof(xs));
                    s += Math.Sqrt(xs[i]) * w * w;
                }
                return s;
            }

            [Differentiable(nameof(x))]
            public static double Piece(double x, int mode) => mode switch
            {
                0 => x * x,
                1 or 2 => Math.Sin(x) * mode,
                _ => throw new NotSupportedException("mode"),
            };

            [Differentiable(nameof(x))]
            public static double Sections(double x, int mode)
            {
                double y = x;
                switch (mode)
                {
                    case 0:
                        y = x * x;
                        break;
                    case 1:
                    case 2:
                        y = Math.Exp(x) * mode;
                        break;
                    case > 5:
                        return Math.Tanh(x);
                    default:
                        y += 3 * x;
                        break;
                }
                return y * x;
            }

            [Differentiable(nameof(x))]
            public static double ByValue(double x)
            {
                switch (x)
                {
                    case < -1:
                        return -x;
                    case >= -1 and < 1:
                        return x * x;
                }
                return 2 * x - 1;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static double[] Gradient(string method, params object[] arguments)
    {
        var gradient = Model.Value.Type("Guards.Costs").GetMethod(method + "Gradient", BindingFlags.Public | BindingFlags.Static)!;
        var args = arguments.Append(0.0).ToArray();
        var value = (double)gradient.Invoke(null, args)!;
        return new[] { value, (double)args[^1] };
    }

    private static double Value(string method, params object[] arguments) =>
        (double)Model.Value.Type("Guards.Costs").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    private static Exception Thrown(Action action) =>
        Assert.IsAssignableFrom<TargetInvocationException>(Record.Exception(action)).InnerException!;

    [Fact]
    public void A_throw_expression_guard_throws_the_same_exception_from_the_gradient()
    {
        var expected = Thrown(() => Value("LogOf", -1.0));
        var actual = Thrown(() => Gradient("LogOf", -1.0));
        Assert.IsType<ArgumentOutOfRangeException>(actual);
        Assert.Equal(expected.Message, actual.Message);
        Points.Uniform(0.01, 10).Sample(x =>
        {
            var result = Gradient("LogOf", x);
            Assert.Equal(Math.Log(x), result[0]);
            Assert.True(SymbolicPropertyTests.Close(1 / x, result[1], 1e-14), $"d/dx log x at {x}: {result[1]}");
        }, iter: 200);
    }

    [Fact]
    public void Guard_statements_throw_where_the_method_does_and_leave_the_derivative_unguarded()
    {
        Assert.Equal("xs", Assert.IsType<ArgumentException>(Thrown(() => GradientOf(1.0, Array.Empty<double>()))).ParamName);
        Assert.IsType<ArgumentOutOfRangeException>(Thrown(() => GradientOf(1.0, new[] { 1.0, -2.0 })));
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(0, 4, 3)).Sample((w, xs) =>
        {
            var (value, dw) = GradientOf(w, xs);
            Assert.Equal(Value("Checked", w, xs), value);
            var expected = 2 * w * xs.Sum(Math.Sqrt);
            Assert.True(SymbolicPropertyTests.Close(expected, dw, 1e-12), $"expected {expected}, got {dw}");
        }, iter: 200);

        // the path that goes on after the guard is not a branch: its derivative carries no condition
        var source = GeneratorHarness.Run(Source).GeneratedSource("Guards.Costs.g.cs");
        Assert.Contains("if ((double)xs.Length == 0.0) throw new global::System.ArgumentException(\"no data\", \"xs\");", source);
        Assert.DoesNotContain("== 0.0) ?", source);
    }

    private static (double Value, double Dw) GradientOf(double w, double[] xs)
    {
        var result = Gradient("Checked", w, xs);
        return (result[0], result[1]);
    }

    [Fact]
    public void A_switch_expression_with_a_throwing_discard_differentiates_the_arm_taken()
    {
        Assert.IsType<NotSupportedException>(Thrown(() => Gradient("Piece", 1.0, 7)));
        Gen.Select(Points.Uniform(-3, 3), Gen.Int[0, 2]).Sample((x, mode) =>
        {
            var result = Gradient("Piece", x, mode);
            Assert.Equal(Value("Piece", x, mode), result[0]);
            var expected = mode == 0 ? 2 * x : Math.Cos(x) * mode;
            Assert.True(SymbolicPropertyTests.Close(expected, result[1], 1e-14), $"mode {mode}: expected {expected}, got {result[1]}");
        }, iter: 300);
    }

    [Fact]
    public void A_switch_statement_differentiates_the_section_taken()
    {
        Gen.Select(Points.Uniform(-2, 2), Gen.Int[-1, 8]).Sample((x, mode) =>
        {
            var result = Gradient("Sections", x, mode);
            Assert.Equal(Value("Sections", x, mode), result[0]);
            var expected = mode switch
            {
                0 => 3 * x * x,
                1 or 2 => mode * Math.Exp(x) * (x + 1),
                > 5 => 1 - Math.Tanh(x) * Math.Tanh(x),
                _ => 8 * x,
            };
            Assert.True(SymbolicPropertyTests.Close(expected, result[1], 1e-12), $"mode {mode}: expected {expected}, got {result[1]}");
        }, iter: 400);
    }

    [Fact]
    public void A_switch_on_a_double_with_relational_cases_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("ByValue", check => Points.Uniform(-3, 3).Sample(x =>
        {
            var result = Gradient("ByValue", x);
            Assert.Equal(Value("ByValue", x), result[0]);
            return check.Agrees(p => Value("ByValue", p[0]), new[] { x }, 0, result[1]);
        }, iter: 300));
    }
}
