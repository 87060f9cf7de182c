using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Keeps the generated gradient as cheap as a hand-written one: a subexpression the primal already computed is read
/// from its local, and an expensive one the derivatives repeat is computed once into a named local.
/// </summary>
internal static class CommonSubexpressions
{
    private const int MaxHoists = 64;
    private const int MinSizeWithoutCall = 7;

    /// <summary>Replaces subexpressions equal to a primal local's (or the result's) definition with that local.</summary>
    public static void ReusePrimal(List<Assignment> temporaries, List<Expr> outputs, IEnumerable<Assignment> primal)
    {
        // Only the expression exactly as the primal computes it: a simplified form (x·y/y → x) can differ from the
        // local's value where the original is NaN or rounds, and would then replace the wrong thing.
        var known = new Dictionary<Expr, Symbol>();
        foreach (var a in primal)
        {
            if (a.Value.Size >= 2 && !known.ContainsKey(a.Value)) known[a.Value] = a.Target;
        }
        if (known.Count == 0) return;

        Expr Reuse(Expr e) => ExprWalker.Rewrite(e, x => known.TryGetValue(x, out var s) ? s : null);
        for (var i = 0; i < temporaries.Count; i++) temporaries[i] = temporaries[i] with { Value = Reuse(temporaries[i].Value) };
        for (var i = 0; i < outputs.Count; i++) outputs[i] = Reuse(outputs[i]);
    }

    /// <summary>
    /// Hoists repeated expensive subexpressions, smallest first, each just before its first reader. Only repeats
    /// the derivatives take part in count, so the primal is rewritten only where its work is shared with them
    /// (the sigmoid's e^(−z) is computed once for the value and the gradient).
    /// </summary>
    /// <param name="statements">Primal statements (value last), then temporaries; rewritten in place.</param>
    /// <param name="firstDerivative">Index of the first statement that belongs to the derivative.</param>
    public static void Hoist(List<Assignment> statements, int firstDerivative, List<Expr> outputs, NameAllocator names)
    {
        for (var round = 0; round < MaxHoists; round++)
        {
            var derivativeCode = statements.Skip(firstDerivative).Select(t => t.Value).Concat(outputs).ToList();
            var candidate = CheapestRepeat(statements.Select(t => t.Value).Concat(outputs), derivativeCode);
            if (candidate is null) return;

            var symbol = new Symbol(names.Allocate(NameFor(candidate)), NameKind.Temporary);
            var firstReader = statements.FindIndex(t => Contains(t.Value, candidate));
            var insertAt = firstReader < 0 ? statements.Count : firstReader;
            Expr Replace(Expr e) => ExprWalker.Rewrite(e, x => x.Equals(candidate) ? symbol : null);
            for (var i = insertAt; i < statements.Count; i++) statements[i] = statements[i] with { Value = Replace(statements[i].Value) };
            for (var i = 0; i < outputs.Count; i++) outputs[i] = Replace(outputs[i]);
            statements.Insert(insertAt, new Assignment(symbol, candidate));
            if (insertAt < firstDerivative) firstDerivative++;
        }
    }

    /// <summary>
    /// Drops locals nothing reads (a reassigned local's first value, a primal value only the derivative of a constant
    /// used): dead stores of constants would warn (CS0219) in generated code.
    /// </summary>
    public static void RemoveDeadStores(List<Assignment> statements, IReadOnlyList<Expr> outputs, Symbol value)
    {
        bool removed;
        do
        {
            removed = false;
            for (var i = statements.Count - 1; i >= 0; i--)
            {
                var target = statements[i].Target;
                if (target.Equals(value)) continue;
                var defined = statements[i].Value is CallLike call ? call.Partials.Where(p => p is not null).Prepend(target).ToList()! : new List<Symbol?> { target };
                var read = defined.Any(d => statements.Skip(i + 1).Any(s => ExprWalker.Reads(s.Value, d!)) || outputs.Any(o => ExprWalker.Reads(o, d!)));
                if (read) continue;
                statements.RemoveAt(i);
                removed = true;
            }
        }
        while (removed);
    }

    private static Expr? CheapestRepeat(IEnumerable<Expr> roots, List<Expr> derivativeCode)
    {
        var counts = new Dictionary<Expr, int>();
        var order = new List<Expr>();
        foreach (var root in roots) Count(root, counts, order);
        return order
            .Where(e => counts[e] >= 2 && IsWorthNaming(e) && derivativeCode.Any(d => Contains(d, e)))
            .OrderBy(e => e.Size)
            .FirstOrDefault();
    }

    private static void Count(Expr e, Dictionary<Expr, int> counts, List<Expr> order)
    {
        if (e is Symbol or Constant) return;
        if (counts.TryGetValue(e, out var n))
        {
            counts[e] = n + 1;
            return; // its children were counted with its first occurrence; repeats of the parent imply repeats of them
        }
        counts[e] = 1;
        order.Add(e);
        foreach (var child in ExprWalker.Children(e)) Count(child, counts, order);
    }

    private static bool IsWorthNaming(Expr e)
    {
        if (e is Binary b && !b.Operator.IsArithmetic()) return false; // conditions stay inside their conditional
        if (e is CallLike) return false; // already a statement of its own
        return e.Size >= MinSizeWithoutCall || ContainsCall(e);
    }

    private static bool ContainsCall(Expr e) => e is Call || ExprWalker.Children(e).Any(ContainsCall);

    private static bool Contains(Expr e, Expr part) => e.Equals(part) || ExprWalker.Children(e).Any(c => Contains(c, part));

    private static string NameFor(Expr e) => e is Call c ? c.Function.ToString().ToLowerInvariant() : "common";
}
