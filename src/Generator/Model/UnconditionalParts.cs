using System;

namespace GradientDescent.Generator.Model;

/// <summary>
/// The parts of an expression evaluated whatever its conditions: all of it but the branches of a <c>?:</c> and the
/// right side of <c>&amp;&amp;</c> / <c>||</c>. Code that moves work out of those (sharing it before a statement,
/// loading it in every lane) may only move what cannot throw where the method does not.
/// </summary>
internal static class UnconditionalParts
{
    /// <summary>Calls <paramref name="visit"/> on <paramref name="e"/> and on each part of it evaluated unconditionally.</summary>
    public static void Visit(Expr e, Action<Expr> visit)
    {
        visit(e);
        switch (e)
        {
            case Conditional c:
                Visit(c.Condition, visit);
                return;
            case Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b:
                Visit(b.Left, visit);
                return;
        }
        foreach (var child in ExprChildren.Of(e)) Visit(child, visit);
    }

    /// <summary>
    /// Whether evaluating <paramref name="e"/> may throw wherever it is evaluated: it reads an element (which may
    /// be out of range, unless <paramref name="inRange"/> vouches for it) or divides by an int that is not a non-zero
    /// literal. What is read only on some condition throws only there.
    /// </summary>
    public static bool MayThrow(Expr e, Func<ElementRead, bool>? inRange = null)
    {
        var mayThrow = false;
        Visit(e, part => mayThrow |= part switch
        {
            ElementRead r => inRange?.Invoke(r) != true,
            IntOperation { Operator: IntOperator.Divide or IntOperator.Remainder, Operands: { Count: 2 } o } => o[1] is not IntLiteral { Value: not 0 },
            _ => false,
        });
        return mayThrow;
    }

    /// <summary>Whether <paramref name="child"/>, a direct child of <paramref name="parent"/>, is evaluated only on some condition.</summary>
    public static bool IsGuarded(Expr parent, Expr child) => parent switch
    {
        Conditional c => !ReferenceEquals(child, c.Condition),
        Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => !ReferenceEquals(child, b.Left),
        _ => false,
    };
}
