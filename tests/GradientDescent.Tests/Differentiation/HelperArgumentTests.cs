using System;
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
}
