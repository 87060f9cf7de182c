using GradientDescent.Generator.Model;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// The chain rule for each System.Math function: given the call f(u, …) and the derivatives du, … of its
/// arguments, returns df. One rule per function, written as one would on paper.
/// </summary>
internal static class DerivativeRules
{
    public static Expr Chain(Call call, Expr[] d)
    {
        var u = call.Arguments[0];
        var du = d[0];
        switch (call.Function)
        {
            case MathFunction.Exp: // (e^u)' = e^u · u'
                return Mul(du, call);
            case MathFunction.Exp2: // (2^u)' = 2^u · ln 2 · u'
                return Mul(du, Mul(call, Ex.Call(MathFunction.Log, Const(2))));
            case MathFunction.Log when call.Arguments.Count == 2: // log_b u = ln u / ln b
                return LogBase(call, u, call.Arguments[1], du, d[1]);
            case MathFunction.Log: // (ln u)' = u' / u
                return Div(du, u);
            case MathFunction.Log10: // (log₁₀ u)' = u' / (u · ln 10)
                return Div(du, Mul(u, Ex.Call(MathFunction.Log, Const(10))));
            case MathFunction.Log2: // (log₂ u)' = u' / (u · ln 2)
                return Div(du, Mul(u, Ex.Call(MathFunction.Log, Const(2))));
            case MathFunction.Cbrt: // (∛u)' = u' / (3 · ∛u²), infinite at 0
                return Div(du, Mul(Const(3), Square(call)));
            case MathFunction.Sqrt: // (√u)' = u' / (2√u)
                return Div(du, Mul(Const(2), call));
            case MathFunction.Pow:
                return Pow(call, u, call.Arguments[1], du, d[1]);
            case MathFunction.Sin: // (sin u)' = cos u · u'
                return Mul(du, Ex.Call(MathFunction.Cos, u));
            case MathFunction.Cos: // (cos u)' = −sin u · u'
                return Neg(Mul(du, Ex.Call(MathFunction.Sin, u)));
            case MathFunction.Tan: // (tan u)' = u' / cos² u
                return Div(du, Square(Ex.Call(MathFunction.Cos, u)));
            case MathFunction.Tanh: // (tanh u)' = (1 − tanh² u) · u'
                return Mul(du, Sub(Constant.One, Square(call)));
            case MathFunction.Atan: // (atan u)' = u' / (1 + u²)
                return Div(du, Add(Constant.One, Square(u)));
            case MathFunction.Atan2: // atan2(y, x)' = (x·y' − y·x') / (x² + y²)
                return Div(Sub(Mul(call.Arguments[1], du), Mul(u, d[1])), Add(Square(u), Square(call.Arguments[1])));
            case MathFunction.Asin: // (asin u)' = u' / √(1 − u²), infinite at ±1
                return Div(du, Ex.Call(MathFunction.Sqrt, Sub(Constant.One, Square(u))));
            case MathFunction.Acos: // (acos u)' = −u' / √(1 − u²)
                return Neg(Div(du, Ex.Call(MathFunction.Sqrt, Sub(Constant.One, Square(u)))));
            case MathFunction.Sinh: // (sinh u)' = cosh u · u'
                return Mul(du, Ex.Call(MathFunction.Cosh, u));
            case MathFunction.Cosh: // (cosh u)' = sinh u · u'
                return Mul(du, Ex.Call(MathFunction.Sinh, u));
            case MathFunction.Asinh: // (asinh u)' = u' / √(u² + 1)
                return Div(du, Ex.Call(MathFunction.Sqrt, Add(Square(u), Constant.One)));
            case MathFunction.Acosh: // (acosh u)' = u' / √(u² − 1), infinite at 1
                return Div(du, Ex.Call(MathFunction.Sqrt, Sub(Square(u), Constant.One)));
            case MathFunction.Atanh: // (atanh u)' = u' / (1 − u²), infinite at ±1
                return Div(du, Sub(Constant.One, Square(u)));
            case MathFunction.Clamp: // the derivative of what the result is: u inside [lo, hi] (bounds included), else the bound's
                return Conditional(Compare(BinaryOperator.LessThan, u, call.Arguments[1]), d[1],
                    Conditional(Compare(BinaryOperator.GreaterThan, u, call.Arguments[2]), d[2], du));
            case MathFunction.FusedMultiplyAdd: // (a·b + c)' = a'·b + a·b' + c'
                return Add(Add(Mul(du, call.Arguments[1]), Mul(u, d[1])), d[2]);
            case MathFunction.Abs: // |u|' = sign(u) · u', taking 0 at the kink
                return Mul(du, Ex.Call(MathFunction.Sign, u));
            case MathFunction.Max: // the derivative of the argument that wins; ties go to the first
                return Conditional(Compare(BinaryOperator.GreaterThanOrEqual, u, call.Arguments[1]), du, d[1]);
            case MathFunction.Min:
                return Conditional(Compare(BinaryOperator.LessThanOrEqual, u, call.Arguments[1]), du, d[1]);
            default: // Sign, Floor, Ceiling, Round and Truncate are piecewise constant (and read only data)
                return Constant.Zero;
        }
    }

    /// <summary>
    /// (u^v)' = v·u^(v−1)·u' + u^v·ln u·v', each half only where it is not zero: v·u^(v−1) is 0 where v is (0·∞ at
    /// u = 0 otherwise: Math.Pow(x, k) with k = 0), and u^v·ln u is 0 where u^v is (0·(−∞) at u = 0 otherwise: a
    /// Hill curve at a dose of 0, a Bézier curve at its ends).
    /// </summary>
    private static Expr Pow(Call call, Expr u, Expr v, Expr du, Expr dv)
    {
        var baseTerm = IsZero(du)
            ? Constant.Zero
            : v is Constant c
                ? Mul(du, Mul(v, PowConstant(u, c.Value - 1)))
                : Conditional(Compare(BinaryOperator.Equal, v, Constant.Zero), Constant.Zero,
                    Mul(du, Mul(v, Ex.Call(MathFunction.Pow, u, Sub(v, Constant.One)))));
        var exponentTerm = IsZero(dv)
            ? Constant.Zero
            : Conditional(Compare(BinaryOperator.Equal, call, Constant.Zero), Constant.Zero, Mul(dv, Mul(call, Ex.Call(MathFunction.Log, u))));
        return Add(baseTerm, exponentTerm);
    }

    /// <summary>(log_b u)' = u' / (u · ln b) − b' · log_b u / (b · ln b), each half only where it is not zero.</summary>
    private static Expr LogBase(Call call, Expr u, Expr b, Expr du, Expr db)
    {
        var lnB = Ex.Call(MathFunction.Log, b);
        var valueTerm = IsZero(du) ? Constant.Zero : Div(du, Mul(u, lnB));
        var baseTerm = IsZero(db) ? Constant.Zero : Div(Mul(db, call), Mul(b, lnB));
        return Sub(valueTerm, baseTerm);
    }

    private static Expr PowConstant(Expr u, double exponent) =>
        exponent == 0 ? Constant.One : exponent == 1 ? u : Ex.Call(MathFunction.Pow, u, Const(exponent));
}
