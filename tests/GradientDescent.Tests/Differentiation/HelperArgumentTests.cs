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

            [Differentiable(nameof(b))]
            public static double Fit(double b, double[] xs, double[] w, double y)
            {
                double e = Predict(b, xs, w) - y;
                return e * e;
            }
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
}
