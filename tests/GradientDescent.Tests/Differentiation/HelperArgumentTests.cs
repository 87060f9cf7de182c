using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>Calls of [Differentiable] helpers that take int and bool arguments: the helper's gradient receives them as data.</summary>
public class HelperArgumentTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Helpers;
        public static partial class Layers
        {
            [Differentiable(nameof(z))]
            private static double Activate(double z, int kind, bool leaky) => kind switch
            {
                0 => Math.Tanh(z),
                1 => 1 / (1 + Math.Exp(-z)),
                _ => z > 0 ? z : leaky ? 0.01 * z : 0,
            };

            [Differentiable(nameof(w))]
            public static double Neuron(double w, double x, int kind) => Activate(w * x, kind, true) + Activate(w, 0, false);

            // data arrays passed through: the helper reads them, the derivative is with respect to the bias
            [Differentiable(nameof(b))]
            private static double Predict(double b, ReadOnlySpan<double> x, ReadOnlySpan<double> w)
            {
                double s = b;
                for (int i = 0; i < x.Length; i++) s += w[i] * x[i];
                return Math.Tanh(s);
            }

            [Differentiable(nameof(w), nameof(b))]
            private static double Score(ReadOnlySpan<double> w, double b, ReadOnlySpan<double> x)
            {
                double s = b;
                for (int i = 0; i < x.Length; i++) s += w[i] * x[i];
                return s;
            }

            // the helper's gradient span for W is added into the caller's, once and per pass of a loop
            [Differentiable(nameof(W), nameof(b))]
            public static double Twice(double[] W, double b, double[] x, int passes)
            {
                double loss = Math.Tanh(Score(W, b, x));
                for (int t = 0; t < passes; t++) loss += Math.Sin(Score(W, b * t, x)) * t;
                return loss;
            }

            public static double TwiceAt(double[] W, double b, double[] x, int passes, double[] dW, out double db) => TwiceGradient(W, b, x, passes, dW, out db);

            [Differentiable(nameof(b))]
            public static double Fit(double b, double[] xs, double[] w, double y)
            {
                double e = Predict(b, xs, w) - y;
                return e * e;
            }

            // optional parameters the callers leave out take their defaults, as in C#
            [Differentiable(nameof(x), nameof(k))]
            private static double Scaled(double x, double k = 3, int n = 2, bool half = true) => (half ? 0.5 : 1) * k * Math.Pow(x, n);

            [Differentiable(nameof(p))]
            public static double Defaults(double p) => Scaled(p) + Scaled(p, 2.0) + Scaled(p, 1.0, 3) + Scaled(p, 4, 1, false);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    [Fact]
    public void Int_and_bool_arguments_choose_the_helper_derivative()
    {
        Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2), Gen.Int[0, 2]).Sample((w, x, kind) =>
        {
            var method = Model.Value.Type("Helpers.Layers").GetMethod("NeuronGradient")!;
            var args = new object[] { w, x, kind, 0.0 };
            var value = (double)method.Invoke(null, args)!;
            var z = w * x;
            double Sigma(double v) => 1 / (1 + Math.Exp(-v));
            var outer = kind switch
            {
                0 => 1 - Math.Tanh(z) * Math.Tanh(z),
                1 => Sigma(z) * (1 - Sigma(z)),
                _ => z > 0 ? 1 : 0.01,
            };
            var expected = outer * x + (1 - Math.Tanh(w) * Math.Tanh(w));
            Assert.Equal((double)Model.Value.Type("Helpers.Layers").GetMethod("Neuron")!.Invoke(null, new object[] { w, x, kind })!, value);
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"kind {kind}: expected {expected}, got {args[3]}");
        }, iter: 300);
    }

    [Fact]
    public void Data_arrays_pass_through_to_the_helper()
    {
        Gen.Int[0, 4].SelectMany(n => Gen.Select(Points.Uniform(-1, 1), Points.Uniform(-1, 1, n), Points.Uniform(-1, 1, n), Points.Uniform(-1, 1))).Sample((b, xs, w, y) =>
        {
            var type = Model.Value.Type("Helpers.Layers");
            var args = new object[] { b, xs, w, y, 0.0 };
            var value = (double)type.GetMethod("FitGradient")!.Invoke(null, args)!;
            Assert.Equal((double)type.GetMethod("Fit")!.Invoke(null, new object[] { b, xs, w, y })!, value);
            var p = Math.Tanh(b + xs.Zip(w, (a, c) => a * c).Sum());
            var expected = 2 * (p - y) * (1 - p * p);
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[4], 1e-12), $"expected {expected}, got {args[4]}");
        }, iter: 300);
    }

    [Fact]
    public void A_helper_differentiated_with_respect_to_an_array_adds_its_span_into_the_callers()
    {
        FiniteDifferenceCheck.Run("Twice", check => Gen.Int[1, 4].SelectMany(n => Gen.Select(Points.Uniform(-1, 1, n), Points.Uniform(-1, 1), Points.Uniform(-1, 1, n), Gen.Int[0, 4]))
            .Sample((W, b, x, passes) =>
            {
                var type = Model.Value.Type("Helpers.Layers");
                var dW = Enumerable.Repeat(double.NaN, W.Length).ToArray();
                var args = new object[] { W, b, x, passes, dW, 0.0 };
                var value = (double)type.GetMethod("TwiceAt")!.Invoke(null, args)!;
                double F(double[] p) => (double)type.GetMethod("Twice")!.Invoke(null, new object[] { p[..^1], p[^1], x, passes })!;
                var point = W.Append(b).ToArray();
                var exact = dW.Append((double)args[5]).ToArray();
                return value.Equals(F(point)) && Enumerable.Range(0, point.Length).All(i => check.Agrees(F, point, i, exact[i]));
            }, iter: 200));
    }

    [Fact]
    public void Optional_parameters_left_out_of_a_helper_call_take_their_defaults()
    {
        Points.Uniform(-2, 2).Sample(p =>
        {
            var type = Model.Value.Type("Helpers.Layers");
            var args = new object[] { p, 0.0 };
            var value = (double)type.GetMethod("DefaultsGradient")!.Invoke(null, args)!;
            Assert.Equal((double)type.GetMethod("Defaults")!.Invoke(null, new object[] { p })!, value);
            // ½·3·p² + ½·2·p² + ½·p³ + 4p → 3p + 2p + 1.5p² + 4
            var expected = 3 * p + 2 * p + 1.5 * p * p + 4;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[1], 1e-12), $"expected {expected}, got {args[1]}");
        }, iter: 200);
    }
}
