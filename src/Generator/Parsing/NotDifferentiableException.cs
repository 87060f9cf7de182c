using System;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Unwinds the body parser at the first construct it cannot differentiate. Caught in <see cref="MethodParser"/>
/// and turned into GD0008 at <see cref="Location"/>; it never leaves the parser.
/// </summary>
internal sealed class NotDifferentiableException : Exception
{
    public NotDifferentiableException(SyntaxNode node, string reason) : base(reason)
    {
        Node = node;
        Reason = reason;
    }

    public SyntaxNode Node { get; }

    public string Reason { get; }
}

/// <summary>The method does not compile yet (half-typed code): produce nothing, the compiler reports it.</summary>
internal sealed class IncompleteCodeException : Exception
{
}
