using System;
using System.Collections.Generic;
using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>Traversals of the IR: the symbols an expression reads, and rebuilding with replaced subtrees.</summary>
internal static class ExprWalker
{
    public static IReadOnlyList<Expr> Children(Expr e) => ExprChildren.Of(e);

    /// <summary>The distinct symbols <paramref name="e"/> reads (a vector read by element not included), in first-read order.</summary>
    public static List<Symbol> Symbols(Expr e)
    {
        var found = new List<Symbol>();
        var seen = new HashSet<Symbol>();
        Collect(e, found, seen);
        return found;
    }

    private static void Collect(Expr e, List<Symbol> found, HashSet<Symbol> seen)
    {
        if (e is Symbol s)
        {
            if (seen.Add(s)) found.Add(s);
            return;
        }
        foreach (var child in Children(e)) Collect(child, found, seen);
    }

    public static bool Reads(Expr e, Symbol symbol) => StatementReads.Reads(e, symbol);

    /// <summary>
    /// Rebuilds <paramref name="e"/> top-down: where <paramref name="replace"/> returns a tree, that
    /// tree stands for the node and is not visited further.
    /// </summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr?> replace)
    {
        if (replace(e) is { } replacement) return replacement;
        switch (e)
        {
            case Unary u:
            {
                var operand = Rewrite(u.Operand, replace);
                return ReferenceEquals(operand, u.Operand) ? e : new Unary(u.Operator, operand);
            }
            case Binary b:
            {
                var left = Rewrite(b.Left, replace);
                var right = Rewrite(b.Right, replace);
                return ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right) ? e : new Binary(b.Operator, left, right);
            }
            case Call c:
            {
                var arguments = RewriteAll(c.Arguments, replace);
                return arguments is null ? e : new Call(c.Function, arguments);
            }
            case Conditional c:
            {
                var condition = Rewrite(c.Condition, replace);
                var whenTrue = Rewrite(c.WhenTrue, replace);
                var whenFalse = Rewrite(c.WhenFalse, replace);
                return ReferenceEquals(condition, c.Condition) && ReferenceEquals(whenTrue, c.WhenTrue) && ReferenceEquals(whenFalse, c.WhenFalse)
                    ? e
                    : new Conditional(condition, whenTrue, whenFalse);
            }
            case ElementRead r:
            {
                var index = Rewrite(r.Index, replace);
                return ReferenceEquals(index, r.Index) ? e : new ElementRead(r.Array, index);
            }
            case ArraySlice s:
            {
                var start = Rewrite(s.Start, replace);
                var count = Rewrite(s.Count, replace);
                return ReferenceEquals(start, s.Start) && ReferenceEquals(count, s.Count) ? e : new ArraySlice(s.Array, start, count);
            }
            case IntOperation o:
            {
                var operands = RewriteAll(o.Operands, replace);
                return operands is null ? e : new IntOperation(o.Operator, operands);
            }
            case ExternalValue x:
            {
                var arguments = RewriteAll(x.Arguments, replace);
                return arguments is null ? e : x.WithArguments(arguments.ToEquatableArray());
            }
            case TapeRead t:
            {
                var slot = Rewrite(t.Slot, replace);
                return ReferenceEquals(slot, t.Slot) ? e : new TapeRead(t.Tape, slot);
            }
            default:
                return e;
        }
    }

    /// <summary>The rewritten list, or null when nothing changed.</summary>
    private static Expr[]? RewriteAll(EquatableArray<Expr> items, Func<Expr, Expr?> replace)
    {
        var result = items.Select(a => Rewrite(a, replace)).ToArray();
        return result.Where((a, i) => !ReferenceEquals(a, items[i])).Any() ? result : null;
    }
}
