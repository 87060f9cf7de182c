namespace GradientDescent.Generator.Model;

/// <summary><c>tape[slot]</c>: a value a forward loop kept for the backward pass.</summary>
internal sealed class TapeRead : Expr
{
    public TapeRead(Symbol tape, Expr slot) : base(Combine(16, tape.GetHashCode(), slot.GetHashCode()), slot.Size + 1, slot.Depth + 1)
    {
        Tape = tape;
        Slot = slot;
    }

    public Symbol Tape { get; }

    /// <summary>An int-typed expression.</summary>
    public Expr Slot { get; }

    public override ScalarType Type => ScalarType.Double;

    protected override bool EqualsCore(Expr other) => other is TapeRead t && t.Tape.Equals(Tape) && t.Slot.Equals(Slot);
}
