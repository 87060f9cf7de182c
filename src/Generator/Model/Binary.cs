using System;

namespace GradientDescent.Generator.Model;

internal sealed class Binary : Expr
{
    public Binary(BinaryOperator op, Expr left, Expr right)
        : base(Combine(4, (int)op, left.GetHashCode(), right.GetHashCode()), left.Size + right.Size + 1,
            Math.Max(left.Depth, right.Depth) + 1)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    public BinaryOperator Operator { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public override ScalarType Type => Operator.IsArithmetic() ? ScalarType.Double : ScalarType.Bool;

    protected override bool EqualsCore(Expr other) =>
        other is Binary b && b.Operator == Operator && b.Left.Equals(Left) && b.Right.Equals(Right);
}
