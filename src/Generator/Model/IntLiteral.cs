namespace GradientDescent.Generator.Model;

/// <summary>An int literal or folded int constant: counts, bounds, indices.</summary>
internal sealed class IntLiteral : Expr
{
    public static readonly IntLiteral Zero = new(0);
    public static readonly IntLiteral One = new(1);

    public IntLiteral(int value) : base(Combine(14, value), 1, 1) => Value = value;

    public int Value { get; }

    public override ScalarType Type => ScalarType.Int;

    protected override bool EqualsCore(Expr other) => other is IntLiteral i && i.Value == Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
