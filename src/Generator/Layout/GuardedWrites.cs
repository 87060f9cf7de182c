using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Layout;

/// <summary>
/// <c>span[index] += c ? a : 0.0;</c> becomes <c>if (c) span[index] += a;</c>. The sweep writes a branch's adjoint
/// as a conditional value, which touches <c>span[index]</c> on every pass; where the method reads that element only
/// when <c>c</c> holds (<c>i &lt; m ? w[c + i] : 0</c>), an unguarded write would throw for an element the method
/// never reaches. Adding 0.0 changes nothing, so the guarded form computes the same gradient. Loops already in
/// vector lanes are left alone: every lane of a SIMD pass reads its element whatever the condition.
/// </summary>
internal static class GuardedWrites
{
    public static GradientModel Apply(GradientModel gradient) => gradient with { Body = Rewrite(gradient.Body) };

    internal static EquatableArray<Instruction> Rewrite(EquatableArray<Instruction> code) =>
        code.Select(Rewrite).ToEquatableArray();

    private static Instruction Rewrite(Instruction instruction) => instruction switch
    {
        For f => f with { Body = Rewrite(f.Body) },
        If i => i with { Body = Rewrite(i.Body) },
        AddToElement { Value: Conditional { WhenFalse: Constant { IsZero: true } } c } a =>
            Guard(c.Condition, a with { Value = c.WhenTrue }),
        AddToElement { Value: Conditional { WhenTrue: Constant { IsZero: true } } c } a =>
            Guard(new Unary(UnaryOperator.Not, c.Condition), a with { Value = c.WhenFalse }),
        _ => instruction,
    };

    private static If Guard(Expr condition, AddToElement write) =>
        new(condition, new List<Instruction> { Rewrite(write) }.ToEquatableArray());
}
