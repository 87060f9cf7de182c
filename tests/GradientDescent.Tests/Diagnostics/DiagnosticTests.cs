using System.Linq;
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
            public static double Cost(double x, {|#0:float|} n) => x * x;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'n' is of type 'float'; [Differentiable] methods take double, int, bool, double[], ReadOnlySpan<double>, int[] and ReadOnlySpan<int> parameters"));

    [Fact]
    public Task A_while_loop_not_in_the_counted_form_is_differentiated_with_no_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x))]
            public static double Cost(double x, double[] xs)
            {
                double s = 0;
                int i = 0;
                while (i < xs.Length && s < 10) { s += x * xs[i]; i++; }
                return s;
            }
        }
        """);

    [Fact]
    public Task A_float_parameter_named_and_used_is_one_mistake_with_one_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x), nameof(n))]
            public static double Cost(double x, {|#0:float|} n) => x * n;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'n' is of type 'float'; [Differentiable] methods take double, int, bool, double[], ReadOnlySpan<double>, int[] and ReadOnlySpan<int> parameters"));

    [Fact]
    public Task GD0005_wrt_a_parameter_that_is_not_double_is_reported_on_its_name() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x), {|#0:nameof(n)|})]
            public static double Cost(double x, int n) => x * n;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'n' is of type 'int'; only double, double[] and ReadOnlySpan<double> parameters can be differentiated with respect to"));

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
            .WithMessage("Parameter 'x' is declared 'ref'; [Differentiable] methods take their parameters by value"),
        Diagnostic("GD0005").WithLocation(1)
            .WithMessage("Parameter 'xs' is declared 'params'; [Differentiable] methods take their parameters by value"));

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
                for (int j = 0; j < 2; j++) for (int i = 0; i < 3; i++) { {|#0:try { y = 2 * y; } finally { }|} }
                return y;
            }
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'try { y = 2 * y; } finally { }': a try statement is not supported in a differentiable method"));

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

            [Differentiable(nameof(v))]
            private static double Twice(double[] v) => 2 * v[0];

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
        "double y = 1; {|#0:try { y = x * 2; } finally { }|} return y;",
        "Cannot differentiate 'try { y = x * 2; } finally { }': a try statement is not supported in a differentiable method")]
    [InlineData(
        "double y = 0; {|#0:foreach (var v in new[] { x, x }) y += v;|} return y;",
        "Cannot differentiate 'foreach (var v in new[] { x, x }) y += v;': foreach is differentiated over a double[] or ReadOnlySpan<double> parameter or a local double array")]
    [InlineData(
        "return {|#0:Helper(x)|};",
        "Cannot differentiate 'Helper(x)': the call to 'Helper' has no derivative: mark 'Helper' [Differentiable], or give it one with [DerivativeOf(nameof(Helper))]")]
    [InlineData(
        "return 2 * {|#0:Math.Floor(x)|};",
        "Cannot differentiate 'Math.Floor(x)': Math.Floor is piecewise constant, so its derivative is zero wherever it exists and gradient descent would not move; apply it only to data, or use a smooth function")]
    [InlineData(
        "return x * {|#0:Math.Sign(x)|};",
        "Cannot differentiate 'Math.Sign(x)': Math.Sign is piecewise constant, so its derivative is zero wherever it exists and gradient descent would not move; apply it only to data, or use a smooth function")]
    [InlineData(
        "return {|#0:Math.IEEERemainder(x, 2)|};",
        "Cannot differentiate 'Math.IEEERemainder(x, 2)': Math.IEEERemainder has no derivative rule yet; the supported functions are Exp, Log (with or without a base), Log10, Log2, Sqrt, Cbrt, Pow, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Max, Min, Clamp and FusedMultiplyAdd, and double.Exp2; give any other one a [DerivativeOf]")]
    [InlineData(
        "return {|#0:Math.ScaleB(x, 2)|};",
        "Cannot differentiate 'Math.ScaleB(x, 2)': Math.ScaleB(double, int) has no derivative rule: its parameter 'n' is not a double")]
    [InlineData(
        "bool b = x > 0; {|#0:b |= x > 1|}; return b ? x : 0;",
        "Cannot differentiate 'b |= x > 1': the operator '|=' on a bool is not read; write b = b || …")]
    [InlineData(
        "{|#0:_ = x * 2|}; return x;",
        "Cannot differentiate '_ = x * 2': a discard (_ = …) computes nothing the result reads; drop the statement")]
    [InlineData(
        "return Math.Abs({|#0:count|});",
        "Cannot differentiate 'count': 'count' is not an int parameter, a loop index or an int local; indices and counts may only read those (a field can change between calls)")]
    [InlineData(
        "double y = {|#0:(int)x|}; return y;",
        "Cannot differentiate '(int)x': a cast to an integer is piecewise constant, so its derivative is zero wherever it exists")]
    [InlineData(
        "return {|#0:(int)x|} * 2.0;",
        "Cannot differentiate '(int)x': a cast to an integer is piecewise constant, so its derivative is zero wherever it exists")]
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
        "Cannot differentiate 'count': 'count' is not an int parameter, a loop index or an int local; indices and counts may only read those (a field can change between calls)")]
    [InlineData(
        "{|#0:scale = x|}; return x;",
        "Cannot differentiate 'scale = x': only double locals and parameters can be assigned in a differentiable method, not 'scale'")]
    [InlineData(
        "Func<double, double> {|#0:square = v => v * v|}; return square(x);",
        "Cannot differentiate 'square = v => v * v': the local 'square' is of type 'System.Func<double, double>'; only double locals and double[] or Span<double> arrays are differentiated")]
    [InlineData(
        "return {|#0:((Func<double, double>)(v => v * v))(x)|};",
        "Cannot differentiate '((Func<double, double>)(v => v * v))(x)': a call through a delegate or lambda cannot be differentiated; write the arithmetic inline or call a [Differentiable] method")]
    [InlineData(
        "{|#0:double Square(double v) => v * v;|} return Square(x);",
        "Cannot differentiate 'double Square(double v) => v * v;': a local function statement is not supported in a differentiable method")]
    [InlineData(
        "long {|#0:n = 3|}; n++; return n * x;",
        "Cannot differentiate 'n = 3': the local 'n' is of type 'long'; only double locals and double[] or Span<double> arrays are differentiated")]
    [InlineData(
        "int n = 3; {|#0:n <<= 1|}; return n * x;",
        "Cannot differentiate 'n <<= 1': the operator '<<=' on an int is not read; use = += -= *= /= %=")]
    [InlineData(
        "{|#0:Console.WriteLine(x)|}; return x;",
        "Cannot differentiate 'Console.WriteLine(x)': only assignments to locals can stand as statements in a differentiable method")]
    [InlineData(
        "return {|#0:double.IsNaN(x)|} ? 0 : x;",
        "Cannot differentiate 'double.IsNaN(x)': a condition must compare double values with < <= > >= == != and join them with && || ! (bool parameters and locals count as conditions)")]
    [InlineData(
        "double y = x; switch (y) { case > 0 {|#0:when y < 2|}: return 0; } return y;",
        "Cannot differentiate 'when y < 2': a when clause of a switch case is not differentiated; join the condition into the pattern, or write the switch as if/else")]
    [InlineData(
        "double y = x; switch (y) { case 0: if (x > 1) {|#0:break;|} y = 2; break; } return y;",
        "Cannot differentiate 'break;': a break before the end of a switch section is not differentiated; end the section with it, or use if/else")]
    [InlineData(
        "return x > 0 ? x : throw new ArgumentException({|#0:$\"bad {x}\"|});",
        "Cannot differentiate '$\"bad {x}\"': a throw is reproduced in the gradient when it creates an exception from constants, such as new ArgumentOutOfRangeException(nameof(x)) or new ArgumentException(\"x must be positive\")")]
    [InlineData(
        "return x > 1 ? (x > 2 ? x : {|#0:throw new ArgumentException()|}) : x;",
        "Cannot differentiate 'throw new ArgumentException()': a throw inside a branch of another conditional is not differentiated; write the guard as a statement of its own: if (…) throw …;")]
    [InlineData(
        "return x; {|#0:x = 1;|}",
        "Cannot differentiate 'x = 1;': a statement after 'return' is never run")]
    [InlineData(
        "{|#0:throw new InvalidOperationException();|}",
        "Cannot differentiate 'throw new InvalidOperationException();': this throw always runs, so the method has no value to differentiate; put it inside the if that guards it")]
    [InlineData(
        "double[] a = new double[3]; return {|#0:a[0]|};",
        "Cannot differentiate 'a[0]': 'a' is read before a loop fills it; fill it with for (int k = 0; k < a.Length; k++) a[k] = …;")]
    [InlineData(
        "double[] a = new double[3]; {|#0:a[0] = x|}; return x;",
        "Cannot differentiate 'a[0] = x': an element of 'a' is written only as a[k] inside a loop over k declared after the array, each pass writing its own element")]
    [InlineData(
        "double[] a = new double[3]; for (int k = 0; k < 3; k++) a[k] = x * k; double s = 0; for (int i = 0; i < 2; i++) { for (int k = 0; k < 3; k++) {|#0:a[k]|} = a[k] * x; s += a[0]; } return s;",
        "Cannot differentiate 'a[k]': 'a' is filled before this loop's enclosing loop and filled again in each of its passes, so each pass would start from the last one's values; fill a new array in each pass")]
    [InlineData(
        "double[] a = new double[3]; for (int k = 1; k < 3; k++) a[k] = {|#0:a[0]|} + x; return a[2];",
        "Cannot differentiate 'a[0]': 'a' is being filled by the loop over 'k'; inside it read a[k] or an element an earlier pass wrote (a[k - 1]), or read the array after the loop")]
    [InlineData(
        "double[] a = new double[2]; double s = 0; for (int i = 0; i < 3; i++) { for (int k = 0; k < 2; k++) a[k] = x * i; s += a[0]; } return s + {|#0:a[1]|};",
        "Cannot differentiate 'a[1]': 'a' is filled anew in each pass of a loop; read it inside that loop")]
    [InlineData(
        "double[] a = new double[3]; double s = 0; for (int i = 0; i < 3; i++) { for (int k = 1; k < 3; k++) {|#0:a[k]|} = x * i; s += a[1]; } return s;",
        "Cannot differentiate 'a[k]': 'a' is filled again here, so this loop must write every element: for (int k = 0; k < a.Length; k++)")]
    [InlineData(
        "double[] a = new double[3]; double s = 0; for (int i = 0; i < 2; i++) { for (int k = 0; k < 3; k++) a[k] = {|#0:a[k]|} * x; s += a[0]; } return s;",
        "Cannot differentiate 'a[k]': 'a[k]' is read before this pass writes it; set it first (a[k] = …)")]
    [InlineData(
        "double s = 0; for (int i = 1; i < 3; i++) { double[] a = {|#0:new double[i]|}; s += x; } return s;",
        "Cannot differentiate 'new double[i]': the length of 'a' changes from pass to pass; declare the array before the loop, with a length the method knows from the start")]
    [InlineData(
        "double[] a = new double[2]; {|#0:a = new double[3]|}; return x;",
        "Cannot differentiate 'a = new double[3]': the array 'a' is assigned again; give each array one declaration and fill it by element")]
    [InlineData(
        "double p = 1; double[] a = new double[3]; for (int k = 0; k < 3; k++) { p *= x; {|#0:a[k]|} = p; } return p + a[1];",
        "Cannot differentiate 'a[k]': 'a' is filled in a loop that carries a value from pass to pass; fill it in a loop of its own")]
    [InlineData(
        "return Twice({|#0:new[] { x }|});",
        "Cannot differentiate 'new[] { x }': pass 'Twice' one of this method's array parameters, a local array, or a slice of one (w.AsSpan(k, n)) for 'v'")]
    [InlineData(
        "return {|#0:double.Sin(x)|};",
        "Cannot differentiate 'double.Sin(x)': double.Sin is not differentiated; write Math.Sin, which has a derivative rule")]
    [InlineData(
        "return {|#0:double.CopySign(x, -1.0)|};",
        "Cannot differentiate 'double.CopySign(x, -1.0)': the call to 'CopySign' has no derivative: mark 'CopySign' [Differentiable], or give it one with [DerivativeOf(nameof(CopySign))]")]
    [InlineData(
        "return x switch { {|#0:double.NaN|} => 0, _ => x * x };",
        "Cannot differentiate 'double.NaN': a NaN pattern is not differentiated (== NaN is always false); leave NaN out of the cost: check the data before calling it")]
    [InlineData(
        "double a = x, b = 2 * x; {|#0:(a, b) = (b, a)|}; return a - 2 * b;",
        "Cannot differentiate '(a, b) = (b, a)': a deconstruction is not differentiated; assign each variable on its own (double a = …; double b = …;), through a temporary where they swap")]
    [InlineData(
        "{|#0:var (a, b) = (x, 2 * x)|}; return a * b;",
        "Cannot differentiate 'var (a, b) = (x, 2 * x)': a deconstruction is not differentiated; assign each variable on its own (double a = …; double b = …;), through a temporary where they swap")]
    [InlineData(
        "double s = 0, t = 1; for (int i = 0; i < 3; i++) { {|#0:(s, t) = (s + t * x, t)|}; } return s;",
        "Cannot differentiate '(s, t) = (s + t * x, t)': a deconstruction is not differentiated; assign each variable on its own (double a = …; double b = …;), through a temporary where they swap")]
    public Task GD0008_names_the_construct_and_the_reason(string body, string message) =>
        VerifyAsync(Gd0008Template.Replace("BODY", body), Diagnostic("GD0008").WithLocation(0).WithMessage(message));

    [Fact]
    public Task GD0008_names_a_left_out_optional_argument_that_has_no_constant_default() => VerifyAsync("""
        #nullable enable
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(v))]
            private static double Twice(double[] v, double[]? unused = null) => 2 * v[0];

            [Differentiable(nameof(w))]
            public static double Cost(double[] w) => {|#0:Twice(w)|};
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'Twice(w)': pass 'unused' to 'Twice': a differentiated call needs a value for each parameter"));

    [Fact]
    public Task GD0016_nothing_differentiated_is_a_hint_on_the_attribute_of_a_method_with_a_double_array() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [{|#0:Differentiable|}]
            public static double Norm(double[] w, double[] xs) => w[0] * xs[0];

            // no double array to name, or a private helper that only reads data: no hint
            [Differentiable]
            public static double Count(int n) => n;

            [Differentiable]
            private static double Total(double[] xs) => xs[0] + xs[1];

            [Differentiable(nameof(w))]
            public static double Named(double[] w, double[] xs, int n) => w[0] * w[0] * Count(n) * Total(xs);
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("GD0016", Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            "'Norm' has no double parameter, and [Differentiable] with no names differentiates the double parameters: its gradient has no derivative; if 'w' holds weights, name it, as in [Differentiable(nameof(w))]"));

    [Fact]
    public Task Differentiable_on_what_gets_no_generated_members_is_GD0008_at_the_construct() => VerifyAsync("""
        using System;
        using GradientDescent;
        namespace Demo;
        public interface IC { static abstract double Cost(double w, double x); }
        public partial class Impl : IC { [Differentiable(nameof(w))] static double {|#0:IC.|}Cost(double w, double x) => w * w * x; }
        public partial struct Op
        {
            [Differentiable] public static double operator {|#1:+|}(Op a, double b) => b;
            static double P { [Differentiable] {|#2:get|} => 1.0; }
            static Func<double, double> F = [Differentiable] static (double v) {|#3:=>|} v * v;
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'IC.Cost': an explicit interface implementation gets no generated members beside it; put the cost in a [Differentiable] method of its own and call it here"),
        Diagnostic("GD0008").WithLocation(1).WithMessage(
            "Cannot differentiate 'operator +': an operator gets no generated gradient; put the cost in a static method of a partial type and call it here"),
        Diagnostic("GD0008").WithLocation(2).WithMessage(
            "Cannot differentiate 'get': a property accessor gets no generated gradient; put the cost in a static method of a partial type and call it here"),
        Diagnostic("GD0008").WithLocation(3).WithMessage(
            "Cannot differentiate 'static (double v) => v * v': a lambda gets no generated gradient; put the cost in a static method of a partial type and call it here"));

    [Fact]
    public Task GD0004_names_a_return_by_reference() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            private static double stored;
            [Differentiable] public static {|#0:ref readonly double|} R(double w) => {|#1:ref stored|};
        }
        """,
        Diagnostic("GD0004").WithLocation(0).WithMessage("Method 'R' returns 'ref readonly double'; a differentiable cost must return double"),
        Diagnostic("GD0008").WithLocation(1));

    [Fact]
    public Task A_method_with_several_problems_gets_every_signature_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public class {|GD0002:Model|}
        {
            [Differentiable(nameof(x), {|GD0006:"q"|}, {|GD0007:nameof(x)|})]
            public {|GD0004:int|} {|GD0003:Cost|}{|GD0009:<T>|}({|GD0005:ref|} double x, {|GD0005:float|} n) => 0;
        }
        """);

    [Fact]
    public Task Signature_diagnostics_and_a_body_diagnostic_are_reported_together() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public partial class Model
        {
            [Differentiable]
            public double {|GD0003:Cost|}(double x)
            {
                {|GD0008:x %= 2|};
                return x;
            }

            [Differentiable]
            public static double {|GD0010:Other|}(double x) => {|GD0008:x % 3|};

            public double OtherGradient;
        }
        """);

    [Fact]
    public Task A_valid_method_gets_no_diagnostic() => VerifyAsync("""
        using System;
        using GradientDescent;
        namespace Demo;
        public partial class Outer
        {
            public static partial class Model
            {
                private const double Half = 0.5;
                private static readonly double Scale = 2;

                [Differentiable(nameof(w), nameof(b))]
                public static double Cost(double w, double b, double x, double y)
                {
                    const double two = 2;
                    double z = w * x + b;
                    double yOut = 1 / (1 + Math.Exp(-z));
                    yOut *= Scale;
                    yOut -= two;
                    return Half * Math.Pow(y - yOut, 2) + Math.Abs(w) + Math.Max(b, 0) + (double)x;
                }

                [Differentiable]
                public static double Arrow(double x) => Math.Sqrt(x * x + 1);
            }
        }
        """);

    [Fact]
    public Task Methods_without_the_attribute_are_ignored() => VerifyAsync("""
        namespace Demo;
        public class Model
        {
            [System.Obsolete]
            public int Cost<T>(ref double x) { if (x > 0) x = 1; return 0; }
        }
        """);

    [Theory]
    [InlineData("double y = x * ; return y;")]                  // syntax error in the body
    [InlineData("double y = x * x return y;")]                  // missing ';'
    [InlineData("double y = x * undefinedName; return y;")]     // unbound name
    [InlineData("double y = Math.Unknown(x); return y;")]       // unbound method
    [InlineData("double y = x; y += ")]                         // unfinished statement, no return
    [InlineData("double y = x * x;")]                           // no return yet
    public void Half_typed_code_gets_no_GradientDescent_diagnostic_and_no_exception(string body)
    {
        var source = $$"""
            using System;
            using GradientDescent;
            namespace Demo;
            public static partial class Model
            {
                [Differentiable]
                public static double Cost(double x)
                {
                    {{body}}
                }
            }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Null(result.GeneratorException);
        Assert.Contains(result.Output.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error); // it really is half-typed
        Assert.DoesNotContain(result.AnalyzerDiagnostics, d => d.Id.StartsWith("GD", System.StringComparison.Ordinal));
        Assert.Empty(result.AnalyzerDiagnostics); // no AD0001 either: the analyzer did not throw
        Assert.Empty(result.RunResult.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("public double Cost(double x) => x * x;", "GD0003")]
    [InlineData("public static double Cost(double x) { double y = 0; try { y = x; } finally { } return y * x; }", "GD0008")]
    [InlineData("public static double Cost(double x) => x * x; public static double CostGradient;", "GD0010")]
    public void A_rejected_method_produces_no_generated_file(string members, string id)
    {
        var result = GeneratorHarness.Run($$"""
            using GradientDescent;
            namespace Demo;
            public partial class Model
            {
                [Differentiable]
                {{members}}
            }
            """);

        Assert.Null(result.GeneratorException);
        Assert.Equal(id, Assert.Single(result.AnalyzerDiagnostics).Id);
        Assert.Empty(result.RunResult.Results.Single().GeneratedSources);
    }

    [Fact]
    public void The_accepted_twin_of_a_rejected_method_does_produce_a_file()
    {
        // Guards the test above: the same shape, made valid, is generated, so "no file" means "rejected".
        var result = GeneratorHarness.Run("""
            using GradientDescent;
            namespace Demo;
            public partial class Model
            {
                [Differentiable]
                public static double Cost(double x) => x * x;
            }
            """);

        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Empty(result.CompilationDiagnostics());
        Assert.Equal("Demo.Model.g.cs", Assert.Single(result.RunResult.Results.Single().GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("null!")]
    [InlineData("(string[])null!")]
    public void A_null_wrt_array_differentiates_every_double_parameter_like_the_attribute_says(string argument)
    {
        // DifferentiableAttribute(params string[] wrt) documents null as "no names": Wrt = wrt ?? Array.Empty<string>().
        var result = GeneratorHarness.Run($$"""
            using GradientDescent;
            namespace Demo;
            public static partial class Model
            {
                [Differentiable({{argument}})]
                public static double Cost(double x) => x * x;
            }
            """);

        Assert.Null(result.GeneratorException);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Single(result.RunResult.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("this {|#0:ref|} double x")]
    [InlineData("scoped {|#0:ref|} double x")]
    public Task GD0005_on_a_ref_parameter_with_another_modifier_first_is_reported_on_ref(string parameter) => VerifyAsync($$"""
        using GradientDescent;
        namespace Demo;
        public static partial class Extensions
        {
            [Differentiable]
            public static double Cost({{parameter}}) => x * x;
        }
        """,
        Diagnostic("GD0005").WithLocation(0)
            .WithMessage("Parameter 'x' is declared 'ref'; [Differentiable] methods take their parameters by value"));

    [Theory]
    [InlineData("new[] { nameof(x), {|GD0006:\"q\"|} }")]
    [InlineData("new string[] { {|GD0006:\"q\"|}, nameof(x) }")]
    [InlineData("[nameof(x), {|GD0007:nameof(x)|}]")]
    [InlineData("new[] { {|GD0006:\"q\"|} }")]
    public Task GD0006_and_GD0007_in_an_explicit_array_are_reported_on_the_element(string names) => VerifyAsync($$"""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable({{names}})]
            public static double Cost(double x) => x * x;
        }
        """);

    [Fact]
    public Task GD0008_on_a_partial_method_declaration_asks_for_the_attribute_on_the_implementation() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static partial double {|#0:Cost|}(double x);
            public static partial double Cost(double x) => x * x;
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'Cost': this declares a partial method without its body; put [Differentiable] on the part that implements it"));

    [Fact]
    public Task GD0008_on_a_local_function() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            public static double Outer(double x)
            {
                [Differentiable]
                static double {|#0:Cost|}(double v) => v * v;
                return Cost(x);
            }
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'Cost': a local function gets no generated gradient; make it a static method of a partial type"));

    [Fact]
    public void Attribute_on_the_implementing_part_of_a_partial_method_generates_a_gradient()
    {
        var model = CompiledModel.Build("""
            using GradientDescent;
            public static partial class Model
            {
                public static partial double Cost(double x);
                [Differentiable]
                public static partial double Cost(double x) => x * x * x;
            }
            """);
        Assert.Equal(new[] { 12.0 }, model.Gradient("Model", "Cost", 2).Gradient);
    }

    [Fact]
    public Task GD0011_file_local_type_is_reported_on_the_type_identifier() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        file static partial class {|#0:Model|}
        {
            [Differentiable]
            public static double Cost(double x) => x * x;
        }
        """,
        Diagnostic("GD0011").WithLocation(0).WithMessage(
            "Type 'Model' is file-local, so the gradient of 'Cost' cannot be generated into it from another file; remove 'file' from the type"));

    [Fact]
    public Task GD0008_on_recursion_through_a_method_that_cannot_be_differentiated_is_reported_once_per_mistake() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable] public static double Even(double x, int n) => n == 0 ? 1 : {|#0:Odd(x, n - 1)|} * 0.5;
            [Differentiable] public static double Odd(double x, int n) => n == 0 ? x : Even(x, n - 1) + {|#1:x % 2|};
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'Odd(x, n - 1)': 'Odd' cannot be differentiated itself; see its diagnostics"),
        Diagnostic("GD0008").WithLocation(1).WithMessage(
            "Cannot differentiate 'x % 2': the operator '%' has no derivative rule; use + - * / and System.Math functions"));

    [Fact]
    public Task Direct_and_mutual_recursion_get_no_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(x))] public static double Power(double x, int n) => n == 0 ? 1 : x * Power(x, n - 1);
            [Differentiable(nameof(x))] public static double Even(double x, int n) => n == 0 ? 1 : x * Odd(x, n - 1);
            [Differentiable(nameof(x))] public static double Odd(double x, int n) => n == 0 ? x : Even(x, n - 1);
        }
        """);

    [Fact]
    public Task GD0008_when_a_differentiated_value_reaches_a_parameter_the_callee_does_not_differentiate() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(yOut))] public static double Loss(double yTrue, double yOut) => (yTrue - yOut) * (yTrue - yOut);
            [Differentiable(nameof(w))] public static double Fine(double w, double y) => Loss(y, w * 2);
            [Differentiable(nameof(w))] public static double Swapped(double w, double y) => Loss({|#0:w * 2|}, y);
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'w * 2': 'Loss' is not differentiated with respect to its parameter 'yTrue', which receives a value that depends on a differentiated parameter; add nameof(yTrue) to its [Differentiable]"));

    [Fact]
    public Task DerivativeOf_with_the_wrong_shape_is_not_used() => VerifyAsync("""
        using System;
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            public static double SoftPlus(double x) => Math.Log(1 + Math.Exp(x));
            [DerivativeOf(nameof(SoftPlus))] public static double SoftPlusGradient(double x) => 1 / (1 + Math.Exp(-x));
            [Differentiable] public static double Cost(double x) => {|#0:SoftPlus(x)|};
        }
        """,
        // The message says what the derivative must look like (it said to add the [DerivativeOf] the user had added).
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'SoftPlus(x)': 'SoftPlusGradient' is marked [DerivativeOf] for 'SoftPlus' but cannot be used as its derivative: " +
            "make it a static, non-generic method this type can call, returning SoftPlus's value, with its double parameters and then one out double each: static double SoftPlusGradient(double x, out double dx)"));

    [Fact]
    public Task A_generic_or_unreachable_derivative_is_not_used_and_the_message_says_why() => VerifyAsync("""
        using System;
        using GradientDescent;
        namespace Demo;
        public static class Lib
        {
            public static double SoftPlus(double x) => Math.Log(1 + Math.Exp(x));
            [DerivativeOf(nameof(SoftPlus))] private static double SoftPlusGradient(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return SoftPlus(x); }

            public static double Cube(double x) => x * x * x;
            [DerivativeOf(nameof(Cube))] public static double CubeGradient<T>(double x, out double dx) { dx = 3 * x * x; return Cube(x); }
        }
        public static partial class Caller
        {
            [Differentiable] public static double Cost(double x) => {|#0:Lib.SoftPlus(x)|};
            [Differentiable] public static double Other(double x) => {|#1:Lib.Cube(x)|};
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(
            "Cannot differentiate 'Lib.SoftPlus(x)': 'SoftPlusGradient' is marked [DerivativeOf] for 'SoftPlus' but cannot be used as its derivative: " +
            "make it a static, non-generic method this type can call, returning SoftPlus's value, with its double parameters and then one out double each: static double SoftPlusGradient(double x, out double dx)"),
        Diagnostic("GD0008").WithLocation(1).WithMessage(
            "Cannot differentiate 'Lib.Cube(x)': 'CubeGradient' is marked [DerivativeOf] for 'Cube' but cannot be used as its derivative: " +
            "make it a static, non-generic method this type can call, returning Cube's value, with its double parameters and then one out double each: static double CubeGradient(double x, out double dx)"));

    [Fact]
    public Task GD0012_unused_wrt_parameter_is_reported_on_its_name_in_the_attribute() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w), {|#0:nameof(b)|})]
            public static double Cost(double w, double b, double x) => w * x + (b - b);
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("GD0012", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "The result of 'Cost' does not depend on 'b': ∂Cost/∂b is always zero, so gradient descent will never move it"));

    [Fact]
    public Task GD0012_with_default_wrt_is_reported_on_the_method_name() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable]
            public static double {|GD0012:Cost|}(double w, double unused) => w * w;
        }
        """);

    [Theory]
    [InlineData("double[] a = new double[2]; double s = 0; if (w > 0) { for (int k = 0; k < 2; k++) {|#0:a[k]|} = w * k; s += a[1]; } return s;",
        "Cannot differentiate 'a[k]': 'a' is filled by a loop inside an if branch; fill it before the if (or compute each element with a conditional)")]
    [InlineData("double s = 0; {|#0:for (int i = xs.Length - 1; i >= 0; i--) s += w;|} return s;",
        "Cannot differentiate 'for (int i = xs.Length - 1; i >= 0; i--) s += w;': a for loop is differentiated in the form for (int i = start; i < end; i++) with i not assigned in the body")]
    [InlineData("double s = 0; {|#0:for (int i = 0; i < 3; i++) { double t = w * i; }|} return s + w;",
        "Cannot differentiate 'for (int i = 0; i < 3; i++) { double t = w * i; }': the loop adds to no variable declared before it, so it does not change the result")]
    [InlineData("double[] a = new double[2]; for (int k = 0; k < 2; k++) { if (w > k) {|#0:break;|} a[k] = w; } return a[0];",
        "Cannot differentiate 'break;': a break in a loop that fills an array is not differentiated; write each element on every path")]
    [InlineData("double[] a = new double[2]; for (int k = 0; k < 2; k++) { if (w > k) {|#0:continue;|} a[k] = w; } return a[0];",
        "Cannot differentiate 'continue;': a continue in a loop that fills an array is not differentiated; write each element on every path")]
    [InlineData("double s = 0; int m = xs.Length; for (int i = 0; i < {|#0:m|}; i++) { s += w * xs[i]; m = 2; } return s;",
        "Cannot differentiate 'm': the loop's bound 'm' is assigned in its body; the bound is read once, before the first pass, so give the changing value its own variable")]
    [InlineData("double s = 0; int m = xs.Length; int i = 0; while (i < {|#0:m|}) { s += w * xs[i]; m--; i++; } return s;",
        "Cannot differentiate 'm': the loop's bound 'm' is assigned in its body; the bound is read once, before the first pass, so give the changing value its own variable")]
    public Task GD0008_on_loops_it_does_not_differentiate_yet(string body, string message) => VerifyAsync($$"""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w), nameof(vs))]
            public static double Cost(double w, double[] xs, double[] vs)
            {
                {{body}}
            }
        }
        """,
        Diagnostic("GD0008").WithLocation(0).WithMessage(message));

    [Theory]
    [InlineData("{|#0:try { return x * x; } catch { return 0; }|}",
        "Cannot differentiate 'try { return x * x; } catch { return 0; }': a try statement is not supported in a differentiable method")]
    [InlineData("double y = x; {|#0:goto done;|} done: return y;",
        "Cannot differentiate 'goto done;': a goto statement is not supported in a differentiable method")]
    [InlineData("return {|#0:xs.Select(v => v * x).Sum()|};",
        "Cannot differentiate 'xs.Select(v => v * x).Sum()': LINQ (Sum) runs lambdas the generator cannot see into; write the loop out with for or foreach")]
    [InlineData("return {|#0:(from v in xs select v * x).Sum()|};",
        "Cannot differentiate '(from v in xs select v * x).Sum()': LINQ (Sum) runs lambdas the generator cannot see into; write the loop out with for or foreach")]
    [InlineData("dynamic d = x; return {|#0:d|} * x;",
        "Cannot differentiate 'd = x': the local 'd' is of type 'dynamic'; only double locals and double[] or Span<double> arrays are differentiated")]
    public Task GD0008_on_try_goto_linq_and_dynamic(string body, string message)
    {
        // The dynamic case is reported on its declaration, the first thing the parser cannot read.
        var source = $$"""
            using System.Linq;
            using GradientDescent;
            namespace Demo;
            public static partial class Model
            {
                [Differentiable(nameof(x))]
                public static double Cost(double x, double[] xs)
                {
                    {{body}}
                }
            }
            """;
        if (body.StartsWith("dynamic", System.StringComparison.Ordinal))
            source = source.Replace("dynamic d = x; return {|#0:d|} * x;", "dynamic {|#0:d = x|}; return d * x;");
        return VerifyAsync(source, Diagnostic("GD0008").WithLocation(0).WithMessage(message));
    }

    [Fact]
    public Task A_while_loop_whose_counter_is_used_after_it_is_differentiated_with_no_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double[] xs)
            {
                double s = 0;
                int i = 0;
                while (i < xs.Length) { s += w * xs[i]; i++; }
                return s / i;
            }
        }
        """);

    [Fact]
    public Task A_while_whose_counter_is_declared_outside_an_enclosing_loop_is_carried_by_it_with_no_diagnostic() => VerifyAsync("""
        using GradientDescent;
        namespace Demo;
        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, int n)
            {
                double s = 0;
                int i = 0;
                for (int j = 0; j < 3; j++) { while (i < n) { s += w * w * (j + 1); i++; } }
                return s;
            }
        }
        """);
}
