using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// Takes a constant factor out of a loop's sum: where every <c>d += c·term</c> of an accumulator in a loop's body has
/// the same constant c, the accumulator starts the loop at zero and the loop reads nothing of it, the loop adds
/// <c>term</c> and the accumulator is multiplied by c once after it (∂/∂w of Σ(w·x − y)² adds <c>e·x</c>, not <c>2·e·x</c>,
/// per sample). One pass over each scope; loops nested in loops are scopes of their own.
/// </summary>
internal static class LoopConstants
{
    public static List<Instruction> Apply(IReadOnlyList<Instruction> code)
    {
        var result = new List<Instruction>(code.Count);
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                case For f:
                    var loop = f with { Body = Apply(f.Body).ToEquatableArray() };
                    var scaled = new List<Instruction>();
                    foreach (var (target, factor) in Factors(loop, result))
                    {
                        loop = loop with { Body = loop.Body.Select(i => i is AddTo a && a.Target.Equals(target) ? a with { Value = WithoutFactor(a.Value) } : i).ToEquatableArray() };
                        scaled.Add(new Store(target, new Binary(BinaryOperator.Multiply, new Constant(factor), target)));
                    }
                    result.Add(loop);
                    result.AddRange(scaled);
                    break;
                case If i:
                    result.Add(i with { Body = Apply(i.Body).ToEquatableArray() });
                    break;
                default:
                    result.Add(instruction);
                    break;
            }
        }
        return result;
    }

    /// <summary>The accumulators of the loop whose direct additions all carry one constant factor other than 1.</summary>
    private static IEnumerable<(Symbol Target, double Factor)> Factors(For loop, List<Instruction> before)
    {
        if (!loop.Body.All(Understood)) yield break;
        var additions = loop.Body.OfType<AddTo>().GroupBy(a => a.Target);
        foreach (var group in additions)
        {
            var target = group.Key;
            var factors = group.Select(a => LeadingConstant(a.Value)).Distinct().ToList();
            if (factors.Count != 1 || factors[0] is not { } factor || factor == 1 || factor == 0) continue;
            if (loop.Body.Any(i => Reads(i, target) || i is not AddTo && Writes(i, target))) continue;
            if (!StartsAtZero(before, target)) continue;
            yield return (target, factor);
        }
    }

    /// <summary>The last write of the target before the loop, in this scope, is zero, and nothing reads it since.</summary>
    private static bool StartsAtZero(List<Instruction> before, Symbol target)
    {
        for (var k = before.Count - 1; k >= 0; k--)
        {
            var instruction = before[k];
            if (instruction is Let { Value: Constant { IsZero: true } } l && l.Target.Equals(target)) return true;
            if (instruction is Store { Value: Constant { IsZero: true } } s && s.Target.Equals(target)) return true;
            if (!Understood(instruction) || Writes(instruction, target) || Reads(instruction, target)) return false;
        }
        return false;
    }

    /// <summary>c in c·a·b (the constant a simplified product starts with), else null.</summary>
    private static double? LeadingConstant(Expr e) => e switch
    {
        Binary { Operator: BinaryOperator.Multiply, Left: Constant c } => c.Value,
        Binary { Operator: BinaryOperator.Multiply, Left: var left } => LeadingConstant(left),
        _ => null,
    };

    private static Expr WithoutFactor(Expr e) => e switch
    {
        Binary { Operator: BinaryOperator.Multiply, Left: Constant, Right: var rest } => rest,
        Binary { Operator: BinaryOperator.Multiply } b => new Binary(BinaryOperator.Multiply, WithoutFactor(b.Left), b.Right),
        _ => e,
    };

    /// <summary>Instructions whose reads and writes this stage knows; any other makes it leave the loop alone.</summary>
    private static bool Understood(Instruction instruction) => instruction switch
    {
        Let or Store or AddTo or AddToElement or StoreElement or WriteTape or BreakUnless or ThrowUnless => true,
        If i => i.Body.All(Understood),
        For f => f.Body.All(Understood),
        _ => false,
    };

    private static bool Writes(Instruction instruction, Symbol target) => instruction switch
    {
        Let l => l.Target.Equals(target),
        Store s => s.Target.Equals(target),
        AddTo a => a.Target.Equals(target),
        If i => i.Body.Any(x => Writes(x, target)),
        For f => f.Body.Any(x => Writes(x, target)),
        _ => false,
    };

    private static bool Reads(Instruction instruction, Symbol target) => instruction switch
    {
        Let l => ExprWalker.Reads(l.Value, target),
        Store s => ExprWalker.Reads(s.Value, target),
        AddTo a => ExprWalker.Reads(a.Value, target),
        AddToElement a => ExprWalker.Reads(a.Index, target) || ExprWalker.Reads(a.Value, target),
        StoreElement e => ExprWalker.Reads(e.Index, target) || ExprWalker.Reads(e.Value, target),
        WriteTape w => ExprWalker.Reads(w.Slot, target) || ExprWalker.Reads(w.Value, target),
        BreakUnless b => ExprWalker.Reads(b.Condition, target),
        ThrowUnless t => ExprWalker.Reads(t.Condition, target),
        If i => ExprWalker.Reads(i.Condition, target) || i.Body.Any(x => Reads(x, target)),
        For f => ExprWalker.Reads(f.Header.Start, target) || ExprWalker.Reads(f.Header.End, target) || f.Body.Any(x => Reads(x, target)),
        _ => true,
    };
}
