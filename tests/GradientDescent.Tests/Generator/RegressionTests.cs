using System;
using System.Linq;
using GradientDescent.Tests.Differentiation;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>Inputs a review found mishandled; each once gave a wrong value, wrong gradient, a compile error or a crash.</summary>
public class RegressionTests
{
    private static void AssertMatchesFiniteDifferences(CompiledModel model, string type, string method, params double[] point)
    {
        var (value, gradient) = model.Gradient(type, method, point);
        Assert.Equal(model.Value(type, method, point), value);
        for (var i = 0; i < point.Length; i++)
        {
            var (numeric, _) = FiniteDifferenceCheck.CentralDifference(p => model.Value(type, method, p), point, i);
            Assert.True(SymbolicPropertyTests.Close(numeric, gradient[i], 1e-6), $"{method} d{i}: expected {numeric}, got {gradient[i]}");
        }
    }

    [Fact]
    public void Field_shadowed_by_a_local_or_parameter_is_qualified()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            namespace Demo;
            public static partial class M
            {
                static readonly double k = 3;
                const double c = 2;
                [Differentiable] public static double Local(double x) { double k = x; return k * M.k; }
                [Differentiable(nameof(x))] public static double Parameter(double x, double k) => x * M.k;
                [Differentiable] public static double ConstLocal(double x) { double c = x; return c * M.c; }
                [Differentiable] public static double Blocks(double x) { { double r = k * x; x = r; } { double k = 2 * x; x = k * x; } return x; }
            }
            """);
        Assert.Equal(4.5, model.Gradient("Demo.M", "Local", 1.5).Value);
        Assert.Equal(new[] { 3.0 }, model.Gradient("Demo.M", "Local", 1.5).Gradient);
        Assert.Equal(4.5, model.Gradient("Demo.M", "Parameter", 1.5, 7).Value);
        Assert.Equal(3.0, model.Gradient("Demo.M", "Parameter", 1.5, 7).Gradient[0]);
        AssertMatchesFiniteDifferences(model, "Demo.M", "ConstLocal", 1.5);
        AssertMatchesFiniteDifferences(model, "Demo.M", "Blocks", 1.5);
    }

    [Fact]
    public void Whole_number_constants_stay_double_in_calls_and_divisions()
    {
        var model = CompiledModel.Build("""
            using System;
            using GradientDescent;
            public static partial class M
            {
                [Differentiable] public static double AbsInt(double x) => Math.Abs(-3.0) / 2.0 * x;
                [Differentiable] public static double MinValue(double x) => x * Math.Abs(-2147483648.0);
                [Differentiable] public static double ByZero(double x) => x / 0.0;
                [Differentiable] public static double ByCancelled(double x, double y) => y / (x - x) + x;
                [Differentiable(nameof(x))] public static double PowZero(double x, double y) => 1 / (Math.Pow(y, 0) + 1) * x;
            }
            """);
        Assert.Equal((2.25, 1.5), (model.Gradient("M", "AbsInt", 1.5).Value, model.Gradient("M", "AbsInt", 1.5).Gradient[0]));
        Assert.Equal(2147483648.0, model.Gradient("M", "MinValue", 1).Gradient[0]);
        Assert.Equal(double.PositiveInfinity, model.Gradient("M", "ByZero", 1).Gradient[0]);
        Assert.True(double.IsInfinity(model.Gradient("M", "ByCancelled", 1, 1).Gradient[1]));
        Assert.Equal(0.5, model.Gradient("M", "PowZero", 1.5, 2).Gradient[0]);
    }

    [Fact]
    public void Abs_gradient_propagates_NaN_instead_of_throwing()
    {
        var model = CompiledModel.Build("""
            using System;
            using GradientDescent;
            public static partial class M { [Differentiable] public static double F(double x) => Math.Abs(Math.Sqrt(x)); }
            """);
        var (value, gradient) = model.Gradient("M", "F", -1);
        Assert.True(double.IsNaN(value));
        Assert.True(double.IsNaN(gradient[0]));
    }

    [Fact]
    public void Overwritten_constant_is_not_a_dead_store_in_generated_code()
    {
        var result = GeneratorHarness.Run("""
            using GradientDescent;
            public static partial class M { [Differentiable] public static double F(double x) { double best = 0; best = x * x; return best; } }
            """);
        Assert.Empty(result.CompilationDiagnostics());
        Assert.DoesNotContain("double best = 0;", result.AllGeneratedSources());
    }

    [Fact]
    public void Only_the_exact_primal_expression_is_reused()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class M
            {
                [Differentiable(nameof(x))] public static double Cancel(double x, double y) { double r = x * y / y; return x * x + 0 * r; }
                [Differentiable] public static double Round(double x) { double a = (x + 1e16) - 1e16; return a + x * x; }
            }
            """);
        Assert.Equal(3.0, model.Gradient("M", "Cancel", 1.5, 0).Gradient[0]);
        Assert.Equal(1 + 2 * 0.7, model.Gradient("M", "Round", 0.7).Gradient[0], 12);
    }

    [Fact]
    public void Parts_of_one_type_in_two_files_share_one_generated_file()
    {
        var result = GeneratorHarness.Run(
            "using GradientDescent; namespace Demo; public static partial class M { [Differentiable] public static double F(double x) => x * x; }",
            "using GradientDescent; namespace Demo; partial class M { [Differentiable] public static double G(double x) => 2 * x; }",
            "using GradientDescent; namespace Demo; public partial class Outer<T> { [Differentiable] public static double H(double x) => x; } public partial class Outer_T_ { [Differentiable] public static double H(double x) => x; }");
        Assert.Null(result.GeneratorException);
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Equal(new[] { "Demo.M.g.cs", "Demo.Outer_T_.g.cs", "Demo.Outer`1.g.cs" },
            result.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
    }

    [Fact]
    public void Attributes_on_type_parameters_are_not_repeated()
    {
        var result = GeneratorHarness.Run("""
            using System;
            using GradientDescent;
            namespace Demo;
            [AttributeUsage(AttributeTargets.GenericParameter)] public sealed class TagAttribute : Attribute { }
            public static partial class Outer<[Tag] T> { [Differentiable] public static double F(double x) => x * x; }
            public partial interface IVariant<in TIn, out TOut> { [Differentiable] public static double G(double x) => x; }
            """);
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Contains("partial interface IVariant<in TIn, out TOut>", result.AllGeneratedSources());
    }

    [Fact]
    public void Gradient_hiding_an_inherited_gradient_is_declared_new()
    {
        var result = GeneratorHarness.Run("""
            using GradientDescent;
            public partial class Base { [Differentiable] public static double F(double x) => x * x; }
            public partial class Derived : Base { [Differentiable] public static new double F(double x) => 3 * x; }
            public partial class Other : Base { [Differentiable] public static double F(double x, double y) => x * y; }
            """);
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Contains("public new static double FGradient(double x, out double dx)", result.AllGeneratedSources());
        Assert.Contains("public new static global::GradientDescent.TrainingResult TrainF(ref double x, global::GradientDescent.TrainingOptions options)", result.AllGeneratedSources());
        Assert.Equal(2, result.AllGeneratedSources().Split('\n').Count(l => l.Contains("new static", StringComparison.Ordinal))); // Derived only, not Other
    }

    [Fact]
    public void Train_methods_are_declared_new_exactly_where_they_hide_a_base_member()
    {
        // Found by review: TrainCost hid the base's hand-written TrainCost (CS0108), and TrainLoss took the gradient's
        // `new` though nothing of its signature is inherited (CS0109); both fail a build with warnings as errors.
        var result = GeneratorHarness.Run("""
            using GradientDescent;
            public class Base
            {
                public static TrainingResult TrainCost(ref double w, double x, TrainingOptions o) => null!;
                public static double LossGradient(double w, double x, out double dw) { dw = 0; return 0; }
            }
            public partial class D : Base
            {
                [Differentiable(nameof(w))] public static double Cost(double w, double x) => (w - x) * (w - x);
                [Differentiable(nameof(w))] public static double Loss(double w, double x) => (w - x) * (w - x);
            }
            """);
        Assert.Empty(result.CompilationDiagnostics());
        var generated = result.AllGeneratedSources();
        Assert.Contains("public new static global::GradientDescent.TrainingResult TrainCost(ref double w, double x, global::GradientDescent.TrainingOptions options)", generated);
        Assert.Contains("public static global::GradientDescent.TrainingResult TrainCost(ref double w, global::System.ReadOnlySpan<double> x, global::GradientDescent.TrainingOptions options)", generated);
        Assert.Contains("public new static double LossGradient(double w, double x, out double dw)", generated);
        Assert.DoesNotContain("new static global::GradientDescent.TrainingResult TrainLoss", generated);
    }

    [Fact]
    public void A_parameter_named_like_the_cost_or_its_gradient_does_not_hide_them_from_the_train_method()
    {
        // Found by review: TrainCost called Cost(parameters[0], Cost), and Cost was the double (CS0149).
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class M
            {
                [Differentiable(nameof(w))] public static double Cost(double w, double Cost) => (w - Cost) * (w - Cost);
                [Differentiable(nameof(w))] public static double Loss(double w, double LossGradient) => (w - LossGradient) * (w - LossGradient);
                public static double Fit(double target)
                {
                    double w = 0;
                    TrainCost(ref w, target, new TrainingOptions { LearningRate = 0.25, Steps = 40 });
                    double v = 0;
                    TrainLoss(ref v, target, new TrainingOptions { LearningRate = 0.25, Steps = 40 });
                    return w + v;
                }
            }
            public partial interface IVariant<in TIn, out TOut>
            {
                [Differentiable(nameof(w))] public static double Cost(double w, double Cost) => (w - Cost) * (w - Cost);
            }
            namespace Inner
            {
                // a parameter named like the type too
                public static partial class B3 { [Differentiable(nameof(w))] public static double Cost(double w, double Cost, double B3) => w * Cost + B3; }
            }
            """);
        Assert.Equal(6.0, (double)model.Type("M").GetMethod("Fit")!.Invoke(null, new object[] { 3.0 })!, 9);
    }

    [Fact]
    public void A_differentiable_method_of_a_generic_type_is_called_through_the_type_the_call_names()
    {
        // Found by review: G<int>.Sq(w) generated global::Demo.G<T>.SqGradient (CS0246).
        var model = CompiledModel.Build("""
            using GradientDescent;
            namespace Demo;
            public static partial class G<T> { [Differentiable(nameof(x))] public static double Sq(double x) => x * x; }
            public static partial class H<T, U> { [Differentiable(nameof(x))] public static double Cube(double x) => x * x * x; }
            public static partial class Caller { [Differentiable(nameof(w))] public static double Cost(double w) => G<int>.Sq(w) + H<double, string>.Cube(w); }
            """);
        var (value, gradient) = model.Gradient("Demo.Caller", "Cost", 2.0);
        Assert.Equal(12.0, value);
        Assert.Equal(2 * 2.0 + 3 * 4.0, gradient[0]);
    }

    [Fact]
    public void Types_whose_names_differ_only_in_case_get_a_file_each()
    {
        // Found by review: hint names are compared ignoring case, and AddSource threw, losing every generated file.
        var result = GeneratorHarness.Run(
            "using GradientDescent; namespace Demo; public static partial class Model { [Differentiable] public static double F(double x) => x * x; }",
            "using GradientDescent; namespace Demo; public static partial class MOdel { [Differentiable] public static double F(double x) => 2 * x * x; }");
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Equal(new[] { "Demo.MOdel.g.cs", "Demo.Model_2.g.cs" }, result.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Odd_but_legal_calls_and_constants_found_by_review_give_the_methods_values_and_derivatives()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            namespace Odd;
            public static partial class M
            {
                [Differentiable(nameof(w))] public static double H(double w, double x) => w * x;
                [Differentiable(nameof(w))] public static double H(double w, int n) => w * n * 100;
                // the cast picks H(double, double): the generated call must not drop it and reach H(double, int)
                [Differentiable(nameof(w))] public static double Cast(double w, int k) => H(w, (double)k);
                // char constants are numbers (they threw InvalidCastException in the generator)
                [Differentiable(nameof(w))] public static double Chars(double w, int n) => w + 'a' + 'b' * w + (n > 'a' ? w : 0) + (n switch { 'e' => w, _ => 0 });
            }
            public static partial class R<T>
            {
                static readonly double F = typeof(T) == typeof(int) ? 1.0 : 2.0;
                [Differentiable(nameof(w))] public static double H(double w) => w * F;
                // inside R<T>, R<int>.H is not this type's own H
                [Differentiable(nameof(w))] public static double Cost(double w) => R<int>.H(w);
            }
            public static class Calls
            {
                public static double[] All(double w)
                {
                    double a = M.CastGradient(w, 3, out double da), c = M.ChargesOf(w, out double dc), r = R<string>.CostGradient(w, out double dr);
                    return new[] { a, da, c, dc, r, dr };
                }
            }
            public static partial class M { public static double ChargesOf(double w, out double d) => CharsGradient(w, 'e', out d); }
            """);
        var all = (double[])model.Type("Odd.Calls").GetMethod("All")!.Invoke(null, new object[] { 2.0 })!;
        Assert.Equal(new[] { 6.0, 3.0, 2 + 97 + 196 + 2 + 2, 1 + 98 + 1 + 1, 2.0, 1.0 }, all);
    }

    [Fact]
    public void An_obsolete_cost_passes_its_obsolete_on_to_its_generated_members()
    {
        // Found by review: TrainCost called the cost, CS0619 (error: true) or CS0618 in the generated file.
        var result = GeneratorHarness.Run("""
            using System;
            using GradientDescent;
            public static partial class Obs
            {
                [Obsolete("use Cost2", error: true)] [Differentiable(nameof(w))] public static double Cost(double w) => w * w;
                [Obsolete] [Differentiable(nameof(w))] public static double Plain(double w) => w * w;
            }
            """);
        Assert.Empty(result.CompilationDiagnostics());
        var generated = result.AllGeneratedSources();
        Assert.Equal(2, generated.Split('\n').Count(l => l.Trim() == "[global::System.Obsolete(\"use Cost2\", true)]")); // the gradient and TrainCost
        Assert.Equal(2, generated.Split('\n').Count(l => l.Trim() == "[global::System.Obsolete]"));
    }

    [Fact]
    public void Negative_zero_literal_keeps_its_sign()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class M { [Differentiable] public static double F(double x) => 1 / (x * -0.0) + x; }
            """);
        Assert.Equal(double.NegativeInfinity, model.Gradient("M", "F", 1).Value);
    }

    [Fact]
    public void Unsigned_and_char_constants_are_numbers()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class M { [Differentiable] public static double F(double x) => x * 3u + x * 2ul + x * (ushort)1 + x * (sbyte)-1; }
            """);
        Assert.Equal(5.0, model.Gradient("M", "F", 1).Gradient[0]);
    }
}
