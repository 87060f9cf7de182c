using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// GD0001 on momentum: a buffer carried from pass to pass holds past gradients the pass cannot see, so the update is
/// judged on the loop's first pass, where the buffer holds its initial value. A buffer that accumulates +lr·g and is
/// added to the weight climbs; heavy-ball, Nesterov and Adam written the right way stay silent.
/// </summary>
public class SignOfMomentumTests
{
    private const string Costs = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = w * x - y; return 0.5 * e * e; }
        }
        """;

    private static string With(string body) => Costs + """

        public static class Training
        {
            public static double Fit(double x, double y, double lr, double mu, int steps)
            {
                double w = 0.1;
        BODY
                return w;
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public Task A_buffer_accumulating_plus_lr_g_added_to_the_weight_is_flagged() => VerifyAsync(With("""
                double v = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    v = mu * v + lr * g;
                    {|#0:w += v|};
                }
        """), Warning().WithLocation(0).WithMessage("Update of 'w' climbs the gradient of 'Cost' (∂Cost/∂w = (w·x - y)·x); gradient descent moves against it"));

    [Fact]
    public Task Heavy_ball_in_either_sign_convention_is_silent() => VerifyAsync(With("""
                double v = 0, u = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    v = mu * v + lr * g;
                    w -= v;
                }
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    u = mu * u - lr * g;
                    w += u;
                }
        """));

    [Fact]
    public Task A_compound_buffer_update_is_judged_the_same_way() => VerifyAsync(With("""
                double v = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    v *= mu;
                    v += lr * g;
                    {|#0:w = w + v|};
                }
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_buffer_carried_through_an_epoch_loop_and_a_sample_loop_is_judged_on_the_first_pass_of_both() => VerifyAsync(With("""
                double v = 0;
                for (int epoch = 0; epoch < steps; epoch++)
                    for (int i = 0; i < 4; i++)
                    {
                        Model.CostGradient(w, x + i, y, out double g);
                        v = mu * v + lr * g;
                        {|#0:w += v|};
                    }
        """), Warning().WithLocation(0));

    [Fact]
    public Task Nesterov_is_silent_and_its_inverted_buffer_flagged() => VerifyAsync(With("""
                double v = 0, u = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w + mu * v, x, y, out double g);
                    v = mu * v - lr * g;
                    w += v;
                }
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w + mu * u, x, y, out double g);
                    u = mu * u + lr * g;
                    {|#0:w += u|};
                }
        """), Warning().WithLocation(0));

    [Fact]
    public Task Adam_is_silent_and_adding_its_step_is_flagged() => VerifyAsync(With("""
                double m = 0, s = 0;
                int t = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    t++;
                    m = 0.9 * m + (1 - 0.9) * g;
                    s = 0.999 * s + (1 - 0.999) * g * g;
                    double mHat = m / (1 - Math.Pow(0.9, t));
                    double sHat = s / (1 - Math.Pow(0.999, t));
                    w -= lr * mHat / (Math.Sqrt(sHat) + 1e-8);
                }
                m = 0; s = 0; t = 0;
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    t++;
                    m = 0.9 * m + (1 - 0.9) * g;
                    s = 0.999 * s + (1 - 0.999) * g * g;
                    double mHat = m / (1 - Math.Pow(0.9, t));
                    double sHat = s / (1 - Math.Pow(0.999, t));
                    {|#0:w += lr * mHat / (Math.Sqrt(sHat) + 1e-8)|};
                }
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_buffer_whose_initial_value_is_unknown_is_not_judged() => VerifyAsync(Costs + """

        public static class Training
        {
            public static double Fit(double w, double v, double x, double y, double lr, double mu, int steps)
            {
                for (int k = 0; k < steps; k++)
                {
                    Model.CostGradient(w, x, y, out double g);
                    v = mu * v + lr * g;
                    w += v;
                }
                return w;
            }

            private static double _velocity;

            public static double Step(double w, double x, double y, double lr, double mu)
            {
                Model.CostGradient(w, x, y, out double g);
                _velocity = mu * _velocity + lr * g;
                return w += _velocity;
            }
        }
        """);
}
