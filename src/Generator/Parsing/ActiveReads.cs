using System.Collections.Generic;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Parsing;

/// <summary>Whether an expression reads one of a set of symbols.</summary>
internal static class ActiveReads
{
    public static bool Any(Expr e, HashSet<Symbol> active)
    {
        switch (e)
        {
            case Symbol s:
                return active.Contains(s);
            case ElementRead r:
                return active.Contains(r.Array) || Any(r.Index, active);
            case ArraySlice a:
                return active.Contains(a.Array);
            default:
                foreach (var child in Model.ExprChildren.Of(e))
                {
                    if (Any(child, active)) return true;
                }
                return false;
        }
    }
}
