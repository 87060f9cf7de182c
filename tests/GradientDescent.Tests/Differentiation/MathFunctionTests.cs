using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// The System.Math functions beyond the first dozen, each in a cost of (a, b, c): the generated gradient against
/// the derivative worked out by hand and against central differences, inside each function's domain.
/// </summary>
public class MathFunctionTests
{
    public sealed record Case(string Name, string Body, double Low, double High, Func<double, double, double, double> Value,
        Func<double, double, double, double[]> Gradient)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    {
        new("Hyperbolic", "=> Math.Sinh(a * b) + Math.Cosh(c - a);", -2, 2,
            (a, b, c) => Math.Sinh(a * b) + Math.Cosh(c - a),
            (a, b, c) => new[] { b * Math.Cosh(a * b) - Math.Sinh(c - a), a * Math.Cosh(a * b), Math.Sinh(c - a) }),
        new("InverseHyperbolic", "=> Math.Asinh(a * b) + Math.Acosh(1.5 + c * c) + Math.Atanh(0.4 * Math.Tanh(a - c));", -2, 2,
            (a, b, c) => Math.Asinh(a * b) + Math.Acosh(1.5 + c * c) + Math.Atanh(0.4 * Math.Tanh(a - c)),
            (a, b, c) =>
            {
                var t = Math.Tanh(a - c);
                var dAtanh = 0.4 * (1 - t * t) / (1 - 0.16 * t * t);
                var u = 1.5 + c * c;
                return new[] { b / Math.Sqrt(a * a * b * b + 1) + dAtanh, a / Math.Sqrt(a * a * b * b + 1), 2 * c / Math.Sqrt(u * u - 1) - dAtanh };
            }),
        new("InverseTrigonometric", "=> Math.Asin(0.5 * Math.Sin(a * b)) - Math.Acos(0.6 * Math.Tanh(c)) * a;", -2, 2,
            (a, b, c) => Math.Asin(0.5 * Math.Sin(a * b)) - Math.Acos(0.6 * Math.Tanh(c)) * a,
            (a, b, c) =>
            {
                var s = 0.5 * Math.Sin(a * b);
                var dAsin = 0.5 * Math.Cos(a * b) / Math.Sqrt(1 - s * s);
                var t = 0.6 * Math.Tanh(c);
                var dAcos = -0.6 * (1 - Math.Tanh(c) * Math.Tanh(c)) / Math.Sqrt(1 - t * t);
                return new[] { b * dAsin - Math.Acos(t), a * dAsin, -a * dAcos };
            }),
        new("Atan2", "=> Math.Atan2(a * b, c) + Math.Atan2(c, 2.0);", 0.5, 2,
            (a, b, c) => Math.Atan2(a * b, c) + Math.Atan2(c, 2.0),
            (a, b, c) =>
            {
                var y = a * b;
                var r = y * y + c * c;
                return new[] { c * b / r, c * a / r, -y / r + 2 / (c * c + 4) };
            }),
        new("Cbrt", "=> Math.Cbrt(a * b + 5) * c;", -2, 2,
            (a, b, c) => Math.Cbrt(a * b + 5) * c,
            (a, b, c) =>
            {
                var k = Math.Cbrt(a * b + 5);
                return new[] { c * b / (3 * k * k), c * a / (3 * k * k), k };
            }),
        new("Logarithms", "=> Math.Log10(a * b) + Math.Log2(c) + Math.Log(a + b, c + 2);", 0.5, 2,
            (a, b, c) => Math.Log10(a * b) + Math.Log2(c) + Math.Log(a + b, c + 2),
            (a, b, c) =>
            {
                var lnBase = Math.Log(c + 2);
                var dValue = 1 / ((a + b) * lnBase);
                return new[] { 1 / (a * Math.Log(10)) + dValue, 1 / (b * Math.Log(10)) + dValue, 1 / (c * Math.Log(2)) - Math.Log(a + b) / ((c + 2) * lnBase * lnBase) };
            }),
        new("Exp2", "=> double.Exp2(a * b) - c * double.Exp2(c);", -2, 2,
            (a, b, c) => double.Exp2(a * b) - c * double.Exp2(c),
            (a, b, c) =>
            {
                var e = Math.Pow(2, a * b) * Math.Log(2);
                return new[] { b * e, a * e, -Math.Pow(2, c) - c * Math.Pow(2, c) * Math.Log(2) };
            }),
        new("Clamp", "=> Math.Clamp(a * b, -1.0, c) * c;", -2, 2,
            (a, b, c) => Math.Clamp(a * b, -1.0, c) * c,
            (a, b, c) =>
            {
                var u = a * b;
                var v = Math.Clamp(u, -1.0, c);
                return u < -1 ? new[] { 0.0, 0.0, v } : u > c ? new[] { 0.0, 0.0, 2 * c } : new[] { b * c, a * c, v };
            }),
        new("FusedMultiplyAdd", "=> Math.FusedMultiplyAdd(a, b, c * c);", -2, 2,
            (a, b, c) => Math.FusedMultiplyAdd(a, b, c * c),
            (a, b, c) => new[] { b, a, 2 * c }),
    };

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    private static string Source => $$"""
        using System;
        using GradientDescent;
        namespace MathCases;
        public static partial class F
        {
        {{string.Concat(Cases.Select(c => $"    [Differentiable]\n    public static double {c.Name}(double a, double b, double c) {c.Body}\n"))}}
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static (double Value, double[] Gradient) Generated(string name, double a, double b, double c) =>
        Model.Value.Gradient("MathCases.F", name, a, b, c);

    // Clamp at c < −1 throws (max < min): sample where the bounds are ordered.
    private static Gen<double[]> Points3(Case k) => Points.Uniform(k.Low, k.High, 3).Where(p => k.Name != "Clamp" || p[2] > -1);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_the_hand_derived_formula(string name)
    {
        var k = Cases.Single(c => c.Name == name);
        Points3(k).Sample(p =>
        {
            var (value, gradient) = Generated(name, p[0], p[1], p[2]);
            Assert.Equal(k.Value(p[0], p[1], p[2]), value);
            var expected = k.Gradient(p[0], p[1], p[2]);
            for (var i = 0; i < 3; i++)
                Assert.True(SymbolicPropertyTests.Close(expected[i], gradient[i], 1e-11), $"∂/∂{"abc"[i]} at ({string.Join(", ", p)}): expected {expected[i]}, got {gradient[i]}");
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_agrees_with_finite_differences(string name)
    {
        var k = Cases.Single(c => c.Name == name);
        FiniteDifferenceCheck.Run(name, check => Points3(k).Sample(p =>
        {
            var (_, gradient) = Generated(name, p[0], p[1], p[2]);
            return Enumerable.Range(0, 3).All(i => check.Agrees(q => Model.Value.Value("MathCases.F", name, q[0], q[1], q[2]), p, i, gradient[i]));
        }, iter: 200));
    }

    [Fact]
    public void A_DerivativeOf_for_a_Math_function_wins_over_the_built_in_rule()
    {
        var generated = GeneratorHarness.Run("""
            using System;
            using GradientDescent;
            namespace Custom;
            public static partial class F
            {
                [DerivativeOf(typeof(Math), nameof(Math.Cbrt))]
                public static double CbrtGradient(double x, out double dx) { var c = Math.Cbrt(x); dx = 1 / (3 * c * c); return c; }

