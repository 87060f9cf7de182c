using CsCheck;
using GradientDescent.Generator.Model;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Random IR over a, b, c that is finite and smooth on [-2, 2]³: divisions and logarithms only of positive
/// quantities, square roots only away from zero. Property tests draw from it.
/// </summary>
internal static class RandomExpressions
{
    public static readonly string[] Variables = { "a", "b", "c" };

    private static readonly Gen<Expr> Leaf = Gen.OneOf(
        Gen.Int[0, 2].Select(i => (Expr)new Symbol(Variables[i], SymbolRole.Parameter)),
        Gen.Int[-3, 3].Select(i => (Expr)new Constant(i * 0.5)));

    public static Gen<Expr> Of(int depth)
    {
        if (depth == 0) return Leaf;
        var sub = Of(depth - 1);
        return Gen.Frequency(
            (2, Leaf),
            (4, Gen.Select(sub, sub, Gen.Int[0, 2], (l, r, op) => (Expr)new Binary((BinaryOperator)op, l, r))),
            (1, Gen.Select(sub, sub, (l, r) => (Expr)new Binary(BinaryOperator.Divide, l, Positive(r)))),
            (1, sub.Select(e => (Expr)new Unary(UnaryOperator.Negate, e))),
            (3, Gen.Select(sub, Gen.Int[0, 6], (e, f) => Function(f, e))),
            (1, Gen.Select(sub, sub, Gen.Bool, (l, r, max) => (Expr)new Call(max ? MathFunction.Max : MathFunction.Min, l, r))),
            (1, Gen.Select(sub, Gen.Int[2, 3], (e, n) => (Expr)new Call(MathFunction.Pow, e, new Constant(n)))),
            // t + min(l, r) written as a branch: continuous, so finite differences stay meaningful next to the switch.
            (1, Gen.Select(sub, sub, sub, (l, r, t) => (Expr)new Conditional(new Binary(BinaryOperator.LessThan, l, r),
                new Binary(BinaryOperator.Add, t, l), new Binary(BinaryOperator.Add, t, r)))));
    }

    /// <summary>1.5 + e²/(1 + e²) lies in [1.5, 2.5): safe to divide by and take the log of.</summary>
    private static Expr Positive(Expr e)
    {
        var square = new Binary(BinaryOperator.Multiply, e, e);
        return new Binary(BinaryOperator.Add, new Constant(1.5),
            new Binary(BinaryOperator.Divide, square, new Binary(BinaryOperator.Add, Constant.One, square)));
    }

    private static Expr Function(int which, Expr e) => which switch
    {
        0 => new Call(MathFunction.Sin, e),
        1 => new Call(MathFunction.Cos, e),
        2 => new Call(MathFunction.Tanh, e),
        3 => new Call(MathFunction.Atan, e),
        4 => new Call(MathFunction.Exp, new Call(MathFunction.Sin, e)),
        5 => new Call(MathFunction.Log, Positive(e)),
        _ => new Call(MathFunction.Sqrt, Positive(e)),
    };
}
