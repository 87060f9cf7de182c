using System;
using System.Collections.Generic;

namespace GradientDescent.Generator.Model;

/// <summary>The direct subexpressions of a node, for traversals that do not care about its kind.</summary>
internal static class ExprChildren
{
    public static IReadOnlyList<Expr> Of(Expr e) => e switch
    {
        Unary u => new[] { u.Operand },
        Binary b => new[] { b.Left, b.Right },
        Call c => c.Arguments,
        Conditional c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        ElementRead r => new[] { r.Index },
        ArraySlice s => new[] { s.Start, s.Count },
        IntOperation o => o.Operands,
        TapeRead t => new[] { t.Slot },
        ExternalValue x => x.Arguments,
        _ => Array.Empty<Expr>(),
    };
}
