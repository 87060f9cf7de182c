using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Evaluation;

/// <summary>
/// Evaluates IR numerically, with C#'s double semantics. The sign analyzer compares an update with the gradient
/// by evaluating both at sample points; tests use it to check simplification and derivative rules.
/// </summary>
internal static class Evaluator
{
    /// <param name="values">Values of the symbols by name; a symbol without a value evaluates to NaN.</param>
    public static double Evaluate(Expr e, IReadOnlyDictionary<string, double> values) => Evaluate(e, values, arrays: null);

    /// <param name="arrays">Vectors and tapes by name, for element and tape reads (NaN without).</param>
    public static double Evaluate(Expr e, IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, double[]>? arrays)
    {
        switch (e)
        {
            case Constant c:
                return c.Value;
            case Symbol s:
                return values.TryGetValue(s.Name, out var v) ? v : double.NaN;
            case FieldValue f:
                return values.TryGetValue(f.Name, out var field) ? field : double.NaN;
            case IntLiteral i:
                return i.Value;
            case IntOperation o:
                return Int(o.Operator, o.Operands.Select(x => Evaluate(x, values, arrays)).ToArray());
            case Unary u:
                var operand = Evaluate(u.Operand, values, arrays);
                return u.Operator == UnaryOperator.Negate ? -operand : Truth(operand == 0);
            case Binary b:
                return Binary(b.Operator, Evaluate(b.Left, values, arrays), Evaluate(b.Right, values, arrays));
            case Conditional c:
                return Evaluate(c.Condition, values, arrays) != 0 ? Evaluate(c.WhenTrue, values, arrays) : Evaluate(c.WhenFalse, values, arrays);
            case Call c:
                return Call(c.Function, c.Arguments.Select(a => Evaluate(a, values, arrays)).ToArray());
            case ExternalValue x:
                return x.Evaluate(a => Evaluate(a, values, arrays), a => a is Symbol s && arrays is not null && arrays.TryGetValue(s.Name, out var elements) ? elements : null);
            case ElementRead r:
                return Element(arrays, r.Array.Name, Evaluate(r.Index, values, arrays));
            case TapeRead t:
                return Element(arrays, t.Tape.Name, Evaluate(t.Slot, values, arrays));
            case Length l:
                return arrays is not null && arrays.TryGetValue(l.Array.Name, out var vector) ? vector.Length : double.NaN;
            default:
                return double.NaN;
        }
    }

    private static double Element(IReadOnlyDictionary<string, double[]>? arrays, string name, double index) =>
        arrays is not null && arrays.TryGetValue(name, out var array) && index >= 0 && index < array.Length ? array[(int)index] : double.NaN;

    /// <summary>C#'s int arithmetic on int-valued doubles (truncating division).</summary>
    private static double Int(IntOperator op, double[] x) => op switch
    {
        IntOperator.Add => x[0] + x[1],
        IntOperator.Subtract => x[0] - x[1],
        IntOperator.Multiply => x[0] * x[1],
        IntOperator.Divide => x[1] == 0 ? double.NaN : Math.Truncate(x[0] / x[1]),
        IntOperator.Remainder => x[1] == 0 ? double.NaN : x[0] % x[1],
        IntOperator.Negate => -x[0],
        IntOperator.Max => Math.Max(x[0], x[1]),
        IntOperator.Min => Math.Min(x[0], x[1]),
        IntOperator.FromDouble => Math.Truncate(x[0]),
        IntOperator.Sign => double.IsNaN(x[0]) ? double.NaN : Math.Sign(x[0]),
        _ => Math.Abs(x[0]),
    };

    private static double Truth(bool value) => value ? 1 : 0;

    private static double Binary(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.LessThan => Truth(a < b),
        BinaryOperator.LessThanOrEqual => Truth(a <= b),
        BinaryOperator.GreaterThan => Truth(a > b),
        BinaryOperator.GreaterThanOrEqual => Truth(a >= b),
        BinaryOperator.Equal => Truth(a == b),
        BinaryOperator.NotEqual => Truth(a != b),
        BinaryOperator.And => Truth(a != 0 && b != 0),
        _ => Truth(a != 0 || b != 0),
    };

    // netstandard2.0 has no Math.Asinh/Acosh/Atanh/Cbrt/Log2; the analyzers evaluate with these (the generated
    // code calls System.Math of the user's runtime).
    private static double Asinh(double x) => x < 0 ? -Asinh(-x) : Math.Log(x + Math.Sqrt(x * x + 1));

    private static double Acosh(double x) => Math.Log(x + Math.Sqrt(x * x - 1));

    private static double Atanh(double x) => 0.5 * Math.Log((1 + x) / (1 - x));

    private static double Call(MathFunction function, double[] x) => function switch
    {
        MathFunction.Exp => Math.Exp(x[0]),
        MathFunction.Log => x.Length == 2 ? Math.Log(x[0], x[1]) : Math.Log(x[0]),
        MathFunction.Sqrt => Math.Sqrt(x[0]),
        MathFunction.Pow => Math.Pow(x[0], x[1]),
        MathFunction.Sin => Math.Sin(x[0]),
        MathFunction.Cos => Math.Cos(x[0]),
        MathFunction.Tan => Math.Tan(x[0]),
        MathFunction.Tanh => Math.Tanh(x[0]),
        MathFunction.Atan => Math.Atan(x[0]),
        MathFunction.Abs => Math.Abs(x[0]),
        MathFunction.Max => Math.Max(x[0], x[1]),
        MathFunction.Min => Math.Min(x[0], x[1]),
        MathFunction.Sinh => Math.Sinh(x[0]),
        MathFunction.Cosh => Math.Cosh(x[0]),
        MathFunction.Asinh => Asinh(x[0]),
        MathFunction.Acosh => Acosh(x[0]),
        MathFunction.Atanh => Atanh(x[0]),
        MathFunction.Asin => Math.Asin(x[0]),
        MathFunction.Acos => Math.Acos(x[0]),
        MathFunction.Atan2 => Math.Atan2(x[0], x[1]),
        MathFunction.Cbrt => x[0] < 0 ? -Math.Pow(-x[0], 1.0 / 3) : Math.Pow(x[0], 1.0 / 3),
        MathFunction.Log10 => Math.Log10(x[0]),
        MathFunction.Log2 => Math.Log(x[0]) / Math.Log(2),
        MathFunction.Exp2 => Math.Pow(2, x[0]),
        MathFunction.Clamp => x[1] > x[2] ? double.NaN : Math.Min(Math.Max(x[0], x[1]), x[2]),
        MathFunction.FusedMultiplyAdd => x[0] * x[1] + x[2],
        MathFunction.Floor => Math.Floor(x[0]),
        MathFunction.Ceiling => Math.Ceiling(x[0]),
        MathFunction.Round => Math.Round(x[0]),
        MathFunction.Truncate => Math.Truncate(x[0]),
        _ => x[0] > 0 ? 1 : x[0] < 0 ? -1 : x[0], // as GradientDescent.DerivativeMath.Sign
    };
}
