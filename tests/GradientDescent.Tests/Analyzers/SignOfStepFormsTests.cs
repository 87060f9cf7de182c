using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Steps that are not a plain multiple of the gradient but keep its sign: signSGD / Rprop, the perceptron's
/// conditional step, a step through a positive [Differentiable] helper; and a variable updated more than once in a
/// pass, each update judged against the gradient its own step was computed from. Wrong and right versions.
/// </summary>
public class SignOfStepFormsTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = y - w * x; return 0.5 * e * e; }

            [Differentiable(nameof(w), nameof(b))]
            public static double Hinge(double w, double b, double x, double t) => Math.Max(0, -t * (w * x + b));

            [Differentiable(nameof(v))]
            public static double Softplus(double v) => Math.Log(1 + Math.Exp(v));
        }

        public static class Training
        {
            public static void Step(ref double w, ref double b, double x, double y, double x2, double y2, double lr)
            {
        BODY
            }
        }
        """;

    private static string With(string body) => Costs.Replace("BODY", body);

    [Theory]
    [InlineData("w += Math.Sign(g) * lr;")]
    [InlineData("w += g > 0 ? lr : -lr;")]
    [InlineData("w -= -Math.Sign(g) * 0.01;")]
    public Task A_sign_step_that_climbs_is_flagged(string update) => VerifyAsync(With($$"""
                Model.CostGradient(w, x, y, out double g);
                {|#0:{{update.TrimEnd(';')}}|};
        """), Warning().WithLocation(0));

    [Theory]
    [InlineData("w -= Math.Sign(g) * lr;")]
    [InlineData("w -= g > 0 ? lr : -lr;")]
    [InlineData("w += -Math.Sign(g) * 0.01;")]
    public Task A_sign_step_that_descends_is_silent(string update) => VerifyAsync(With($$"""
                Model.CostGradient(w, x, y, out double g);
                {{update}}
        """));

    [Fact]
    public Task The_perceptron_update_with_the_wrong_sign_is_flagged() => VerifyAsync(With("""
                double loss = Model.Hinge(w, b, x, y);
                {|#0:w -= y * (w * x + b) <= 0 ? lr * y * x : 0|};
                b += y * (w * x + b) <= 0 ? lr * y : 0;
        """), Warning().WithLocation(0));

    [Fact]
    public Task The_perceptron_update_is_silent() => VerifyAsync(With("""
                double loss = Model.Hinge(w, b, x, y);
                double step = y * (w * x + b) <= 0 ? lr * y : 0;
                w += step * x;
                b += step;
        """));

    [Fact]
    public Task A_step_through_a_positive_helper_is_judged() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                {|#0:w += Model.Softplus(lr) * g|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_step_through_a_positive_helper_that_descends_is_silent() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                w -= Model.Softplus(lr) * g;
        """));

    [Fact]
    public Task Two_samples_per_pass_each_update_judged_against_its_own_gradient() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g1);
                w -= lr * g1;
                Model.CostGradient(w, x2, y2, out double g2);
                {|#0:w += lr * g2|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_first_update_wrong_and_a_second_right_flags_only_the_first() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g1);
                {|#0:w += lr * g1|};
                Model.CostGradient(w, x2, y2, out double g2);
                w -= lr * g2;
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_gradient_step_then_weight_decay_is_silent() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g);
                w -= lr * g;
                w -= lr * 0.01 * w;
                w = w - 0.001 * w;
        """));

    [Fact]
    public Task A_second_update_from_a_gradient_taken_before_the_first_is_not_judged() => VerifyAsync(With("""
                Model.CostGradient(w, x, y, out double g1);
                Model.CostGradient(w, x2, y2, out double g2);
                w -= lr * g1;
                w += lr * g2;
        """));
}
