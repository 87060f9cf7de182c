using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using CsCheck;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Robustness;

/// <summary>
/// The three kinds of method that once got neither a gradient nor a diagnostic (only CS0103 at the call), and an
/// internal failure, which must surface as GD0013 rather than a dropped method. (Every generator run in every test
/// also checks the general promise: <see cref="EveryMethodAccountedFor"/>.)
/// </summary>
public class NeverSilentTests
{
    private const string ReturnChain = """
        using System;
        using GradientDescent;
        namespace Demo;
        public static partial class Chain
        {
            [Differentiable(nameof(w))]
            public static double Piecewise(double w, double x)
            {
                if (x < -1) return w * w;
                else if (x < 1) return Math.Sin(w) * x;
                double t = w * x;
                t = t * t + w;
                return t;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Chain = new(() => CompiledModel.Build(ReturnChain));

    private static double Call(string method, params object[] arguments)
    {
        var m = Chain.Value.Type("Demo.Chain").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        var value = (double)m.Invoke(null, arguments)!;
        return method.EndsWith("Gradient", StringComparison.Ordinal) ? (double)arguments[^1] : value;
    }

    /// <summary>∂/∂w: 2w left of −1, x·cos w up to 1, then 2x²w + 1 (t = (wx)² + w).</summary>
    private static double HandDerived(double w, double x) => x < -1 ? 2 * w : x < 1 ? x * Math.Cos(w) : 2 * x * x * w + 1;

    [Fact]
    public void An_else_if_return_chain_followed_by_statements_gets_the_hand_derived_gradient()
    {
        Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-3, 3)).Sample((w, x) =>
        {
            var dw = Call("PiecewiseGradient", w, x, 0.0);
            Assert.True(Math.Abs(dw - HandDerived(w, x)) <= 1e-12 * (1 + Math.Abs(dw)), $"w={w} x={x}: {dw} vs {HandDerived(w, x)}");
        }, iter: 300);
    }

    [Fact]
    public void An_else_if_return_chain_followed_by_statements_agrees_with_finite_differences()
    {
        FiniteDifferenceCheck.Run("Piecewise", check => Gen.Select(Points.Uniform(-3, 3), Points.Uniform(-3, 3)).Sample((w, x) =>
            check.Agrees(p => Call("Piecewise", p[0], x), new[] { w }, 0, Call("PiecewiseGradient", w, x, 0.0)), iter: 300));
    }

    [Fact]
    public Task A_differentiated_array_written_in_a_nested_loop_gets_GD0008_at_the_element() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(p))]
            public static double Cost(double[] p)
            {
                for (int t = 0; t < 2; t++)
                    for (int i = 1; i < p.Length; i++) {|#0:p[i]|} += p[i - 1];
                return p[p.Length - 1];
            }
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'p[i]': the parameter 'p' is written in a loop inside another loop; write it in a loop of the method's own, once"));

    [Fact]
    public void An_exception_inside_the_core_becomes_GD0013_at_the_method_and_spares_the_others()
    {
        const string source = """
            using GradientDescent;
            namespace Demo;
            public static partial class Faulty
            {
                [Differentiable(nameof(w))]
                public static double FaultInjectedCost(double w, double x) => w * x;

                [Differentiable(nameof(w))]
                public static double Healthy(double w, double x) => w * w * x;
            }
            """;
        FaultInjection.FailingMethods[nameof(FaultInjectedCost)] = true;
        GenerationResult result;
        try
        {
            result = GeneratorHarness.Run(source);
        }
        finally
        {
            FaultInjection.FailingMethods.TryRemove(nameof(FaultInjectedCost), out _);
        }

        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerExceptions);
        var diagnostic = Assert.Single(result.AnalyzerDiagnostics);
        Assert.Equal("GD0013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(nameof(FaultInjectedCost), diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var message = diagnostic.GetMessage();
        Assert.Contains("InvalidOperationException", message);
        Assert.Contains("fault injected into the differentiation of 'FaultInjectedCost'", message);
        Assert.Contains("please report", message);

        var generated = result.AllGeneratedSources();
        Assert.DoesNotContain("FaultInjectedCostGradient", generated);
        Assert.Contains("HealthyGradient", generated);
        Assert.Empty(result.CompilationDiagnostics());
    }

    private const string FaultInjectedCost = nameof(FaultInjectedCost);
}
