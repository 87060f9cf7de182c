using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using static GradientDescent.Generator.Differentiation.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// ∂e/∂s of one expression, treating every other symbol as independent. The reverse sweep applies it to each
/// statement's right-hand side; memoised per node so shared subtrees are differentiated once.
/// </summary>
internal sealed class SymbolicDerivative
{
    private readonly Symbol _variable;
    private readonly Dictionary<Expr, Expr> _memo = new();

    private SymbolicDerivative(Symbol variable) => _variable = variable;

    public static Expr Of(Expr e, Symbol variable) => new SymbolicDerivative(variable).D(e);

    private Expr D(Expr e)
    {
        if (_memo.TryGetValue(e, out var cached)) return cached;
        var result = Compute(e);
        _memo[e] = result;
        return result;
    }

    private Expr Compute(Expr e)
    {
        switch (e)
        {
            case Symbol s:
                return s.Equals(_variable) ? Constant.One : Constant.Zero;
            case Unary { Operator: UnaryOperator.Negate } u:
                return Neg(D(u.Operand));
            case Binary b when b.Operator.IsArithmetic():
                return Arithmetic(b);
            case Call c:
                var d = c.Arguments.Select(D).ToArray();
                return d.All(IsZero) ? Constant.Zero : DerivativeRules.Chain(c, d);
            case CallLike call:
                return Chain(call);
            case Conditional c:
                return Conditional(c.Condition, D(c.WhenTrue), D(c.WhenFalse));
            default: // constants, comparisons and logic do not vary
                return Constant.Zero;
        }
    }

    /// <summary>Σ ∂f/∂argᵢ · argᵢ', the partials being the out values of the callee's gradient.</summary>
    private Expr Chain(CallLike call)
    {
        Expr total = Constant.Zero;
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var inner = D(call.Arguments[i]);
            if (IsZero(inner)) continue;
            // A loop passes each element of a differentiated vector its own derivative, pass by pass, in a loop of its own.
            if (call.Partials[i] is null && call.Arguments[i] is Symbol { Kind: NameKind.Element }) continue;
            var partial = call.Partials[i] ?? throw new System.InvalidOperationException(
                $"no derivative for argument {i} of a call; the parser should have refused it");
            total = Add(total, Mul(partial, inner));
        }
        return total;
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