                [Differentiable]
                public static double Cost(double a) => Math.Cbrt(a * a + 1);
            }
            """).AllGeneratedSources();
        Assert.Contains("CbrtGradient(", generated);
    }

    [Fact]
    public void Pow_with_an_int_exponent_is_n_times_the_power_below()
    {
        var model = CompiledModel.Build("""
            using System;
            using GradientDescent;
            namespace Powers;
            public static partial class P
            {
                [Differentiable(nameof(a), nameof(b))]
                public static double Cost(double a, double b, int n) => Math.Pow(a, n) + Math.Pow(a * b, 3) - Math.Pow(b, n - 1);

                public static double CostAt(double a, double b, int n, out double da, out double db) => CostGradient(a, b, n, out da, out db);
            }
            """);
        var at = model.Type("Powers.P").GetMethod("CostAt")!;
        Gen.Select(Points.Uniform(0.5, 2), Points.Uniform(0.5, 2), Gen.Int[0, 6]).Sample((a, b, n) =>
        {
            var args = new object[] { a, b, n, 0.0, 0.0 };
            at.Invoke(null, args);
            var da = n * Math.Pow(a, n - 1) + 3 * b * Math.Pow(a * b, 2);
            var db = 3 * a * Math.Pow(a * b, 2) - (n - 1) * Math.Pow(b, n - 2);
            Assert.True(SymbolicPropertyTests.Close(da, (double)args[3], 1e-11), $"da: expected {da}, got {args[3]}");
            Assert.True(SymbolicPropertyTests.Close(db, (double)args[4], 1e-11), $"db: expected {db}, got {args[4]}");
        }, iter: 200);
    }
}
