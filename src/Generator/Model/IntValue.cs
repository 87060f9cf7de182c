namespace GradientDescent.Generator.Model;

/// <summary>
/// An int-valued expression (a count, an index, <c>xs.Length</c>) kept as the C# text the user wrote: never
/// differentiated, emitted as written. Built only from int parameters, loop indices, literals, arithmetic and
/// the length of an array or span parameter, so the text means the same in generated code.
/// </summary>
internal sealed class IntValue : Expr
{
    public IntValue(string text) : base(Combine(8, text.GetHashCode()), 1, 1) => Text = text;

    public string Text { get; }

    /// <summary>A bare identifier or literal needs no parentheses around it.</summary>
    public bool IsSimple
    {
        get
        {
            foreach (var c in Text)
            {
                if (!char.IsLetterOrDigit(c) && c != '_' && c != '@' && c != '.') return false;
            }
            return true;
        }
    }

    protected override bool EqualsCore(Expr other) => other is IntValue i && i.Text == Text;

    public override string ToString() => Text;
}
