using System.Threading.Tasks;
using GradientDescent.Tests.Infrastructure;
using Xunit;
using static GradientDescent.Tests.Infrastructure.AnalyzerVerifier;

namespace GradientDescent.Tests.Diagnostics;

/// <summary>
/// One test per diagnostic GD0002–GD0010, each pinning the exact span it squiggles (GD0001 is reserved, not implemented).
/// Markup: <c>{|GD0002:Model|}</c> checks id and span; <c>{|#0:...|}</c> with <c>.WithLocation(0)</c> also checks the message.
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public Task GD0002_type_not_partial_is_reported_on_the_type_identifier() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static class {|#0:Model|}
        {
            [Differentiable]
            public static double Cost(double x) => x * x;
        }
        """,
        Diagnostic("GD0002").WithLocation(0)
            .WithMessage("Type 'Model' must be declared partial so the gradient of 'Cost' can be generated into it"));

    [Fact]
    public Task GD0002_is_reported_on_every_enclosing_type_that_is_not_partial() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public class {|GD0002:Outer|}
        {
            public partial class Middle
            {
                public struct {|GD0002:Inner|}
                {
                    [Differentiable]
                    public static double Cost(double x) => x * x;
                }
            }
        }
        """);

    [Fact]
    public Task GD0003_method_not_static_is_reported_on_the_method_identifier() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public partial class Model
        {
            [Differentiable]
            public double {|#0:Cost|}(double x) => x * x;
        }
        """,
        Diagnostic("GD0003").WithLocation(0)
            .WithMessage("Method 'Cost' must be static to be differentiated: make it static and pass every value it reads as a parameter"));

    [Fact]
    public Task GD0004_return_type_not_double_is_reported_on_the_return_type() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static {|#0:int|} Cost(double x) => 0;
        }
        """,
        Diagnostic("GD0004").WithLocation(0).WithMessage("Method 'Cost' returns 'int'; a differentiable cost must return double"));

    [Fact]
    public Task GD0004_covers_void_and_float_returns() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static {|GD0004:void|} Nothing(double x) { }

            [Differentiable]
            public static {|GD0004:float|} Single(double x) => 1f;
        }
        """);

    [Fact]
    public Task GD0005_parameter_type_not_double_is_reported_on_the_parameter_type() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x))]
            public static double Cost(double x, {|#0:int|} n) => x * x;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'n' is of type 'int'; parameters of a [Differentiable] method must be plain double values"));

    [Fact]
    public Task GD0005_ref_out_in_and_params_are_reported_on_the_modifier() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double ByRef({|#0:ref|} double x) => x * x;

            [Differentiable]
            public static double ByIn({|GD0005:in|} double x) => x * x;

            [Differentiable]
            public static double WithOut(double x, {|GD0005:out|} double y) { y = 0; return x * x; }

            [Differentiable]
            public static double Many({|#1:params|} double[] xs) => 0.0;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'x' is declared 'ref'; parameters of a [Differentiable] method must be plain double values"),
        Diagnostic("GD0005").WithLocation(1)
            .WithMessage("Parameter 'xs' is declared 'params'; parameters of a [Differentiable] method must be plain double values"));

    [Fact]
    public Task GD0006_name_that_is_not_a_parameter_is_reported_on_the_attribute_argument() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x), {|#0:"z"|})]
            public static double Cost(double x, double y) => x * y;
        }
        """,
        Diagnostic("GD0006").WithLocation(0).WithMessage("'z' is not a parameter of 'Cost'; name a parameter with nameof(...)"));

    [Fact]
    public Task GD0006_null_name_is_reported_on_the_attribute_argument() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable({|#0:(string)null!|})]
            public static double Cost(double x) => x * x;
        }
        """,
        Diagnostic("GD0006").WithLocation(0).WithMessage("'null' is not a parameter of 'Cost'; name a parameter with nameof(...)"));

    [Fact]
    public Task GD0007_name_listed_twice_is_reported_on_the_repeated_attribute_argument() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x), nameof(y), {|#0:nameof(x)|})]
            public static double Cost(double x, double y) => x * y;
        }
        """,
        Diagnostic("GD0007").WithLocation(0).WithMessage("'x' is listed more than once in [Differentiable]; remove the repeated name"));

    [Fact]
    public Task GD0008_not_differentiable_is_reported_on_the_offending_node() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double Cost(double x)
            {
                double y = x;
                {|#0:if (x > 0) y = 2 * x;|}
                return y;
            }
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'if (x > 0) y = 2 * x;': control flow (if) is not differentiated yet; write the cost as straight-line code"));

    [Fact]
    public Task GD0009_generic_method_is_reported_on_the_type_parameter_list() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double Cost{|#0:<T>|}(double x) => x * x;
        }
        """,
        Diagnostic("GD0009").WithLocation(0).WithMessage("Method 'Cost' is generic; differentiable methods cannot have type parameters"));

    [Fact]
    public Task GD0010_gradient_name_taken_is_reported_on_the_method_identifier() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double {|#0:Cost|}(double x) => x * x;

            public static double CostGradient(double x) => 2 * x;
        }
        """,
        Diagnostic("GD0010").WithLocation(0).WithMessage(
            "Type 'Model' already declares a member named 'CostGradient', which the gradient of 'Cost' would use; rename one of them"));

    [Fact]
    public Task GD0010_sees_a_member_declared_in_another_part_of_the_type() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double {|GD0010:Cost|}(double x) => x * x;
        }
        public static partial class Model
        {
            public static int CostGradient;
        }
        """);
}
