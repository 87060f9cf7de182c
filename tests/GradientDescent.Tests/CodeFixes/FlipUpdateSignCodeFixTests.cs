using System.Threading;
using System.Threading.Tasks;
using GradientDescent.CodeFixes;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.CodeFixes;

/// <summary>The GD0001 fix turns the update around, keeps the user's formatting, and fixes all occurrences at once.</summary>
public class FlipUpdateSignCodeFixTests
{
    private const string Costs = """
        using GradientDescent;

        public static partial class Costs
        {
            [Differentiable(nameof(yOut))]
            public static double E(double yTrue, double yOut) => 0.5 * (yTrue - yOut) * (yTrue - yOut);

            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }
        }
        """;

    /// <summary>What the generator adds to Costs: the fix tests see it as an ordinary file, as the IDE does.</summary>
    private static readonly string Generated = GeneratorHarness.Run(Costs).GeneratedSource("Costs.g.cs");

    private static Task VerifyAsync(string source, string fixedSource)
    {
        var test = new FlipFixTest { TestCode = Wrap(source), FixedCode = Wrap(fixedSource) };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("Costs.cs", Costs));
            state.Sources.Add(("Costs.g.cs", Generated));
        }
        return test.RunAsync(CancellationToken.None);
    }

    private static string Wrap(string body) => $$"""
        public static class Train
        {
            public static double Step(double w, double x, double yTrue, double lr)
            {
        {{body}}
                return w;
            }
        }
        """;

    [Fact]
    public Task Seed_loop_subtracting_the_negated_gradient_is_flipped_to_the_articles_plus() => VerifyAsync("""
                double yOut = w * x;
                double cost = Costs.E(yTrue, yOut);
                double grad = (yTrue - yOut) * x;
                [|w = w - lr * grad|];
        """, """
                double yOut = w * x;
                double cost = Costs.E(yTrue, yOut);
                double grad = (yTrue - yOut) * x;
                w = w + lr * grad;
        """);

    [Theory]
    [InlineData("[|w += lr * dw|];", "w -= lr * dw;")]
    [InlineData("[|w -= -lr * dw|];", "w += -lr * dw;")]
    [InlineData("[|w = w + dw / 10.0|];", "w = w - dw / 10.0;")]
    [InlineData("[|w = lr * dw + w|];", "w = w - lr * dw;")]
    [InlineData("[|w = 0.5 * lr * dw + 0.5 * lr * dw + w|];", "w = w - (0.5 * lr * dw + 0.5 * lr * dw);")]
    [InlineData("[|w = (w + lr * dw)|];", "w = (w - lr * dw);")]
    [InlineData("[|w  +=  lr * dw|]; // the step", "w  -=  lr * dw; // the step")]
    [InlineData("[|w=w+-lr*-dw|];", "w=w- -lr*-dw;")] // found by review: w--lr*-dw was a decrement
    [InlineData("[|w=-lr*-dw+w|];", "w=w- -lr*-dw;")]
    public Task Update_after_the_generated_gradient_is_flipped(string update, string fixedUpdate) => VerifyAsync($$"""
                Costs.CostGradient(w, x, yTrue, out double dw);
                {{update}}
        """, $$"""
                Costs.CostGradient(w, x, yTrue, out double dw);
                {{fixedUpdate}}
        """);

    [Fact]
    public Task Fix_all_flips_every_climbing_update_in_the_document()
    {
        var test = new FlipFixTest
        {
            TestCode = """
                public static class Train
                {
                    public static double A(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); [|w += lr * dw|]; return w; }
                    public static double B(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); [|w = w + lr * dw|]; return w; }
                    public static double C(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w -= lr * dw; return w; }
                }
                """,
            FixedCode = """
                public static class Train
                {
                    public static double A(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w -= lr * dw; return w; }
                    public static double B(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w = w - lr * dw; return w; }
                    public static double C(double w, double x, double y, double lr) { Costs.CostGradient(w, x, y, out double dw); w -= lr * dw; return w; }
                }
                """,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("Costs.cs", Costs));
            state.Sources.Add(("Costs.g.cs", Generated));
        }
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void Fix_all_uses_the_batch_fixer_with_one_equivalence_key()
    {
        var fix = new FlipUpdateSignCodeFix();
        Assert.Equal(new[] { "GD0001" }, fix.FixableDiagnosticIds);
        Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider());
    }
}
