namespace GradientDescent.Generator.Model;

/// <summary>
/// <c>Count</c> elements of an array from <c>Start</c>, handed to a helper as a <c>ReadOnlySpan</c>: a slice the user
/// wrote (<c>w.AsSpan(k, n)</c>), or a local array, whose buffer may be longer than the array. The helper's gradient
/// span for it is added into the array's adjoint from <c>Start</c> on.
/// </summary>
internal sealed class ArraySlice : Expr
{
    public ArraySlice(Symbol array, Expr start, Expr count)
        : base(Combine(17, array.GetHashCode(), start.GetHashCode(), count.GetHashCode()), start.Size + count.Size + 1, System.Math.Max(start.Depth, count.Depth) + 1)
    {
        Array = array;
        Start = start;
        Count = count;
    }

    /// <summary>A vector parameter or a local array; its <see cref="Symbol.ValueType"/> is the element type.</summary>
    public Symbol Array { get; }

    public Expr Start { get; }

    public Expr Count { get; }

    public override ScalarType Type => Array.ValueType;

    /// <summary>An array argument as a slice: a whole vector parameter (passed by name) runs from 0 over its length.</summary>
    public static ArraySlice Of(Expr argument) => argument switch
    {
        ArraySlice slice => slice,
        Symbol array => new ArraySlice(array, IntLiteral.Zero, new Length(array)),
        _ => throw new System.ArgumentException("not an array argument", nameof(argument)),
    };

    protected override bool EqualsCore(Expr other) =>
        other is ArraySlice s && s.Array.Equals(Array) && s.Start.Equals(Start) && s.Count.Equals(Count);

    public override string ToString() => Array.Name + ".Slice(" + Start + ", " + Count + ")";
}
