using System.Linq;
using System.Text;
using GradientDescent.Tests.Differentiation;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Robustness;

/// <summary>
/// What the IDE throws at the generator: very deep and very long code, odd names, preprocessor regions. Each
/// must give either a working gradient or a diagnostic, never an exception or a broken generated file.
/// </summary>
public class ExtremeInputTests
{
    private static GenerationResult Survives(string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerExceptions);
        Assert.Empty(result.ErrorsInGeneratedFiles());
        return result;
    }

    [Fact]
    public void Hundreds_of_nested_parentheses_differentiate()
    {
        var expression = new string('(', 300) + "x" + new string(')', 300);
        var model = CompiledModel.Build($"using GradientDescent; public static partial class Deep {{ [Differentiable] public static double F(double x) => {expression} * x; }}");
        Assert.Equal(new[] { 6.0 }, model.Gradient("Deep", "F", 3).Gradient);
    }

    [Fact]
    public void Expression_deeper_than_the_limit_gets_a_diagnostic()
    {
        var expression = string.Concat(Enumerable.Repeat("Math.Sin(", 500)) + "x" + new string(')', 500);
        var result = Survives($"using System; using GradientDescent; public static partial class Deep {{ [Differentiable] public static double F(double x) => {expression}; }}");
        var diagnostic = Assert.Single(result.AnalyzerDiagnostics);
        Assert.Equal("GD0008", diagnostic.Id);
        Assert.Contains("nested more than", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Thousands_of_statements_differentiate()
    {
        var body = new StringBuilder("double s = x;\n");
        for (var i = 0; i < 2000; i++) body.Append(i % 2 == 0 ? "s = s * 1.0001 + x;\n" : "s = s - 0.5 * x;\n");
        var model = CompiledModel.Build($"using GradientDescent; public static partial class Long {{ [Differentiable] public static double F(double x) {{ {body} return s; }} }}");
        var (_, gradient) = model.Gradient("Long", "F", 0.3);
        FiniteDifferenceCheck.Run("2000 statements", check => Assert.True(check.Agrees(p => model.Value("Long", "F", p), new[] { 0.3 }, 0, gradient[0])));
    }

    [Fact]
    public void Unicode_and_keyword_identifiers_preprocessor_regions_and_nullable_disable()
    {
        var model = CompiledModel.Build("""
            #nullable disable
            #define FAST
            using System;
            using GradientDescent;
            namespace Démo.Ünïcode;
            public static partial class Modèle
            {
                [Differentiable(nameof(poids))]
                public static double Coût(double poids, double @double, double π)
                {
            #if FAST
                    double ŷ = poids * @double;
            #else
                    double ŷ = poids * @double * 2;
            #endif
                    return (π - ŷ) * (π - ŷ);
                }
            }
            """);
        var (value, gradient) = model.Gradient("Démo.Ünïcode.Modèle", "Coût", 2, 3, 1);
        Assert.Equal(25, value);
        Assert.Equal(new[] { -2 * (1 - 6.0) * 3 }, gradient);
    }

    [Fact]
    public void Existing_member_overloads_and_clashing_parameter_names_are_survived()
    {
        var result = Survives("""
            using GradientDescent;
            public static partial class Clash
            {
                public static int CostGradient;
                [Differentiable] public static double Cost(double x) => x * x;
                [Differentiable] public static double Twice(double x) => 2 * x;
                [Differentiable] public static double Twice(double x, double y) => 2 * x * y;
                [Differentiable(nameof(w))] public static double Named(double w, double dw, double value, double d) => w * dw * value * d;
            }
            """);
        // Cost cannot get a gradient (the field takes its name): one GD0010 at Cost says so. Every other method gets its
        // gradient, so nothing refers to a member that was not generated: no compiler diagnostic at all, CS0103 included.
        var clash = Assert.Single(result.AnalyzerDiagnostics);
        Assert.Equal("GD0010", clash.Id);
        Assert.Contains("'CostGradient'", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Cost", clash.Location.SourceTree!.GetText().ToString(clash.Location.SourceSpan));
        Assert.Empty(result.CompilationDiagnostics());

        var model = CompiledModel.Load(result.Output);
        Assert.Equal(new[] { 2.0 }, model.Gradient("Clash", "Twice", 3).Gradient);
        Assert.Equal(new[] { 8.0, 6.0 }, model.Gradient("Clash", "Twice", 3, 4).Gradient);
        Assert.Equal(new[] { 24.0 }, model.Gradient("Clash", "Named", 1, 2, 3, 4).Gradient); // ∂(w·dw·value·d)/∂w = dw·value·d
    }
}
