namespace GradientDescent.Generator.Model;

/// <summary>
/// <c>xs[index]</c>: an element of a double[] or ReadOnlySpan&lt;double&gt; parameter. When the parameter is one the
/// method is differentiated with respect to, the read is active and its adjoint goes to the same element of the
/// gradient span; otherwise it is data.
/// </summary>
internal sealed class ElementRead : Expr
{
    public ElementRead(Symbol array, Expr index)
        : base(Combine(9, array.GetHashCode(), index.GetHashCode()), index.Size + 1, index.Depth + 1)
    {
        Array = array;
        Index = index;
    }

    /// <summary>The vector parameter.</summary>
    public Symbol Array { get; }

    /// <summary>An int-typed expression.</summary>
    public Expr Index { get; }

    public override ScalarType Type => Array.ValueType;

    protected override bool EqualsCore(Expr other) => other is ElementRead e && e.Array.Equals(Array) && e.Index.Equals(Index);

    public override string ToString() => Array.Name + "[" + Index + "]";
}
