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

    private const string Gd0008Template = """
        using System;
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            private static double scale = 2;
            private static int count = 3;
            private static double Helper(double v) => v * v;

            [Differentiable]
            public static double Cost(double x)
            {
        BODY
            }
        }
        """;

    /// <summary>Each construct the differentiator refuses: the exact span (markup {|#0:...|}) and the message naming the reason.</summary>
    [Theory]
    [InlineData(
        "double y = x; {|#0:if (x > 0) y = 2 * x;|} return y;",
        "Cannot differentiate 'if (x > 0) y = 2 * x;': control flow (if) is not differentiated yet; write the cost as straight-line code")]
    [InlineData(
        "double y = 0; {|#0:for (var i = 0; i < 3; i++) y += x;|} return y;",
        "Cannot differentiate 'for (var i = 0; i < 3; i++) y += x;': control flow (for) is not differentiated yet; write the cost as straight-line code")]
    [InlineData(
        "double y = 1; {|#0:while (y < 10) y *= x;|} return y;",
        "Cannot differentiate 'while (y < 10) y *= x;': control flow (while) is not differentiated yet; write the cost as straight-line code")]
    [InlineData(
        "double y = 0; {|#0:foreach (var v in new[] { x, x }) y += v;|} return y;",
        "Cannot differentiate 'foreach (var v in new[] { x, x }) y += v;': control flow (foreach) is not differentiated yet; write the cost as straight-line code")]
    [InlineData(
        "return {|#0:Helper(x)|};",
        "Cannot differentiate 'Helper(x)': the call to 'Helper' cannot be differentiated yet; inline its arithmetic into the cost")]
    [InlineData(
        "return 2 * {|#0:Math.Floor(x)|};",
        "Cannot differentiate 'Math.Floor(x)': Math.Floor is piecewise constant, so its derivative is zero wherever it exists and gradient descent would not move; use a smooth function instead")]
    [InlineData(
        "return {|#0:Math.Log(x, 2)|};",
        "Cannot differentiate 'Math.Log(x, 2)': write Math.Log(a) / Math.Log(newBase) instead of Math.Log with a base")]
    [InlineData(
        "return {|#0:Math.Cosh(x)|};",
        "Cannot differentiate 'Math.Cosh(x)': Math.Cosh has no derivative rule yet; the supported functions are Exp, Log, Sqrt, Pow, Sin, Cos, Tan, Tanh, Atan, Abs, Max and Min")]
    [InlineData(
        "return {|#0:Math.Abs(count)|};",
        "Cannot differentiate 'Math.Abs(count)': only the double overloads of Math.Abs are differentiable")]
    [InlineData(
        "double y = {|#0:(int)x|}; return y;",
        "Cannot differentiate '(int)x': a cast to an integer is piecewise constant, so its derivative is zero wherever it exists")]
    [InlineData(
        "return {|#0:(int)x|} * 2.0;",
        "Cannot differentiate '(int)x': the value is of type 'int'; only double arithmetic is differentiated")]
    [InlineData(
        "return {|#0:(float)x|};",
        "Cannot differentiate '(float)x': a cast from 'double' to 'float' is not differentiable")]
    [InlineData(
        "return {|#0:x % 2.0|};",
        "Cannot differentiate 'x % 2.0': the operator '%' has no derivative rule; use + - * / and System.Math functions")]
    [InlineData(
        "double y = x; {|#0:y %= 2.0|}; return y;",
        "Cannot differentiate 'y %= 2.0': the operator '%=' has no derivative rule; use = += -= *= /=")]
    [InlineData(
        "return {|#0:scale|} * x;",
        "Cannot differentiate 'scale': the field 'scale' can change between calls; make it const or static readonly, or pass it as a parameter")]
    [InlineData(
        "return x * {|#0:count|};",
        "Cannot differentiate 'count': the value is of type 'int'; only double arithmetic is differentiated")]
    [InlineData(
        "{|#0:scale = x|}; return x;",
        "Cannot differentiate 'scale = x': only double locals and parameters can be assigned in a differentiable method, not 'scale'")]
    [InlineData(
        "Func<double, double> {|#0:square = v => v * v|}; return square(x);",
        "Cannot differentiate 'square = v => v * v': the local 'square' is of type 'System.Func<double, double>'; only double locals are differentiated")]
    [InlineData(
        "return {|#0:((Func<double, double>)(v => v * v))(x)|};",
        "Cannot differentiate '((Func<double, double>)(v => v * v))(x)': the call to 'Invoke' cannot be differentiated yet; inline its arithmetic into the cost")]
    [InlineData(
        "{|#0:double Square(double v) => v * v;|} return Square(x);",
        "Cannot differentiate 'double Square(double v) => v * v;': a local function statement is not supported in a differentiable method")]
    [InlineData(
        "int {|#0:n = 3|}; return n * x;",
        "Cannot differentiate 'n = 3': the local 'n' is of type 'int'; only double locals are differentiated")]
    [InlineData(
        "{|#0:Console.WriteLine(x)|}; return x;",
        "Cannot differentiate 'Console.WriteLine(x)': only assignments to locals can stand as statements in a differentiable method")]
    [InlineData(
        "return {|#0:x > 0 ? x : -x|};",
        "Cannot differentiate 'x > 0 ? x : -x': a conditional expression is not supported in a differentiable method")]
    [InlineData(
        "return x; {|#0:x = 1;|}",
        "Cannot differentiate 'x = 1;': a statement after 'return' is never run")]
    [InlineData(
        "{|#0:throw new InvalidOperationException();|}",
        "Cannot differentiate 'throw new InvalidOperationException();': a throw statement is not supported in a differentiable method")]
    public Task GD0008_names_the_construct_and_the_reason(string body, string message) =>
        VerifyAsync(Gd0008Template.Replace("BODY", body), Diagnostic("GD0008").WithLocation(0).WithMessage(message));
}
