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
            case MathFunction.Log: // (ln u)' = u' / u
                return Div(du, u);
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
            case MathFunction.Abs: // |u|' = sign(u) · u', taking 0 at the kink
                return Mul(du, Ex.Call(MathFunction.Sign, u));
            case MathFunction.Max: // the derivative of the argument that wins; ties go to the first
                return Conditional(Compare(BinaryOperator.GreaterThanOrEqual, u, call.Arguments[1]), du, d[1]);
            case MathFunction.Min:
                return Conditional(Compare(BinaryOperator.LessThanOrEqual, u, call.Arguments[1]), du, d[1]);
            default: // Sign is piecewise constant
                return Constant.Zero;
        }
    }

    /// <summary>(u^v)' = v·u^(v−1)·u' + u^v·ln u·v', each half only where it is not zero.</summary>
    private static Expr Pow(Call call, Expr u, Expr v, Expr du, Expr dv)
    {
        var baseTerm = IsZero(du)
            ? Constant.Zero
            : Mul(du, Mul(v, v is Constant c ? PowConstant(u, c.Value - 1) : Ex.Call(MathFunction.Pow, u, Sub(v, Constant.One))));
        var exponentTerm = IsZero(dv) ? Constant.Zero : Mul(dv, Mul(call, Ex.Call(MathFunction.Log, u)));
        return Add(baseTerm, exponentTerm);
    }

    private static Expr PowConstant(Expr u, double exponent) =>
        exponent == 0 ? Constant.One : exponent == 1 ? u : Ex.Call(MathFunction.Pow, u, Const(exponent));
}
