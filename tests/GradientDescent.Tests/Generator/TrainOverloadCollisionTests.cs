using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;

namespace GradientDescent.Tests.Generator;

/// <summary>
/// A Train method whose name and parameter types are taken (by a member the type declares, or by the Train method of
/// another overload of the cost) is left out with GD0015, so the generated code still compiles; the gradient and the
/// cost's other Train method are generated.
/// </summary>
public class TrainOverloadCollisionTests
{
    private const string Overloads = """
        #nullable enable
        using System;
        using GradientDescent;
        namespace Clashes;
        public static partial class Overloaded
        {
            [Differentiable(nameof(w))]
            public static double {|#0:Cost|}(double w, double x) => (w - x) * (w - x);

            [Differentiable(nameof(w))]
            public static double Cost(double w, ReadOnlySpan<double> xs)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += (w - xs[i]) * (w - xs[i]);
                return s;
            }

            // both would get TrainNorm(Span<double> w, TrainingOptions): ReadOnlySpan<double> sorts first and keeps it
            [Differentiable(nameof(w))]
            public static double {|#1:Norm|}(double[] w) => w[0] * w[0];

            [Differentiable(nameof(w))]
            public static double Norm(ReadOnlySpan<double> w) => 2 * w[0] * w[0];
        }

        public static partial class Declared
        {
            [Differentiable(nameof(w))]
            public static double {|#2:Cost|}(double w, double x) => (w - x) * (w - x);

            // the user's own training loop, with the signature the one-sample TrainCost would have
            public static TrainingResult TrainCost(ref double w, double x, TrainingOptions options)
            {
                for (int k = 0; k < options.Steps; k++) w -= options.LearningRate * 2 * (w - x);
                return default!;
            }

            // another signature, or a generic method: overloads, no clash
            public static void TrainCost(string log) { }
            public static void TrainCost<T>(ref double w, System.ReadOnlySpan<double> x, TrainingOptions options) { }
        }

        public static partial class Nullable
        {
            [Differentiable(nameof(w))]
            public static double {|#4:Cost|}(double w) => (w - 1) * (w - 1);

            // nullable code: the options parameter is TrainingOptions?
            public static TrainingResult TrainCost(ref double w, TrainingOptions? options) => default!;
        }

        public static partial class Field
        {
            [Differentiable(nameof(w))]
            public static double {|#3:Cost|}(double w, double x) => (w - x) * (w - x);

            public static int TrainCost;
        }

        public static partial class Helper
        {
            // private: no Train method, so nothing to clash with
            [Differentiable(nameof(w))]
            private static double Cost(double w, double x) => (w - x) * (w - x);

            public static void TrainCost(ref double w, double x, TrainingOptions options) { }
        }
        """;

    /// <summary>Code that calls what is generated, compiled with the costs (which the analyzer test sees alone).</summary>
    private const string Callers = """
        using GradientDescent;
        namespace Clashes;
        public static partial class Overloaded
        {
            // one step of the TrainCost a span finds
            public static double OneStep(double w, double[] xs)
            {
                TrainCost(ref w, xs, new TrainingOptions { LearningRate = 0.1, Steps = 1 });
                return w;
            }
        }

        public static partial class Helper
        {
            public static double Use(double w) => CostGradient(w, 1, out _);
        }
        """;

    private static DiagnosticResult Omitted(int location, string train, string cost, string reason) =>
        new DiagnosticResult("GD0015", DiagnosticSeverity.Warning).WithLocation(location).WithMessage(
            $"'{train}' is not generated for '{cost}': {reason}; rename one of them, or train with the gradient in a loop of your own");

    [Fact]
    public Task Each_train_method_left_out_is_reported_on_its_cost_with_the_member_that_takes_its_signature() =>
        AnalyzerVerifier.VerifyAsync(Overloads,
            Omitted(0, "TrainCost(ref double, ReadOnlySpan<double>, TrainingOptions)", "Cost(double, double)",
                "'Cost(double, ReadOnlySpan<double>)' gets a Train method with the same parameters"),
            Omitted(1, "TrainNorm(Span<double>, TrainingOptions)", "Norm(double[])",
                "'Norm(ReadOnlySpan<double>)' gets a Train method with the same parameters"),
            Omitted(2, "TrainCost(ref double, double, TrainingOptions)", "Cost(double, double)",
                "the type already declares 'TrainCost(ref double, double, TrainingOptions)'"),
            Omitted(3, "TrainCost(ref double, double, TrainingOptions)", "Cost(double, double)",
                "the type already has a member named 'TrainCost'"),
            Omitted(3, "TrainCost(ref double, ReadOnlySpan<double>, TrainingOptions)", "Cost(double, double)",
                "the type already has a member named 'TrainCost'"),
            Omitted(4, "TrainCost(ref double, TrainingOptions)", "Cost(double)",
                "the type already declares 'TrainCost(ref double, TrainingOptions)'"));

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(
        "#pragma warning disable GD0015 // the point: the clashes are left out\n" + System.Text.RegularExpressions.Regex.Replace(Overloads, @"\{\|#\d+:(.*?)\|\}", "$1"), Callers));

    private static MethodInfo[] Trains(string type, string name) =>
        Model.Value.Type("Clashes." + type).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name).ToArray();

    private static string Parameters(MethodInfo m) => string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name));

    [Fact]
    public void The_generated_code_compiles_and_keeps_every_train_method_whose_signature_is_free()
    {
        // Overloaded: Cost(double, double) keeps its one-sample TrainCost; Cost(double, ReadOnlySpan) has the span one.
        Assert.Equal(new[] { "Double&, Double, TrainingOptions", "Double&, ReadOnlySpan`1, TrainingOptions" },
            Trains("Overloaded", "TrainCost").Select(Parameters).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(new[] { "Span`1, TrainingOptions" }, Trains("Overloaded", "TrainNorm").Select(Parameters));
        // Declared: the user's two TrainCost methods and the generated dataset one.
        Assert.Equal(new[] { "Double&, Double, TrainingOptions", "Double&, ReadOnlySpan`1, TrainingOptions", "Double&, ReadOnlySpan`1, TrainingOptions", "String" },
            Trains("Declared", "TrainCost").Select(Parameters).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Single(Trains("Declared", "TrainCost"), m => m.IsGenericMethodDefinition);
        Assert.Empty(Trains("Field", "TrainCost"));
        // Every gradient is generated whatever its Train methods.
        foreach (var type in new[] { "Overloaded", "Declared", "Field" })
            Assert.Contains(Model.Value.Type("Clashes." + type).GetMethods(), m => m.Name.EndsWith("Gradient", StringComparison.Ordinal));
    }

    [Fact]
    public void The_train_method_that_keeps_the_signature_is_the_one_of_the_cost_it_was_written_for()
    {
        // TrainCost(ref w, ReadOnlySpan xs) is Cost(double, ReadOnlySpan)'s: one step follows the gradient of the sum
        // Σ (w − xᵢ)², 2·Σ (w − xᵢ) = −8 at w = 0, xs = {1, 3}; the left-out dataset TrainCost of Cost(double, double)
        // would follow the mean's, −4.
        var w = (double)Model.Value.Type("Clashes.Overloaded").GetMethod("OneStep")!.Invoke(null, new object[] { 0.0, new[] { 1.0, 3.0 } })!;
        Assert.Equal(0.8, w, 12);
    }
}
