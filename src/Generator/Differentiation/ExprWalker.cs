using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>Traversals of the IR: the symbols an expression reads, and rebuilding with replaced subtrees.</summary>
internal static class ExprWalker
{
    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        Unary u => new[] { u.Operand },
        Binary b => new[] { b.Left, b.Right },
        Call c => c.Arguments,
        CallLike c => c.Arguments,
        Conditional c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        _ => Array.Empty<Expr>(),
    };

    /// <summary>The distinct symbols of the given kinds that <paramref name="e"/> reads, in first-read order.</summary>
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

    public static bool Reads(Expr e, Symbol symbol) => e.Equals(symbol) || Children(e).Any(c => Reads(c, symbol));

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
                var arguments = c.Arguments.Select(a => Rewrite(a, replace)).ToArray();
                return arguments.Where((a, i) => !ReferenceEquals(a, c.Arguments[i])).Any() ? new Call(c.Function, arguments) : e;
            }
            case CountedLoop:
                return e; // its arguments are the symbols its body reads by name: never renamed from outside
            case Invocation call:
            {
                var arguments = call.Arguments.Select(a => Rewrite(a, replace)).ToArray();
                return arguments.Where((a, i) => !ReferenceEquals(a, call.Arguments[i])).Any()
                    ? new Invocation(call.Method, call.Gradient, arguments, call.Outs.ToArray(), call.Partials)
                    : e;
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
            default:
                return e;
        }
    }
}
