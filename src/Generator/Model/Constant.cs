namespace GradientDescent.Generator.Model;

/// <summary>A numeric literal (or a folded compile-time constant) of type double.</summary>
internal sealed class Constant : Expr
{
    public static readonly Constant Zero = new(0);
    public static readonly Constant One = new(1);

    public Constant(double value) : base(Combine(1, value.GetHashCode()), 1, 1) => Value = value;

    public double Value { get; }

    public bool IsZero => Value == 0;

    public bool IsOne => Value == 1;

    public override ScalarType Type => ScalarType.Double;

    protected override bool EqualsCore(Expr other) => other is Constant c && c.Value.Equals(Value);

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
