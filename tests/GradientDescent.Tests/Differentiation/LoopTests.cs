using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Sums over data in loops: the generated gradient against central differences and hand-derived formulas, for
/// any trip count (including zero), with arrays, spans and int counts.
/// </summary>
public class LoopTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Loops;

        public static partial class Data
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double MeanSquaredError(double w, double b, double[] xs, double[] ys)
            {
                double sum = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    double e = ys[i] - (w * xs[i] + b);
                    sum += e * e;
                }
                return sum / Math.Max(xs.Length, 1);
            }

            [Differentiable(nameof(w))]
            public static double Logistic(double w, ReadOnlySpan<double> xs, int n)
            {
                double loss = 0;
                foreach (var x in xs)
                {
                    double p = 1 / (1 + Math.Exp(-w * x));
                    loss -= Math.Log(p);
                }
                return loss / n;
            }

            public static double LogisticAt(double w, double[] xs, int n) => Logistic(w, xs, n);

            public static double LogisticGradientAt(double w, double[] xs, int n, out double dw) => LogisticGradient(w, xs, n, out dw);

            [Differentiable(nameof(w), nameof(b))]
            public static double Hinge(double w, double b, double[] xs, double[] ys)
            {
                double scale = w * 0.5;
                double total = 1;
                for (int i = 0; i <= xs.Length - 1; i += 1)
                {
                    double margin = 1 - ys[i] * (scale * xs[i] + b);
                    if (margin > 0) total += margin;
                }
                return total * total;
            }

            [Differentiable(nameof(a))]
            private static double Helper(double a, double x) => a * Math.Sin(x);

            [Differentiable(nameof(w))]
            public static double Product(double w, double[] xs)
            {
                double p = 1;
                for (int i = 0; i < xs.Length; i++) p *= 1 + w * xs[i];
                return p;
            }

            [Differentiable(nameof(w), nameof(r0))]
            public static double Clipped(double w, double r0, int n)
            {
                double r = r0;
                for (int k = 0; k < n; k++)
                {
                    r = r * w;
                    if (r > 10) r = 10 + Math.Log(r - 9);
                }
                return r;
            }

            [Differentiable(nameof(w), nameof(b))]
            public static double WhileSum(double w, double b, double[] xs, double[] ys)
            {
                double sum = 0;
                int i = 0;
                while (i < xs.Length)
                {
                    double e = ys[i] - (w * xs[i] + b);
                    sum += e * e;
                    i++;
                }
                return sum / Math.Max(xs.Length, 1);
            }

            // two sums in one loop: a correlation-like ratio
            [Differentiable(nameof(w), nameof(b))]
            public static double TwoSums(double w, double b, double[] xs, double[] ys)
            {
                double fit = 0, size = 1;
                for (int i = 0; i < xs.Length; i++)
                {
                    double e = ys[i] - (w * xs[i] + b);
                    fit += e * e;
                    size += w * w * xs[i] * xs[i] + b * b;
                }
                return fit / size;
            }

            // Horner's rule: the polynomial Σ c[i]·x^(n-1-i), a recurrence in x
            [Differentiable(nameof(x))]
            public static double Horner(double x, double[] c)
            {
                double r = 0;
                foreach (var ci in c) r = r * x + ci;
                return r;
            }

            [Differentiable(nameof(w))]
            public static double WithCalls(double w, double[] xs, int stride)
            {
                double s = 0;
                for (int j = 0; j < xs.Length / stride; j++)
                    s = s + Helper(w, xs[j * stride]) * Helper(w, xs[j * stride + stride - 1]);
                return s;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) =>
        Model.Value.Type("Loops.Data").GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;

    private static (double Value, double[] Gradient) Gradient(string method, object[] arguments, int outs)
    {
        var args = arguments.Concat(Enumerable.Repeat<object>(0.0, outs)).ToArray();
        var value = (double)Method(method).Invoke(null, args)!;
        return (value, args.Skip(arguments.Length).Select(a => (double)a).ToArray());
    }

    private static double Value(string method, object[] arguments) => (double)Method(method).Invoke(null, arguments)!;

    private static readonly Gen<double[]> Data = Points.Uniform(-2, 2).Array[0, 12];

    [Fact]
    public void Mean_squared_error_matches_the_hand_derived_gradient()
    {
        Gen.Select(Points.Uniform(-3, 3, 2), Data, Points.Uniform(-5, 5).Array[12]).Sample((wb, xs, ysAll) =>
        {
            var ys = ysAll.Take(xs.Length).ToArray();
            var (w, b) = (wb[0], wb[1]);
            var (value, g) = Gradient("MeanSquaredErrorGradient", new object[] { w, b, xs, ys }, 2);
            var n = Math.Max(xs.Length, 1);
            var errors = xs.Select((x, i) => ys[i] - (w * x + b)).ToArray();
            Assert.Equal(Value("MeanSquaredError", new object[] { w, b, xs, ys }), value);
            Assert.True(SymbolicPropertyTests.Close(-2.0 / n * errors.Select((e, i) => e * xs[i]).Sum(), g[0], 1e-12));
            Assert.True(SymbolicPropertyTests.Close(-2.0 / n * errors.Sum(), g[1], 1e-12));
        }, iter: 200);
    }

    [Fact]
    public void Foreach_over_a_span_with_an_int_count()
    {
        Gen.Select(Points.Uniform(-3, 3), Data, Gen.Int[1, 5]).Sample((w, xs, n) =>
        {
            var (value, g) = Gradient("LogisticGradientAt", new object[] { w, xs, n }, 1);
            Assert.Equal(Value("LogisticAt", new object[] { w, xs, n }), value);
            var expected = xs.Select(x => -x / (1 + Math.Exp(w * x))).Sum() / n; // d(−log σ(wx))/dw = −x(1 − σ(wx))
            Assert.True(SymbolicPropertyTests.Close(expected, g[0], 1e-12), $"expected {expected}, got {g[0]}");
        }, iter: 200);
    }

    [Theory]
    [InlineData("Hinge", 2)]
    [InlineData("MeanSquaredError", 2)]
    public void Loops_with_branches_and_locals_match_central_differences(string method, int wrt)
    {
        FiniteDifferenceCheck.Run(method, check => Gen.Select(Points.Uniform(-2, 2, 2), Data, Points.Uniform(-1, 1).Array[12]).Sample((wb, xs, ysAll) =>
        {
            var ys = ysAll.Take(xs.Length).ToArray();
            var (_, g) = Gradient(method + "Gradient", new object[] { wb[0], wb[1], xs, ys }, wrt);
            for (var i = 0; i < wrt; i++)
            {
                if (!check.Agrees(p => Value(method, new object[] { p[0], p[1], xs, ys }), wb, i, g[i])) return false;
            }
            return true;
        }, iter: 200));
    }

    [Fact]
    public void Calls_and_index_arithmetic_inside_a_loop_match_central_differences()
    {
        FiniteDifferenceCheck.Run("WithCalls", check => Gen.Select(Points.Uniform(-2, 2), Data, Gen.Int[1, 3]).Sample((w, xs, stride) =>
        {
            var (value, g) = Gradient("WithCallsGradient", new object[] { w, xs, stride }, 1);
            return value == Value("WithCalls", new object[] { w, xs, stride }) &&
                   check.Agrees(p => Value("WithCalls", new object[] { p[0], xs, stride }), new[] { w }, 0, g[0]);
        }, iter: 200));
    }

    [Fact]
    public void Products_over_data_keep_their_passes_on_a_tape()
    {
        Gen.Select(Points.Uniform(-1, 1), Data).Sample((w, xs) =>
        {
            var (value, g) = Gradient("ProductGradient", new object[] { w, xs }, 1);
            var expected = Enumerable.Range(0, xs.Length)
                .Sum(k => xs[k] * xs.Where((_, j) => j != k).Aggregate(1.0, (p, x) => p * (1 + w * x))); // product rule
            Assert.Equal(Value("Product", new object[] { w, xs }), value);
            Assert.True(SymbolicPropertyTests.Close(expected, g[0], 1e-10), $"expected {expected}, got {g[0]}");
        }, iter: 200);
    }

    [Fact]
    public void Recurrences_with_branches_and_polynomials_match_central_differences()
    {
        FiniteDifferenceCheck.Run("Clipped", check => Gen.Select(Points.Uniform(-2, 2, 2), Gen.Int[0, 8]).Sample((p, n) =>
        {
            var (_, g) = Gradient("ClippedGradient", new object[] { p[0], p[1], n }, 2);
            return check.Agrees(q => Value("Clipped", new object[] { q[0], q[1], n }), p, 0, g[0]) &&
                   check.Agrees(q => Value("Clipped", new object[] { q[0], q[1], n }), p, 1, g[1]);
        }, iter: 200));
        Gen.Select(Points.Uniform(-2, 2), Data).Sample((x, c) =>
        {
            var (_, g) = Gradient("HornerGradient", new object[] { x, c }, 1);
            var n = c.Length;
            var expected = Enumerable.Range(0, n).Where(i => n - 1 - i > 0).Sum(i => c[i] * (n - 1 - i) * Math.Pow(x, n - 2 - i));
            return SymbolicPropertyTests.Close(expected, g[0], 1e-9);
        }, iter: 200);
    }

    [Fact]
    public void While_loop_counting_an_index_equals_the_for_loop()
    {
        Gen.Select(Points.Uniform(-3, 3, 2), Data, Points.Uniform(-5, 5).Array[12]).Sample((wb, xs, ysAll) =>
        {
            var ys = ysAll.Take(xs.Length).ToArray();
            var arguments = new object[] { wb[0], wb[1], xs, ys };
            var (value, g) = Gradient("WhileSumGradient", arguments, 2);
            var (forValue, forG) = Gradient("MeanSquaredErrorGradient", arguments, 2);
            Assert.Equal(Value("WhileSum", arguments), value);
            Assert.Equal(forValue, value);
            Assert.Equal(forG, g);
        }, iter: 100);
    }

    [Fact]
    public void Two_sums_in_one_loop_match_central_differences()
    {
        FiniteDifferenceCheck.Run("TwoSums", check => Gen.Select(Points.Uniform(-2, 2, 2), Data, Points.Uniform(-1, 1).Array[12]).Sample((wb, xs, ysAll) =>
        {
            var ys = ysAll.Take(xs.Length).ToArray();
            var (value, g) = Gradient("TwoSumsGradient", new object[] { wb[0], wb[1], xs, ys }, 2);
            return value == Value("TwoSums", new object[] { wb[0], wb[1], xs, ys }) &&
                   Enumerable.Range(0, 2).All(i => check.Agrees(p => Value("TwoSums", new object[] { p[0], p[1], xs, ys }), wb, i, g[i]));
        }, iter: 200));
    }

    [Fact]
    public void An_empty_loop_adds_nothing()
    {
        var (value, g) = Gradient("MeanSquaredErrorGradient", new object[] { 1.5, 0.5, Array.Empty<double>(), Array.Empty<double>() }, 2);
        Assert.Equal(0, value);
        Assert.Equal(new[] { 0.0, 0.0 }, g);
    }
}
