using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>Updates where the data are literals, and updates in top-level statements (a Program.cs).</summary>
public class SignOfUpdateWhereTests
{
    private const string Model = """
        using GradientDescent;
        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = y - w * x; return 0.5 * e * e; }
        }
        """;

    [Fact]
    public Task An_update_after_a_cost_on_literal_data_is_judged() => VerifyAsync(Model + """

        public static class Training
        {
            public static double Run(double lr)
            {
                double v = 0.1;
                for (int step = 0; step < 60; step++)
                {
                    Model.CostGradient(v, 1, 100, out var g);
                    {|#0:v += lr * g|};
                }
                return v;
            }
        }
        """, Warning().WithLocation(0));

    [Fact]
    public Task A_right_update_on_literal_data_is_silent() => VerifyAsync(Model + """

        public static class Training
        {
            public static double Run(double lr)
            {
                double v = 0.1;
                for (int step = 0; step < 60; step++)
                {
                    Model.CostGradient(v, 1, 100, out var g);
                    v -= lr * g;
                }
                return v;
            }
        }
        """);

    [Fact]
    public Task An_update_in_top_level_statements_is_judged() => VerifyProgramAsync("""
        using GradientDescent;

        double v = 0.1, lr = 0.2;
        for (int step = 0; step <= 60; step++)
        {
            Model.CostGradient(v, 1, 100, out var g);
            {|#0:v += lr * g|};
        }
        System.Console.WriteLine(v);

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = y - w * x; return 0.5 * e * e; }
        }
        """, Warning().WithLocation(0));

    [Fact]
    public Task A_right_update_in_top_level_statements_is_silent() => VerifyProgramAsync("""
        using GradientDescent;

        double v = 0.1, lr = 0.2;
        for (int step = 0; step <= 60; step++)
        {
            Model.CostGradient(v, 1, 100, out var g);
            v -= lr * g;
        }
        System.Console.WriteLine(v);

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double e = y - w * x; return 0.5 * e * e; }
        }
        """);
}
