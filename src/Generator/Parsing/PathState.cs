using System.Collections.Generic;
using System.Collections.Immutable;
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

    public ImmutableList<Expr> Conditions { get; private set; } = ImmutableList<Expr>.Empty;

    /// <summary>False after a return (or an if whose every branch returns): what follows in the block never runs.</summary>
    public bool IsLive { get; private set; } = true;

    public int ReturnCount => _returns.Count;

    /// <summary>The path condition as one expression, or null when it is always true.</summary>
    public Expr? Guard { get; private set; }

    public void Set(ImmutableList<Expr> conditions, bool live)
    {
        Conditions = conditions;
        IsLive = live;
        Guard = And(conditions);
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
    public Expr Result()
    {
        var result = _returns[_returns.Count - 1].Value;
        for (var i = _returns.Count - 2; i >= 0; i--)
        {
            var known = new HashSet<Expr>();
            for (var j = 0; j < i; j++)
            {
                // Only a return under one condition says something simple when it was not taken: that condition is false.
                if (_returns[j].Conditions.Count == 1) known.Add(Negate(_returns[j].Conditions[0]));
            }
            var conditions = _returns[i].Conditions.RemoveAll(known.Contains);
            result = conditions.Count == 0 ? _returns[i].Value : new Conditional(And(conditions)!, _returns[i].Value, result);
        }
        return result;
    }

    public static Expr Negate(Expr condition) =>
        condition is Unary { Operator: UnaryOperator.Not, Operand: var inner } ? inner : new Unary(UnaryOperator.Not, condition);

    public static Expr? And(IReadOnlyList<Expr> conditions)
    {
        Expr? result = null;
        foreach (var c in conditions) result = result is null ? c : new Binary(BinaryOperator.And, result, c);
        return result;
    }
}
