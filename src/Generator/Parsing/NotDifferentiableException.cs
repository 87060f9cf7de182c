using System;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Unwinds the body parser at the first construct it cannot differentiate. Caught in <see cref="MethodParser"/>
/// and turned into GD0008 at <see cref="Location"/>; it never leaves the parser.
/// </summary>
internal sealed class NotDifferentiableException : Exception
{
    public NotDifferentiableException(SyntaxNode node, string reason) : this(node.GetLocation(), SyntaxDescriptions.Excerpt(node), reason)
    {
        Node = node;
    }

    public NotDifferentiableException(Location location, string construct, string reason) : base(reason)
    {
        Location = location;
        Construct = construct;
        Reason = reason;
    }

    public Location Location { get; }

    /// <summary>The construct refused, when the exception was raised at a node.</summary>
    public SyntaxNode? Node { get; }

    /// <summary>The construct as the message names it.</summary>
    public string Construct { get; }

    public string Reason { get; }
}

/// <summary>The method does not compile yet (half-typed code): produce nothing, the compiler reports it.</summary>
internal sealed class IncompleteCodeException : Exception
{
}
