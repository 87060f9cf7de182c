namespace GradientDescent.Generator.Model;

/// <summary><c>xs.Length</c> of a vector parameter.</summary>
internal sealed class Length : Expr
{
    public Length(Symbol array) : base(Combine(13, array.GetHashCode()), 1, 1) => Array = array;

    public Symbol Array { get; }

    public override ScalarType Type => ScalarType.Int;

    protected override bool EqualsCore(Expr other) => other is Length l && l.Array.Equals(Array);

    public override string ToString() => Array.Name + ".Length";
}
