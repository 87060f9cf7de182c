using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Where each local and parameter of a method is written and read, from one walk over its body. Questions such as
/// "is this int local ever reassigned" or "is the while loop's counter read after the loop" are then look-ups,
/// never a fresh walk of the method per statement.
/// </summary>
internal sealed class UsageIndex
{
    private static readonly IReadOnlyList<SyntaxNode> None = new List<SyntaxNode>();

    private readonly Dictionary<ISymbol, List<SyntaxNode>> _writes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<SyntaxNode>> _reads = new(SymbolEqualityComparer.Default);

    /// <summary>An index of nothing, for a reader that asks only about expressions (GD0001's lenient reader).</summary>
    public static UsageIndex Empty { get; } = new();

    private UsageIndex()
    {
    }

    public UsageIndex(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (symbol is not (ILocalSymbol or IParameterSymbol)) continue;
            var writer = WrittenVariables.WritingNode(identifier);
            var map = writer is null ? _reads : _writes;
            if (!map.TryGetValue(symbol, out var list)) map[symbol] = list = new List<SyntaxNode>();
            list.Add(writer ?? identifier);
        }
    }

    /// <summary>The assignments, increments and ref/out arguments that write the variable (its declaration excluded).</summary>
    public IReadOnlyList<SyntaxNode> Writes(ISymbol variable) => _writes.TryGetValue(variable, out var list) ? list : None;

    /// <summary>The identifiers that read the variable (a compound assignment's target counts as a write only).</summary>
    public IReadOnlyList<SyntaxNode> Reads(ISymbol variable) => _reads.TryGetValue(variable, out var list) ? list : None;

    public bool IsWrittenWithin(ISymbol variable, SyntaxNode node)
    {
        foreach (var write in Writes(variable))
        {
            if (node.Span.Contains(write.Span)) return true;
        }
        return false;
    }
}
