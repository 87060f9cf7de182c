using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Diagnostics;

/// <summary>
/// Writes into a differentiated array parameter that the working copy cannot carry: one GD0008 each, at the element or
/// argument that is refused, naming what to write instead.
/// </summary>
public class WrittenParameterRefusalTests
{
    private const string Template = """
        using System;
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(v))]
            private static double Twice(double[] v) => 2 * v[0];

            [Differentiable(nameof(p))]
            public static double Cost(double[] p)
            {
        BODY
            }
        }
        """;

    [Theory]
    [InlineData(
        "for (int t = 0; t < 2; t++) for (int i = 1; i < p.Length; i++) {|#0:p[i]|} += p[i - 1]; return p[0];",
        "Cannot differentiate 'p[i]': the parameter 'p' is written in a loop inside another loop; write it in a loop of the method's own, once")]
    [InlineData(
        "for (int i = 1; i < p.Length; i++) p[i] += {|#0:p[0]|}; return p[1];",
        "Cannot differentiate 'p[0]': 'p' is being filled by the loop over 'i'; inside it read p[i] or an element an earlier pass wrote (p[i - 1]), or read the array after the loop")]
    [InlineData(
        "for (int i = 0; i < p.Length; i++) p[i] *= 2; return Twice({|#0:p|});",
        "Cannot differentiate 'p': 'p' is not one of this method's array parameters, so 'Twice' must take it as a span; declare its parameter 'v' as ReadOnlySpan<double>")]
    [InlineData(
        "{|#0:p[0] = 1|}; return p[0];",
        "Cannot differentiate 'p[0] = 1': an element of 'p' is written only as p[k] inside a loop over k of the method's own, each pass writing its own element")]
    public Task A_write_the_working_copy_cannot_carry_gets_one_GD0008_at_the_construct(string body, string message) =>
        VerifyAsync(Template.Replace("BODY", body), Diagnostic("GD0008").WithLocation(0).WithMessage(message));
}
