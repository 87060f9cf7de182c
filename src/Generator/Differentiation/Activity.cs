using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Which values depend on a parameter differentiated with respect to: only those take part in the backward pass.
/// One forward walk over the method (a recurrence's body twice, when its carried value turns out active).
/// </summary>
internal sealed class Activity
{
    private readonly HashSet<Symbol> _active = new();
    private readonly HashSet<Symbol> _wrtVectors = new();

    public Activity(MethodModel method)
    {
        foreach (var index in method.Wrt)
        {
            var parameter = method.Parameters[index];
            (parameter.IsVector ? _wrtVectors : _active).Add(parameter.Symbol);
        }
        Visit(method.Body);
    }

    /// <summary>Records a value introduced after the analysis that depends on active ones.</summary>
    public void MarkActive(Symbol symbol) => _active.Add(symbol);

    public bool IsActive(Expr e)
    {
        switch (e)
        {
            case Symbol s:
                return _active.Contains(s) || _wrtVectors.Contains(s); // a whole vector: an argument of a helper
            case ElementRead r:
                return IsActiveArray(r.Array);
            case ArraySlice a:
                return IsActiveArray(a.Array);
            default:
                foreach (var child in ExprChildren.Of(e))
                {
                    if (IsActive(child)) return true;
                }
                return false;
        }
    }

    /// <summary>A leaf of the backward pass: an active double symbol, or an element of a vector differentiated with respect to.</summary>
    public bool IsLeaf(Expr e) => e switch
    {
        Symbol { ValueType: ScalarType.Double } s => _active.Contains(s),
        ElementRead r => IsActiveArray(r.Array),
        _ => false,
    };

    /// <summary>A vector parameter differentiated with respect to, or a local array filled with active values.</summary>
    public bool IsActiveArray(Symbol array) => _wrtVectors.Contains(array) || (array.Kind == SymbolRole.Array && _active.Contains(array));

    /// <summary>The distinct leaves an expression reads, in first-read order.</summary>
    public List<Expr> Leaves(Expr e)
    {
        var found = new List<Expr>();
        Collect(e, found, new HashSet<Expr>());
        return found;
    }

    private void Collect(Expr e, List<Expr> found, HashSet<Expr> seen)
    {
        if (IsLeaf(e))
        {
            if (seen.Add(e)) found.Add(e);
            return;
        }
        if (e is Symbol) return;
        foreach (var child in ExprChildren.Of(e)) Collect(child, found, seen);
    }

    /// <summary>Whether the statements read an element of a vector differentiated with respect to (whose adjoint needs the seed per pass).</summary>
    public bool ReadsActiveElement(IEnumerable<Statement> statements, IEnumerable<Expr> extra)
    {
        foreach (var e in extra)
        {
            if (HasActiveElement(e)) return true;
        }
        foreach (var statement in statements)
        {
            var found = statement switch
            {
                Assign a => HasActiveElement(a.Value),
                Invoke i => Any(i.Arguments),
                SumLoop l => ReadsActiveElement(l.Body, Terms(l)) || l.Fills.Any(f => HasActiveElement(f.Value)),
                NewArray n => Any(n.Elements),
                RecurrenceLoop r => ReadsActiveElement(r.Body, r.Carried.Select(c => c.Out)),
                _ => false,
            };
            if (found) return true;
        }
        return false;
    }

    private static IEnumerable<Expr> Terms(SumLoop loop)
    {
        foreach (var sum in loop.Sums) yield return sum.Term;
    }

    private bool Any(EquatableArray<Expr> items)
    {
        foreach (var e in items)
        {
            if (HasActiveElement(e)) return true;
        }
        return false;
    }

    private bool HasActiveElement(Expr e)
    {
        if (e is ElementRead r && IsActiveArray(r.Array)) return true;
        foreach (var child in ExprChildren.Of(e))
        {
            if (HasActiveElement(child)) return true;
        }
        return false;
    }

    private void Visit(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case Assign { Target.ValueType: ScalarType.Double } a when IsActive(a.Value):
                    _active.Add(a.Target);
                    break;
                case Invoke i when Any(i.Arguments, IsActive):
                    _active.Add(i.Target);
                    break;
                case SumLoop l:
                    // A pass that reads what earlier ones filled is walked again once a fill makes its array active.
                    var filled = true;
                    while (filled)
                    {
                        Visit(l.Body);
                        filled = false;
                        foreach (var fill in l.Fills)
                        {
                            if (IsActive(fill.Value) && _active.Add(fill.Array)) filled = l.ReadsEarlierPasses;
                        }
                    }
                    foreach (var sum in l.Sums)
                    {
                        if (IsActive(sum.Term) || IsActive(sum.Initial)) _active.Add(sum.Result);
                    }
                    break;
                case NewArray n when Any(n.Elements, IsActive) || (n.CopyOf is { } source && IsActiveArray(source)):
                    _active.Add(n.Array);
                    break;
                case RecurrenceLoop r:
                    foreach (var c in r.Carried)
                    {
                        if (c.In.ValueType == ScalarType.Double && IsActive(c.Initial)) _active.Add(c.In);
                    }
                    // A value made active in one pass is active in the next: at most one more walk per carried variable.
                    var changed = true;
                    while (changed)
                    {
                        Visit(r.Body);
                        changed = false;
                        foreach (var c in r.Carried)
                        {
                            if (c.In.ValueType == ScalarType.Double && IsActive(c.Out) && _active.Add(c.In)) changed = true;
                        }
                    }
                    foreach (var c in r.Carried)
                    {
                        if (c.Result.ValueType == ScalarType.Double && (IsActive(c.Out) || IsActive(c.Initial))) _active.Add(c.Result);
                    }
                    break;
            }
        }
    }

    private static bool Any(EquatableArray<Expr> items, System.Func<Expr, bool> predicate)
    {
        foreach (var e in items)
        {
            if (predicate(e)) return true;
        }
        return false;
    }
}
