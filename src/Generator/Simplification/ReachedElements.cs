using System.Collections.Generic;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// The elements a scope has read whatever its conditions, up to a point in it, with those of the scopes around it.
/// Work that reads only these (and divides by no int that may be 0) can be moved out of a branch and done earlier
/// without throwing where the method does not.
/// </summary>
internal sealed class ReachedElements
{
    private readonly ReachedElements? _parent;
    private readonly HashSet<Symbol> _mutable;
    private readonly HashSet<(Symbol Array, Expr Index)> _elements = new();

    private ReachedElements(ReachedElements? parent, HashSet<Symbol> mutable)
    {
        _parent = parent;
        _mutable = mutable;
    }

    public static ReachedElements Root(HashSet<Symbol> mutable) => new(null, mutable);

    /// <summary>A loop body's scope: it also reaches the element its header keeps in range.</summary>
    public ReachedElements Loop(LoopHeader header)
    {
        var scope = new ReachedElements(this, _mutable);
        if (header.IndexedInRange is { } array) scope._elements.Add((array, header.Index));
        return scope;
    }

    public ReachedElements Branch() => new(this, _mutable);

    /// <summary>Records the elements <paramref name="e"/> reads unconditionally.</summary>
    public void Add(Expr e) => UnconditionalParts.Visit(e, part =>
    {
        // A local array's element changes when it is filled again, and an index of a mutable local moves: neither
        // says where a later read lands.
        if (part is ElementRead { Array.Kind: not SymbolRole.Array } r && !ReadsMutable(r.Index)) _elements.Add((r.Array, r.Index));
    });

    /// <summary>Whether evaluating <paramref name="e"/> here could throw: an element not reached yet, or an int division by a non-literal.</summary>
    public bool MayThrow(Expr e) => UnconditionalParts.MayThrow(e, r => Contains(r.Array, r.Index));

    private bool Contains(Symbol array, Expr index)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._elements.Contains((array, index))) return true;
        }
        return false;
    }

    private bool ReadsMutable(Expr index)
    {
        foreach (var symbol in ExprWalker.Symbols(index))
        {
            if (_mutable.Contains(symbol)) return true;
        }
        return false;
    }
}
