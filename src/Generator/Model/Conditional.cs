using System;

namespace GradientDescent.Generator.Model;

/// <summary><c>condition ? whenTrue : whenFalse</c>; derivatives of Max/Min and of branches use it.</summary>
internal sealed class Conditional : Expr
{
    public Conditional(Expr condition, Expr whenTrue, Expr whenFalse)
        : base(Combine(6, condition.GetHashCode(), whenTrue.GetHashCode(), whenFalse.GetHashCode()),
            condition.Size + whenTrue.Size + whenFalse.Size + 1,
            Math.Max(condition.Depth, Math.Max(whenTrue.Depth, whenFalse.Depth)) + 1)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public Expr Condition { get; }

    public Expr WhenTrue { get; }

    public Expr WhenFalse { get; }

    public override ScalarType Type => WhenTrue.Type;

    protected override bool EqualsCore(Expr other) =>
        other is Conditional c && c.Condition.Equals(Condition) && c.WhenTrue.Equals(WhenTrue) &&
        c.WhenFalse.Equals(WhenFalse);
}
