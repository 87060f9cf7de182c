using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Where the reader is on the paths through a body: the path condition (a list of conditions that all hold), whether
/// any path reaches this point at all, and the values returned so far with the conditions under which they were.
/// Early returns thus become conditions on what follows, so every statement is read once, whatever the branching.
/// </summary>
internal sealed class PathState
{
    private readonly List<(ImmutableList<Expr> Conditions, Expr Value)> _returns = new();
    private readonly List<(ImmutableList<Expr> Conditions, IReadOnlyList<Expr>? Carried)> _continues = new();

    public ImmutableList<Expr> Conditions { get; private set; } = ImmutableList<Expr>.Empty;

    /// <summary>False after a return (or an if whose every branch returns): what follows in the block never runs.</summary>
    public bool IsLive { get; private set; } = true;

    public int ReturnCount => _returns.Count;

    /// <summary>Returns and continues so far: the ways out of a block that leave the paths after it narrower.</summary>
    public int ExitCount => _returns.Count + _continues.Count;

    /// <summary>The path condition as one expression, or null when it is always true.</summary>
    public Expr? Guard { get; private set; }

    public void Set(ImmutableList<Expr> conditions, bool live)
    {
        Conditions = conditions;
        IsLive = live;
        Guard = And(conditions);
    }

    /// <summary>
    /// <c>continue</c>: the rest of the pass does not run on this path. <paramref name="carried"/> holds the values a
    /// recurrence's carried variables leave the pass with here (null in a loop that only sums).
    /// </summary>
    public void Continue(IReadOnlyList<Expr>? carried)
    {
        _continues.Add((Conditions, carried));
        IsLive = false;
    }

    /// <summary>A <see cref="Continue"/> taken where <paramref name="taken"/> holds; the pass goes on where it does not.</summary>
    public void ContinueWhere(Expr taken, IReadOnlyList<Expr> carried)
    {
        _continues.Add((Conditions.Add(taken), carried));
        Set(Conditions.Add(Negate(taken)), live: true);
    }

    /// <summary>The value carried variable <paramref name="k"/> leaves the pass with: where a continue was taken, its value there; else <paramref name="atEnd"/>.</summary>
    /// <param name="logic">The values are conditions (whether the loop goes on): folded with &amp;&amp; and ||, so no constant stands in logic.</param>
    public Expr CarriedOut(int k, System.Func<Expr> atEnd, bool logic = false)
    {
        var exits = _continues.Select(c => (c.Conditions, c.Carried![k])).ToList();
        if (IsLive || exits.Count == 0) exits.Add((Conditions, atEnd()));
        return logic ? FoldLogic(exits) : Fold(exits);
    }

    private static Expr FoldLogic(List<(ImmutableList<Expr> Conditions, Expr Value)> exits)
    {
        var result = exits[exits.Count - 1].Value;
        for (var i = exits.Count - 2; i >= 0; i--)
        {
            var taken = And(exits[i].Conditions);
            var value = exits[i].Value;
            if (taken is null)
            {
                result = value;
                continue;
            }
            result = (value, result) switch
            {
                (Constant v, Constant r) when v.IsZero == r.IsZero => v,
                (Constant { IsZero: true }, Constant) => Negate(taken),            // c ? false : true
                (Constant, Constant) => taken,                                      // c ? true : false
                (Constant { IsZero: true }, _) => new Binary(BinaryOperator.And, Negate(taken), result),
                (Constant, _) => new Binary(BinaryOperator.Or, taken, result),
                (_, Constant { IsZero: true }) => new Binary(BinaryOperator.And, taken, value),
                (_, Constant) => new Binary(BinaryOperator.Or, Negate(taken), value),
                _ => new Conditional(taken, value, result),
            };
        }
        return result;
    }

    /// <summary>A return where <paramref name="returned"/> holds (a loop that returned from inside); the path goes on where it does not.</summary>
    public void ReturnWhere(Expr returned, Expr value)
    {
        _returns.Add((Conditions.Add(returned), value));
        Set(Conditions.Add(Negate(returned)), live: true);
    }

    /// <summary>A throw: nothing follows on this path, and it returns nothing.</summary>
    public void Throw() => IsLive = false;

    public void Return(Expr value)
    {
        _returns.Add((Conditions, value));
        IsLive = false;
    }

    /// <summary>
    /// The returned values folded into one expression: the first return whose conditions hold, in source order.
    /// Conditions already known false from earlier returns in the chain are left out (a guard clause's negation).
    /// </summary>
    public Expr Result() => Fold(_returns);

    private static Expr Fold(List<(ImmutableList<Expr> Conditions, Expr Value)> exits)
    {
        var result = exits[exits.Count - 1].Value;
        for (var i = exits.Count - 2; i >= 0; i--)
        {
            var known = new HashSet<Expr>();
            for (var j = 0; j < i; j++)
            {
                // Only an exit under one condition says something simple when it was not taken: that condition is false.
                if (exits[j].Conditions.Count == 1) known.Add(Negate(exits[j].Conditions[0]));
            }
            var conditions = exits[i].Conditions.RemoveAll(known.Contains);
            result = conditions.Count == 0 ? exits[i].Value : new Conditional(And(conditions)!, exits[i].Value, result);
        }
        return result;
    }

    public static Expr Negate(Expr condition) =>
        Ex.Not(condition);

    public static Expr? And(IReadOnlyList<Expr> conditions)
    {
        Expr? result = null;
        foreach (var c in conditions) result = result is null ? c : new Binary(BinaryOperator.And, result, c);
        return result;
    }
}
