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
                return Sub(Div(da, b.Right), Div(Mul(b.Left, db), Square(b.Right)));
        }
    }
}
