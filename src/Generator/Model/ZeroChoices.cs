namespace GradientDescent.Generator.Model;

/// <summary>
/// A value made of choices (<c>c1 ? a : c2 ? b : 0</c>) some of whose arms are the constant 0: the condition under
/// which it chooses an arm that is not. Adding 0 to an element changes nothing, so a write of such a value can happen
/// under that condition only, and touch the element only on the passes whose value is not 0.
/// </summary>
internal static class ZeroChoices
{
    /// <summary>Whether some choice of <paramref name="value"/> is the constant 0.</summary>
    public static bool CanChooseZero(Expr value) => Of(value).Kind != Reach.Always;

    /// <summary>
    /// The condition (<see cref="ScalarType.Bool"/>) under which <paramref name="value"/> chooses an arm that is not
    /// the constant 0; null when no arm is 0, and null with <paramref name="never"/> set when every arm is.
    /// </summary>
    public static Expr? NonZeroCondition(Expr value, out bool never)
    {
        var (kind, condition) = Of(value);
        never = kind == Reach.Never;
        return condition;
    }

    private enum Reach
    {
        Always,
        Never,
        Sometimes,
    }

    private static (Reach Kind, Expr? Condition) Of(Expr value)
    {
        switch (value)
        {
            case Constant { IsZero: true }:
                return (Reach.Never, null);
            case Conditional { Type: ScalarType.Double } c:
            {
                var whenTrue = Of(c.WhenTrue);
                var whenFalse = Of(c.WhenFalse);
                var not = new Unary(UnaryOperator.Not, c.Condition);
                return (whenTrue.Kind, whenFalse.Kind) switch
                {
                    (Reach.Always, Reach.Always) => (Reach.Always, null),
                    (Reach.Never, Reach.Never) => (Reach.Never, null),
                    (Reach.Always, Reach.Never) => (Reach.Sometimes, c.Condition),
                    (Reach.Never, Reach.Always) => (Reach.Sometimes, not),
                    (Reach.Always, _) => (Reach.Sometimes, new Binary(BinaryOperator.Or, c.Condition, whenFalse.Condition!)),
                    (_, Reach.Always) => (Reach.Sometimes, new Binary(BinaryOperator.Or, not, whenTrue.Condition!)),
                    (Reach.Never, _) => (Reach.Sometimes, new Binary(BinaryOperator.And, not, whenFalse.Condition!)),
                    (_, Reach.Never) => (Reach.Sometimes, new Binary(BinaryOperator.And, c.Condition, whenTrue.Condition!)),
                    _ => (Reach.Sometimes, new Conditional(c.Condition, whenTrue.Condition!, whenFalse.Condition!)),
                };
            }
            default:
                return (Reach.Always, null);
        }
    }
}
