using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Model;

/// <summary>
/// Constructors that fold the trivial cases (0 + a, 1 · a, 0 · a, −(−a)) as they build, so derivative trees stay
/// small before the simplifier sees them.
/// </summary>
internal static class Ex
{
    public static Expr Const(double value) => value == 0 ? Constant.Zero : value == 1 ? Constant.One : new Constant(value);

    public static bool IsZero(Expr e) => e is Constant { IsZero: true };

    public static bool IsOne(Expr e) => e is Constant { IsOne: true };

    public static Expr Add(Expr a, Expr b)
    {
        if (IsZero(a)) return b;
        if (IsZero(b)) return a;
        if (a is Constant ca && b is Constant cb) return Const(ca.Value + cb.Value);
        return new Binary(BinaryOperator.Add, a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsZero(b)) return a;
        if (IsZero(a)) return Neg(b);
        if (a is Constant ca && b is Constant cb) return Const(ca.Value - cb.Value);
        return new Binary(BinaryOperator.Subtract, a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (IsZero(a) || IsZero(b)) return Constant.Zero;
        if (IsOne(a)) return b;
        if (IsOne(b)) return a;
        if (a is Constant ca && b is Constant cb) return Const(ca.Value * cb.Value);
        return new Binary(BinaryOperator.Multiply, a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (IsZero(a)) return Constant.Zero;
        if (IsOne(b)) return a;
        if (a is Constant ca && b is Constant cb && cb.Value != 0) return Const(ca.Value / cb.Value);
        return new Binary(BinaryOperator.Divide, a, b);
    }

    public static Expr Neg(Expr a) => a switch
    {
        Constant c => Const(-c.Value),
        Unary { Operator: UnaryOperator.Negate, Operand: var inner } => inner,
        _ => new Unary(UnaryOperator.Negate, a),
    };

    public static Expr Square(Expr a) => Mul(a, a);

    public static Expr Call(MathFunction function, params Expr[] arguments) => new Call(function, arguments);

    public static Expr Compare(BinaryOperator op, Expr a, Expr b) => new Binary(op, a, b);

    /// <summary>!condition, without stacking a second ! on a negation.</summary>
    public static Expr Not(Expr condition) =>
        condition is Unary { Operator: UnaryOperator.Not, Operand: var inner } ? inner : new Unary(UnaryOperator.Not, condition);

    public static Expr Conditional(Expr condition, Expr whenTrue, Expr whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : new Conditional(condition, whenTrue, whenFalse);
}
