namespace GradientDescent.Generator.Model;

internal sealed class Unary : Expr
{
    public Unary(UnaryOperator op, Expr operand)
        : base(Combine(3, (int)op, operand.GetHashCode()), operand.Size + 1, operand.Depth + 1)
    {
        Operator = op;
        Operand = operand;
    }

    public UnaryOperator Operator { get; }

    public Expr Operand { get; }

    public override ScalarType Type => Operator == UnaryOperator.Negate ? ScalarType.Double : ScalarType.Bool;

    protected override bool EqualsCore(Expr other) =>
        other is Unary u && u.Operator == Operator && u.Operand.Equals(Operand);
}
