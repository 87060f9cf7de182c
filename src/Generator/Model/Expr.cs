using System;

namespace GradientDescent.Generator.Model;

/// <summary>
/// A node of the symbolic IR shared by the generator and the analyzers: immutable, with structural equality and a
/// hash computed once, so dictionaries can key on subtrees and pipeline models cache. Trees stay small: every
/// statement of a method is a tree of its own, and values flow between statements through <see cref="Symbol"/>s,
/// so no stage ever builds a tree the size of the method. No Roslyn type appears in it.
/// </summary>
internal abstract class Expr : IEquatable<Expr>
{
    private readonly int _hash;

    protected Expr(int hash, int size, int depth)
    {
        _hash = hash;
        Size = size;
        Depth = depth;
    }

    /// <summary>Number of nodes in the tree.</summary>
    public int Size { get; }

    /// <summary>Longest path from this node to a leaf, counting this node.</summary>
    public int Depth { get; }

    public abstract ScalarType Type { get; }

    public bool Equals(Expr? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && EqualsCore(other)));

    public sealed override bool Equals(object? obj) => obj is Expr other && Equals(other);

    public sealed override int GetHashCode() => _hash;

    protected abstract bool EqualsCore(Expr other);

    protected static int Combine(int a, int b) => unchecked(a * 31 + b);

    protected static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);

    protected static int Combine(int a, int b, int c, int d) => Combine(Combine(a, b, c), d);
}
