namespace GradientDescent.Generator.Model;

/// <summary>
/// <c>for (int index = start; index &lt; end; index++) { body }</c>: what every loop the differentiator handles has in
/// common. <see cref="Loop"/> sums terms over the passes; <see cref="Recurrence"/> carries one value through them.
/// </summary>
internal abstract class CountedLoop : CallLike
{
    protected CountedLoop(string index, IntValue start, IntValue end, EquatableArray<Assignment> body, int hash, int size, int depth)
        : base(Combine(hash, index.GetHashCode(), start.GetHashCode(), end.GetHashCode()) ^ body.GetHashCode(), size, depth)
    {
        Index = index;
        Start = start;
        End = end;
        Body = body;
    }

    public string Index { get; }

    public IntValue Start { get; }

    public IntValue End { get; }

    /// <summary>One pass, in SSA form local to the pass.</summary>
    public EquatableArray<Assignment> Body { get; }

    protected bool SameShape(CountedLoop other) =>
        other.Index == Index && other.Start.Equals(Start) && other.End.Equals(End) && other.Body.Equals(Body);
}
