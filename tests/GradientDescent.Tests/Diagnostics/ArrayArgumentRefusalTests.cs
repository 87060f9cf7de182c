using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Diagnostics;

/// <summary>Arrays a helper cannot be handed: one GD0008 each, at the argument, naming what to write instead.</summary>
public class ArrayArgumentRefusalTests
{
    private const string Template = """
        using System;
        using System.Linq;
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(v))]
            private static double OnArray(double[] v) => 2 * v[0];

            [Differentiable(nameof(v))]
            private static double OnSpan(ReadOnlySpan<double> v) => 2 * v[0];

            [Differentiable(nameof(b))]
            private static double DataOnly(double b, ReadOnlySpan<double> v) => b * v[0];

            [Differentiable(nameof(w))]
            public static double Cost(double[] w)
            {
                double[] z = new double[w.Length];
        BODY
            }
        }
        """;

    [Theory]
    [InlineData(
        "for (int j = 0; j < z.Length; j++) z[j] = w[j]; return OnArray({|#0:z|});",
        "Cannot differentiate 'z': 'z' is not one of this method's array parameters, so 'OnArray' must take it as a span; declare its parameter 'v' as ReadOnlySpan<double>")]
    [InlineData(
        "return OnArray({|#0:w[1..]|});",
        "Cannot differentiate 'w[1..]': 'w[1..]' is not one of this method's array parameters, so 'OnArray' must take it as a span; declare its parameter 'v' as ReadOnlySpan<double>")]
    [InlineData(
        "double s = 0; for (int j = 0; j < z.Length; j++) { z[j] = w[j]; s += OnSpan({|#0:z|}); } return s;",
        "Cannot differentiate 'z': 'z' is being filled by the loop over 'j'; pass it after that loop")]
    [InlineData(
        "return OnSpan({|#0:z|});",
        "Cannot differentiate 'z': 'z' is read before a loop fills it; fill it with for (int k = 0; k < z.Length; k++) z[k] = …;")]
    [InlineData(
        "return OnSpan({|#0:w.ToArray()|});",
        "Cannot differentiate 'w.ToArray()': pass 'OnSpan' one of this method's array parameters, a local array, or a slice of one (w.AsSpan(k, n)) for 'v'")]
    [InlineData(
        "for (int j = 0; j < z.Length; j++) z[j] = w[j] * w[j]; return DataOnly(1, {|#0:z|});",
        "Cannot differentiate 'z': 'DataOnly' is not differentiated with respect to its parameter 'v', which receives the differentiated 'z'; add nameof(v) to its [Differentiable]")]
    public Task An_array_a_helper_cannot_take_gets_one_GD0008_at_the_argument(string body, string message) =>
        VerifyAsync(Template.Replace("BODY", body), Diagnostic("GD0008").WithLocation(0).WithMessage(message));
}
