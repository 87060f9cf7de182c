using System;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// p = 1/(1 + eᵛ) in any spelling is the logistic function: its derivative is read from p (−p·(1 − p)·v'), checked
/// by hand-derived formulas, central differences, the far tails where eᵛ overflows, and the formula shown.
/// </summary>
public class LogisticRuleTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Logistic;
        public static partial class L
        {
            [Differentiable(nameof(z))]
            public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

            // eᵛ on the other side, a scaled exponent, and e read again after p
            [Differentiable(nameof(w), nameof(b))]
            public static double Mixed(double w, double b, double x)
            {
                double e = Math.Exp(2 * w * x - b);
                double p = 1 / (e + 1);
                return p * p + 0.1 * e;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void The_sigmoids_derivative_is_p_times_one_minus_p()
    {
        Points.Uniform(-30, 30, 1).Sample(p =>
        {
            var (value, gradient) = Model.Value.Gradient("Logistic.L", "Sigmoid", p[0]);
            var s = Sigma(p[0]);
            Assert.Equal(s, value);
            Assert.True(SymbolicPropertyTests.Close(s * (1 - s), gradient[0], 1e-12), $"at {p[0]}: {gradient[0]}");
        }, iter: 300);
    }

    [Theory]
    [InlineData(-800.0)]
    [InlineData(800.0)]
    public void Far_tails_where_the_exponential_overflows_give_zero_not_NaN(double z)
    {
        // e^800 is +∞: the chain through it gave ∞/∞ = NaN; p·(1 − p) is 0, the true limit.
        var (_, gradient) = Model.Value.Gradient("Logistic.L", "Sigmoid", z);
        Assert.Equal(0.0, gradient[0]);
    }

    [Fact]
    public void A_logistic_with_the_exponential_read_elsewhere_matches_hand_derived_and_finite_differences()
    {
        FiniteDifferenceCheck.Run("logistic mixed", check => Points.Uniform(-2, 2, 3).Sample(q =>
        {
            var (w, b, x) = (q[0], q[1], q[2]);
            var (_, gradient) = Model.Value.Gradient("Logistic.L", "Mixed", w, b, x);
            var e = Math.Exp(2 * w * x - b);
            var p = 1 / (e + 1);
            // d/dv of p² + 0.1·e with v = 2wx − b: 2p·(−p(1 − p)) + 0.1·e
            var dv = -2 * p * p * (1 - p) + 0.1 * e;
            Assert.True(SymbolicPropertyTests.Close(dv * 2 * x, gradient[0], 1e-10), $"dw: {dv * 2 * x} vs {gradient[0]}");
            Assert.True(SymbolicPropertyTests.Close(-dv, gradient[1], 1e-10), $"db: {-dv} vs {gradient[1]}");
            double F(double[] a) => Model.Value.Value("Logistic.L", "Mixed", a[0], a[1], a[2]);
            return check.Agrees(F, q, 0, gradient[0]) && check.Agrees(F, q, 1, gradient[1]);
        }, iter: 200));
    }

    [Fact]
    public void The_formula_shown_reads_the_primal_value()
    {
        var generated = GeneratorHarness.Run(Source).AllGeneratedSources();
        Assert.Contains("∂Sigmoid/∂z = value·(1 - value)", generated);
    }
}
