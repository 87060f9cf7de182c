namespace GradientDescent.Generator.Model;

/// <summary><c>xs[index]</c>: an element of a double[] or ReadOnlySpan&lt;double&gt; data parameter (not differentiated).</summary>
internal sealed class ElementRead : Expr
{
    public ElementRead(string array, IntValue index) : base(Combine(9, array.GetHashCode(), index.GetHashCode()), 1, 1)
    {
        Array = array;
        Index = index;
    }

    /// <summary>The parameter's name as generated code writes it (escaped).</summary>
    public string Array { get; }

    public IntValue Index { get; }

    protected override bool EqualsCore(Expr other) => other is ElementRead e && e.Array == Array && e.Index.Equals(Index);

    public override string ToString() => Array + "[" + Index.Text + "]";
}
