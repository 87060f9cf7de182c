using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// One scope of a body being read: the method's top level, or one pass of a loop (read once, standing for every
/// pass). Local arrays remember the pass that declared and the pass that filled them, so a read can tell whether
/// it sees the values the fill left.
/// </summary>
internal sealed class Pass
{
    public Pass(ILocalSymbol? index, Pass? parent)
    {
        Index = index;
        Parent = parent;
    }

    /// <summary>The loop's own index local, or null (the top level, a foreach pass).</summary>
    public ILocalSymbol? Index { get; }

    public Pass? Parent { get; }

    public bool IsTopLevel => Parent is null;

    /// <summary>The local arrays whose element <c>a[index]</c> this pass writes, in the order first met.</summary>
    public List<ISymbol> Fills { get; } = new();

    /// <summary>Whether the pass reads an element an earlier pass filled (<c>p[i] += p[i - 1]</c>): the backward pass must run the passes last to first.</summary>
    public bool ReadsEarlierPasses { get; set; }

    /// <summary>Whether <paramref name="other"/> is this pass or one around it.</summary>
    public bool IsWithin(Pass other)
    {
        for (var pass = this; pass is not null; pass = pass.Parent)
        {
            if (ReferenceEquals(pass, other)) return true;
        }
        return false;
    }
}
