using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Evaluates IR numerically, with C#'s double semantics. The sign analyzer compares an update with the gradient
/// by evaluating both at sample points; tests use it to check simplification and derivative rules.
/// </summary>
internal static class Evaluator
{
    /// <param name="values">Values of the symbols by name; a symbol without a value evaluates to NaN.</param>
    public static double Evaluate(Expr e, IReadOnlyDictionary<string, double> values)
    {
        switch (e)
        {
            case Constant c:
                return c.Value;
            case Symbol s:
                return values.TryGetValue(s.Name, out var v) ? v : double.NaN;
            case Unary u:
                var operand = Evaluate(u.Operand, values);
                return u.Operator == UnaryOperator.Negate ? -operand : Truth(operand == 0);
            case Binary b:
                return Binary(b.Operator, Evaluate(b.Left, values), Evaluate(b.Right, values));
            case Conditional c:
                return Evaluate(c.Condition, values) != 0 ? Evaluate(c.WhenTrue, values) : Evaluate(c.WhenFalse, values);
            case Call c:
                return Call(c.Function, c.Arguments.Select(a => Evaluate(a, values)).ToArray());
            case CallLike or IntValue or ElementRead:
                return double.NaN; // other methods' bodies, loops and data are not at hand here
            default:
                return double.NaN;
        }
    }

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

    private static double Call(MathFunction function, double[] x) => function switch
    {
        MathFunction.Exp => Math.Exp(x[0]),
        MathFunction.Log => Math.Log(x[0]),
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
        _ => x[0] > 0 ? 1 : x[0] < 0 ? -1 : x[0], // as GradientDescent.DerivativeMath.Sign
    };
}
