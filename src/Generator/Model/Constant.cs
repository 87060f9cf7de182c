namespace GradientDescent.Generator.Model;

/// <summary>A numeric literal (or a folded compile-time constant) of type double.</summary>
internal sealed class Constant : Expr
{
    public static readonly Constant Zero = new(0);
    public static readonly Constant One = new(1);

    // By bits, not by ==: -0.0 and 0.0 are equal numbers but print (and divide, and take Atan2) differently, and a
    // model that calls them equal would keep the other's generated code across an edit.
    public Constant(double value) : base(Combine(1, System.BitConverter.DoubleToInt64Bits(value).GetHashCode()), 1, 1) => Value = value;

    public double Value { get; }

    public bool IsZero => Value == 0;

    public bool IsOne => Value == 1;

    public override ScalarType Type => ScalarType.Double;

    protected override bool EqualsCore(Expr other) =>
        other is Constant c && System.BitConverter.DoubleToInt64Bits(c.Value) == System.BitConverter.DoubleToInt64Bits(Value);

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
