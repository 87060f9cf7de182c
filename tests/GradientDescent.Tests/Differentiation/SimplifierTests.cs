using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Emit;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>The simplifier's rules, one per case, as the reader of generated code sees them.</summary>
public class SimplifierTests
{
    private static string Simplify(string expression) =>
        ExpressionFormatter.CSharp.Format(Simplifier.Simplify(ExprText.Parse(expression)));

    [Theory]
    [InlineData("0.5 * a + 0.5 * a", "a")]
    [InlineData("-0.5 * (y - o) - 0.5 * (y - o)", "-(y - o)")]
    [InlineData("-0.5 * (y - o) + 0.5 * (y - o) * -1", "-(y - o)")]
    [InlineData("x * 1", "x")]
    [InlineData("1 * x", "x")]
    [InlineData("x + 0", "x")]
    [InlineData("0 - x", "-x")]
    [InlineData("-(-x)", "x")]
    [InlineData("0 * x + y", "y")]
    [InlineData("2 * 3 * x", "6 * x")]
    [InlineData("x * x", "x * x")]
    [InlineData("x * x * x", "x * x * x")]
    [InlineData("x / 3", "x / 3")]
    [InlineData("x / x", "1")]
    [InlineData("a - (a - b)", "b")]
    [InlineData("2 * a - 2 * y", "2 * (a - y)")]
    [InlineData("-2 * a - 2 * y", "-2 * (a + y)")]
    [InlineData("s * x + s", "s * (x + 1)")]
    [InlineData("-b + a", "a - b")]
    [InlineData("Math.Pow(x, 2) * x", "x * x * x")]
    [InlineData("Math.Pow(x, 1)", "x")]
    [InlineData("Math.Pow(x, 0.5)", "global::System.Math.Sqrt(x)")]
    [InlineData("a / (b * c) * b", "a / c")]
    [InlineData("-(y - o) * x", "-(y - o) * x")]
    // a sum is multiplied out only where that cancels a division in each of its terms: log loss after a sigmoid
    [InlineData("(y / p - (1 - y) / (1 - p)) * p * (1 - p)", "y - p")]
    [InlineData("-(y / p - (1 - y) / (1 - p)) * (p * (1 - p)) * x", "(p - y) * x")]
    [InlineData("(a / p + b) * p", "a + b * p")]
    [InlineData("(a / p + b) * q", "(a / p + b) * q")]
    [InlineData("(y - o) * (y - o)", "(y - o) * (y - o)")]
    [InlineData("(a < b ? x : x)", "x")]
    [InlineData("(1 < 2 ? x : y)", "x")]
    [InlineData("1.5 * Math.Pow(b < c ? b : c, 3) + (b < c ? 2 * b : 0)", "1.5 * global::System.Math.Pow(b < c ? b : c, 3.0) + (b < c ? 2 * b : 0.0)")]
    public void Simplifies_to_the_form_a_person_writes(string input, string expected)
    {
        Assert.Equal(expected, Simplify(input));
    }

    [Theory]
    [InlineData("-(y - o) * x")]
    [InlineData("2 * (a - y)")]
    [InlineData("a / (b + c) - global::System.Math.Exp(-z) * x")]
    [InlineData("(y / p - (1 - y) / (1 - p)) * p * (1 - p)")]
    public void Simplified_output_is_a_fixed_point(string expression)
    {
        var once = Simplifier.Simplify(ExprText.Parse(expression.Replace("global::System.", "")));
        Assert.Equal(once, Simplifier.Simplify(once));
    }
}
