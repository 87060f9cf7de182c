using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Substitutes adjoint locals that are read once (or are trivial) into their reader, so the seed's derivative reads
/// <c>dw = -(y - yOut) * x</c> rather than <c>var dyOut = -(y - yOut); dw = dyOut * x;</c>. Large adjoints read
/// more than once stay named: that is the sharing reverse mode exists for.
/// </summary>
internal static class AdjointInliner
{
    private const int MaxInlinedSize = 40;

    public static void Inline(List<Assignment> temporaries, List<Expr> outputs)
    {
        for (var i = temporaries.Count - 1; i >= 0; i--)
        {
            var temp = temporaries[i];
            var uses = temporaries.Skip(i + 1).Sum(t => Uses(t.Value, temp.Target)) + outputs.Sum(o => Uses(o, temp.Target));
            var trivial = temp.Value.Size <= 2;
            if (!(trivial || (uses <= 1 && temp.Value.Size <= MaxInlinedSize))) continue;

            temporaries.RemoveAt(i);
            for (var j = i; j < temporaries.Count; j++)
                temporaries[j] = temporaries[j] with { Value = Substitute(temporaries[j].Value, temp) };
            for (var j = 0; j < outputs.Count; j++) outputs[j] = Substitute(outputs[j], temp);
        }
    }

    /// <summary>Replaces every remaining temporary, giving each derivative in terms of parameters and primal locals.</summary>
    public static Expr Expand(Expr e, IReadOnlyList<Assignment> temporaries)
    {
        for (var i = temporaries.Count - 1; i >= 0; i--) e = Substitute(e, temporaries[i]);
        return e;
    }

    private static Expr Substitute(Expr e, Assignment temp) =>
        ExprWalker.Reads(e, temp.Target)
            ? Simplifier.Simplify(ExprWalker.Rewrite(e, x => x.Equals(temp.Target) ? temp.Value : null))
            : e;

    private static int Uses(Expr e, Symbol s) => e.Equals(s) ? 1 : ExprWalker.Children(e).Sum(c => Uses(c, s));
}
