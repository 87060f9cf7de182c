using System.Linq;
using System.Reflection;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>Train… is generated for costs a caller outside the type can train; a private helper gets its gradient only.</summary>
public class TrainAccessibilityTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Demo;
        public partial class Neuron
        {
            [Differentiable(nameof(z))]
            private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

            [Differentiable(nameof(z))]
            private protected static double Shifted(double z) => z - 1;

            [Differentiable(nameof(w))]
            internal static double Inner(double w, double x) => Sigmoid(w * x);

            [Differentiable(nameof(w))]
            public static double Loss(double w, double x) => -Math.Log(Sigmoid(w * x));
        }
        """;

    [Theory]
    [InlineData("Sigmoid", false)]
    [InlineData("Shifted", false)]
    [InlineData("Inner", true)]
    [InlineData("Loss", true)]
    public void A_cost_gets_a_Train_method_unless_it_is_private_or_private_protected(string cost, bool trained)
    {
        var type = CompiledModel.Build(Source).Type("Demo.Neuron");
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Select(m => m.Name).ToList();

        Assert.Contains(cost + "Gradient", methods);
        Assert.Equal(trained, methods.Contains("Train" + cost));
    }
}
