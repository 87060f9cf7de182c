using System;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>bool parameters and locals (flags, named conditions, a flag reassigned on a path) read as the conditions they hold.</summary>
public class BoolFlagTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Flags;
        public static partial class Losses
        {
            // squared error, or Huber's loss beyond |e| = 1 when asked
            [Differentiable(nameof(w), nameof(b))]
            public static double Fit(double w, double b, double x, double y, bool useBias, bool huber)
            {
                double p = useBias ? w * x + b : w * x;
                double e = p - y;
                bool large = e > 1 || e < -1;
                if (!huber) large = false;
                return large ? Math.Abs(e) - 0.5 : 0.5 * e * e;
            }

            public static double FitAt(double w, double b, double x, double y, bool useBias, bool huber, out double dw, out double db) =>
                FitGradient(w, b, x, y, useBias, huber, out dw, out db);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Losses => Model.Value.Type("Flags.Losses");

    [Fact]
    public void Flags_choose_the_formula_that_is_differentiated()
    {
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-3, 3), Points.Uniform(-2, 2), Points.Uniform(-3, 3), Gen.Bool, Gen.Bool).Sample((w, b, x, y, useBias, huber) =>
        {
            var args = new object[] { w, b, x, y, useBias, huber, 0.0, 0.0 };
            var value = (double)Losses.GetMethod("FitAt")!.Invoke(null, args)!;
            Assert.Equal((double)Losses.GetMethod("Fit")!.Invoke(null, new object[] { w, b, x, y, useBias, huber })!, value);
            var e = (useBias ? w * x + b : w * x) - y;
            var dLde = huber && Math.Abs(e) > 1 ? Math.Sign(e) : e;
            Assert.True(SymbolicPropertyTests.Close(dLde * x, (double)args[6], 1e-12), $"dw: expected {dLde * x}, got {args[6]}");
            Assert.True(SymbolicPropertyTests.Close(useBias ? dLde : 0, (double)args[7], 1e-12), $"db: expected {(useBias ? dLde : 0)}, got {args[7]}");
        }, iter: 400);
    }

    [Fact]
    public void A_bool_parameter_is_data_that_training_passes_through()
    {
        var train = Losses.GetMethod("TrainFit", BindingFlags.Public | BindingFlags.Static);
        Assert.NotNull(train);
        var parameters = train!.GetParameters();
        Assert.Contains(parameters, p => p.Name == "useBias" && p.ParameterType == typeof(bool));
    }
}
