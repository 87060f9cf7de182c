using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Calls of a cost and of its gradient written with named arguments, in any order, or leaving out an optional
/// parameter: found by review (2026-12-07) to turn GD0001 off; each is judged like the positional call.
/// </summary>
public class ReviewedCallFormsTests
{
    private const string Source = """
        using GradientDescent;

        public static partial class M
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }

            [Differentiable(nameof(w), nameof(b))]
            public static double Lin(double w, double b, double x, double y) { double p = w * x + b; return 0.5 * (p - y) * (p - y); }

            [Differentiable(nameof(w))]
            public static double Fit(double w, double x, double y = 1) { double e = w * x - y; return e * e; }

            public static void Fit(double w, double b, double x, double y, double lr)
            {
        BODY
            }
        }
        """;

    private static string With(string body) => Source.Replace("BODY", body);

    [Fact]
    public Task Named_arguments_in_order() => VerifyAsync(With("""
                LinGradient(w: w, b: b, x: x, y: y, dw: out double dw, db: out double db);
                {|#0:w += lr * dw|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task Only_the_data_and_the_out_named() => VerifyAsync(With("""
                CostGradient(w, x, y: y, dw: out double dw);
                {|#0:w += lr * dw|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task Named_arguments_out_of_order_bind_each_partial_to_its_parameter() => VerifyAsync(With("""
                LinGradient(b: b, w: w, y: y, x: x, db: out double db, dw: out double dw);
                w -= lr * dw;
                {|#0:b += lr * db|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_cost_called_without_its_optional_parameter() => VerifyAsync(With("""
                double loss = Fit(w, x);
                double grad = 2 * (w * x - 1) * x;
                {|#0:w += lr * grad|};
        """), Warning().WithLocation(0));
}
