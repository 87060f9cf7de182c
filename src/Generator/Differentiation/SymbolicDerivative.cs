using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// ∂e/∂v of one expression, treating every other symbol as independent; v is a symbol or an element read. The
/// reverse sweep applies it to each statement's right-hand side; memoised per node so shared subtrees are
/// differentiated once.
/// </summary>
internal sealed class SymbolicDerivative
{
    private readonly Expr _variable;
    private readonly Dictionary<Expr, Expr> _memo = new();

    private SymbolicDerivative(Expr variable) => _variable = variable;

    public static Expr Of(Expr e, Expr variable) => new SymbolicDerivative(variable).D(e);

    private Expr D(Expr e)
    {
        if (_memo.TryGetValue(e, out var cached)) return cached;
        var result = Compute(e);
        _memo[e] = result;
        return result;
    }

    private Expr Compute(Expr e)
    {
        if (e.Equals(_variable)) return Constant.One;
        switch (e)
        {
            case Unary { Operator: UnaryOperator.Negate } u:
                return Neg(D(u.Operand));
            case Binary b when b.Operator.IsArithmetic():
                return Arithmetic(b);
            case Call c:
                var d = c.Arguments.Select(D).ToArray();
                return d.All(IsZero) ? Constant.Zero : DerivativeRules.Chain(c, d);
            case Conditional c:
                return Conditional(c.Condition, D(c.WhenTrue), D(c.WhenFalse));
            default: // other symbols, constants, fields, ints, comparisons and logic do not vary with the variable
                return Constant.Zero;
        }
    }

    private Expr Arithmetic(Binary b)
    {
        var da = D(b.Left);
        var db = D(b.Right);
        switch (b.Operator)
        {
            case BinaryOperator.Add: return Add(da, db);
            case BinaryOperator.Subtract: return Sub(da, db);
            case BinaryOperator.Multiply: return Add(Mul(da, b.Right), Mul(b.Left, db));
            default: // (a/b)' = a'/b − a·b'/b²
                if (ExpSum(b.Right) is { } sum) return OverExpSum(b, da, sum.Exp, sum.Constant);
                return Sub(Div(da, b.Right), Div(Mul(b.Left, db), Square(b.Right)));
        }
    }

    /// <summary>
    /// a / (c + eᵘ) with c constant here: the quotient rule written so that it stays finite where eᵘ overflows (a
    /// dose–response curve at a large slope, a Bose factor): b'/b = eᵘ·u'/(c + eᵘ) = u'/(1 + c/eᵘ), and a term of a'
    /// carrying eᵘ is divided the same way. Written as usual, ∞/∞ made the derivative NaN where the value is finite.
    /// </summary>
    private Expr OverExpSum(Binary quotient, Expr da, Call exp, Expr c)
    {
        var share = Add(Constant.One, Div(c, exp)); // (c + eᵘ)/eᵘ
        var first = Factor(da, exp) is { } rest ? Div(rest, share) : Div(da, quotient.Right);
        return Sub(first, Mul(quotient, Div(D(exp.Arguments[0]), share)));
    }

    /// <summary>c + eᵘ, eᵘ + c or eᵘ − c, with c not depending on the variable: the exponential and c (negated for −).</summary>
    private (Call Exp, Expr Constant)? ExpSum(Expr denominator)
    {
        if (denominator is not Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b) return null;
        if (b.Right is Call { Function: MathFunction.Exp } right && b.Operator == BinaryOperator.Add && IsZero(D(b.Left))) return (right, b.Left);
        if (b.Left is Call { Function: MathFunction.Exp } left && IsZero(D(b.Right)))
            return (left, b.Operator == BinaryOperator.Add ? b.Right : Neg(b.Right));
        return null;
    }

    /// <summary>x where <paramref name="e"/> is x · <paramref name="factor"/> (or the factor itself, x = 1); null otherwise.</summary>
    private static Expr? Factor(Expr e, Expr factor) => e switch
    {
        _ when e.Equals(factor) => Constant.One,
        Binary { Operator: BinaryOperator.Multiply } m when m.Right.Equals(factor) => m.Left,
        Binary { Operator: BinaryOperator.Multiply } m when m.Left.Equals(factor) => m.Right,
        _ => null,
    };
}
