using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Layout;

/// <summary>
/// <c>span[index] += c ? a : 0.0;</c> becomes <c>if (c) span[index] += a;</c>, and a zero deeper in the choice
/// (<c>c1 ? a : c2 ? b : 0.0</c>) puts the write under the condition of the other arms (<c>c1 || c2</c>). The sweep writes a branch's adjoint
/// as a conditional value, which touches <c>span[index]</c> on every pass; where the method reads that element only
/// when <c>c</c> holds (<c>i &lt; m ? w[c + i] : 0</c>), an unguarded write would throw for an element the method
/// never reaches. Adding 0.0 changes nothing, so the guarded form computes the same gradient. Loops already in
/// vector lanes are left alone: every lane of a SIMD pass reads its element whatever the condition.
/// </summary>
internal static class GuardedWrites
{
    public static GradientModel Apply(GradientModel gradient) => gradient with { Body = Rewrite(gradient.Body) };

    internal static EquatableArray<Instruction> Rewrite(EquatableArray<Instruction> code) =>
        code.SelectMany(Rewrite).ToEquatableArray();

    private static IEnumerable<Instruction> Rewrite(Instruction instruction) => instruction switch
    {
        For f => new[] { f with { Body = Rewrite(f.Body) } },
        If i => new[] { i with { Body = Rewrite(i.Body) } },
        AddToElement a => Rewrite(a),
        _ => new[] { instruction },
    };

    private static IEnumerable<Instruction> Rewrite(AddToElement write)
    {
        var condition = ZeroChoices.NonZeroCondition(write.Value, out var never);
        if (never) return System.Array.Empty<Instruction>();
        if (condition is null) return new[] { write };
        return write.Value switch
        {
            Conditional { WhenFalse: Constant { IsZero: true } } c => Guard(c.Condition, write with { Value = c.WhenTrue }),
            Conditional { WhenTrue: Constant { IsZero: true } } c => Guard(new Unary(UnaryOperator.Not, c.Condition), write with { Value = c.WhenFalse }),
            // A zero deeper in the choice (c1 ? a : c2 ? b : 0): the write happens when the choice is not that zero.
            _ => new[] { new If(condition, new Instruction[] { write }.ToEquatableArray()) },
        };
    }

    private static Instruction[] Guard(Expr condition, AddToElement write) => new Instruction[] { new If(condition, Rewrite(write).ToEquatableArray()) };
}
