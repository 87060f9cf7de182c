using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// What a piece of code writes, for the parser (<see cref="UsageIndex"/>) and GD0001's interpreter alike: the one
/// definition of a write (an assignment's target, <c>++</c>/<c>--</c>, a ref or out argument, a declaration).
/// </summary>
internal static class WrittenVariables
{
    /// <summary>The node that writes <paramref name="target"/>, when it is the target of a write.</summary>
    public static SyntaxNode? WritingNode(ExpressionSyntax target)
    {
        var node = (SyntaxNode)target;
        while (node.Parent is ParenthesizedExpressionSyntax) node = node.Parent;
        if (node.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } member && member.Name == node) node = member;
        return node.Parent switch
        {
            AssignmentExpressionSyntax a when a.Left == node => a,
            PostfixUnaryExpressionSyntax p => p,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p,
            ArgumentSyntax a when !a.RefKindKeyword.IsKind(SyntaxKind.None) && !a.RefKindKeyword.IsKind(SyntaxKind.InKeyword) => a,
            _ => null,
        };
    }

    /// <summary>
    /// Every local, parameter and field the node writes or declares (an <c>out var</c> included), in source order,
    /// from one walk over it.
    /// </summary>
    public static IEnumerable<ISymbol> In(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            var written = descendant switch
            {
                IdentifierNameSyntax identifier when WritingNode(identifier) is not null => Variable(identifier, model, cancellationToken),
                VariableDeclaratorSyntax v => model.GetDeclaredSymbol(v, cancellationToken),
                SingleVariableDesignationSyntax d when d.Parent is DeclarationExpressionSyntax => model.GetDeclaredSymbol(d, cancellationToken),
                _ => null,
            };
            if (written is not null) yield return written;
        }
    }

    /// <summary>The local, parameter or field an identifier (or <c>this.name</c>) names.</summary>
    private static ISymbol? Variable(IdentifierNameSyntax identifier, SemanticModel model, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
        return symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol ? symbol : null;
    }
}
