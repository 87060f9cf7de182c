using System.Linq;

namespace GradientDescent.Generator.Model;

internal enum IntOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Negate,
    Max,
    Min,
    Abs,

    /// <summary>C#'s <c>(int)</c> of a double of data (truncating toward zero): a label stored as a double, used as an index.</summary>
    FromDouble,

    /// <summary><c>Math.Sign</c> of an int or of a double of data: −1, 0 or 1 (C#'s, which throws on NaN).</summary>
    Sign,
}

/// <summary>
/// Int arithmetic on counts and indices (<c>j * n + i</c>, <c>Math.Max(n, 1)</c>): never differentiated, evaluated
/// with C#'s int semantics.
/// </summary>
internal sealed class IntOperation : Expr
{
    public IntOperation(IntOperator op, params Expr[] operands)
        : base(operands.Aggregate(Combine(15, (int)op), (h, a) => Combine(h, a.GetHashCode())),
            operands.Sum(a => a.Size) + 1, operands.Max(a => a.Depth) + 1)
    {
        Operator = op;
        Operands = operands.ToEquatableArray();
    }

    public IntOperator Operator { get; }

    public EquatableArray<Expr> Operands { get; }

    public override ScalarType Type => ScalarType.Int;

    protected override bool EqualsCore(Expr other) => other is IntOperation o && o.Operator == Operator && o.Operands.Equals(Operands);
}
