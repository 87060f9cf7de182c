using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>
/// The generated code grows linearly in the method: on the chain whose locals are each read twice (the shape that
/// once grew a 300-term line and stopped sharing after the 63rd local), twice the statements give at most 2.2× the
/// text, every Sin and Cos is computed once, and no line grows with the chain. Time is measured in bench/, not here.
/// </summary>
public class SizeTests
{
    public static string Chain(int n)
    {
        var body = new StringBuilder("double v0 = w;\n");
        for (var i = 1; i <= n; i++) body.Append($"        double v{i} = v{i - 1} * 0.999 + Math.Sin(v{i - 1}) * b;\n");
        return $$"""
            using System;
            using GradientDescent;
            namespace Sizes;
            public static partial class Chain
            {
                [Differentiable(nameof(w), nameof(b))]
                public static double F(double w, double b)
                {
                    {{body}}
                    return v{{n}};
                }
            }
            """;
    }

    private static string GradientOf(int n)
    {
        var result = GeneratorHarness.Run(Chain(n));
        Assert.Empty(result.CompilationDiagnostics());
        var text = result.GeneratedSource("Chain.g.cs");
        var start = text.IndexOf("public static double FGradient(", StringComparison.Ordinal);
        return text.Substring(start, text.IndexOf("\n        }\n", start, StringComparison.Ordinal) - start);
    }

    [Fact]
    public void Twice_the_statements_give_at_most_twice_the_generated_text()
    {
        var small = GradientOf(200).Length;
        var large = GradientOf(400).Length;
        Assert.True(large <= 2.2 * small, $"N=200: {small} chars, N=400: {large} chars ({(double)large / small:F2}×)");
    }

    [Fact]
    public void Every_sine_and_cosine_is_computed_once_and_no_line_grows_with_the_chain()
    {
        const int n = 300;
        var gradient = GradientOf(n);
        Assert.Equal(n, Regex.Matches(gradient, @"Math\.Sin\(").Count);
        Assert.Equal(n, Regex.Matches(gradient, @"Math\.Cos\(").Count);
        // A sum over every local (once a 300-term `db = …` line) is flushed into its adjoint every 16 terms.
        var widest = gradient.Split('\n').OrderByDescending(l => Regex.Matches(l, @" \+ ").Count).First();
        Assert.True(Regex.Matches(widest, @" \+ ").Count < 16, "a generated line sums more than 16 terms: " + widest.Trim());
    }
}
