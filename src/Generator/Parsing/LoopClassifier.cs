using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Sum or recurrence: how a loop body uses the variables from before the loop.</summary>
internal static class LoopClassifier
{
    /// <summary>
    /// The variable from outside the loop that the body writes other than by a plain sum (or that it reads while
    /// summing into it), which makes the loop a recurrence; null when the loop only sums.
    /// </summary>
    public static ISymbol? RecurrenceVariable(StatementSyntax body, ImmutableDictionary<ISymbol, Expr> outside, ParseContext context)
    {
        var skip = context.SkipStatement;
        var nodes = body.DescendantNodesAndSelf().Where(n => skip is null || !skip.Span.Contains(n.Span)).ToList();
        var written = nodes.Select(n => WrittenVariable(n, context)).Where(v => v is not null && (v is IParameterSymbol || outside.ContainsKey(v)))
            .Distinct(SymbolEqualityComparer.Default).ToList();
        if (written.Count != 1) return null; // none: refused later; several: refused by the sum path with its message
        var variable = written[0]!;
        foreach (var identifier in nodes.OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != variable.Name ||
                !SymbolEqualityComparer.Default.Equals(context.Model.GetSymbolInfo(identifier, context.CancellationToken).Symbol, variable)) continue;
            // An array's mention is its element: the pass's own a[k] of the loop that fills it, which reads as a variable.
            ExpressionSyntax mention = identifier.Parent is ElementAccessExpressionSyntax element && element.Expression == identifier ? element : identifier;
            if (!IsPartOfSum(mention)) return variable;
        }
        return null;
    }

    private static ISymbol? WrittenVariable(SyntaxNode node, ParseContext context)
    {
        var target = node switch
        {
            AssignmentExpressionSyntax a => a.Left,
            PostfixUnaryExpressionSyntax p => p.Operand,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
            _ => null,
        };
        if (target is ElementAccessExpressionSyntax element) return context.Arrays.SlotOf(element);
        return target is null ? null : context.Model.GetSymbolInfo(target, context.CancellationToken).Symbol;
    }

    /// <summary>Whether a mention of a variable is only the running side of <c>s += t</c>, <c>s -= t</c>, <c>s = s ± t</c>, <c>s = t + s</c>, <c>s++</c>.</summary>
    private static bool IsPartOfSum(ExpressionSyntax identifier)
    {
        var parent = identifier.Parent;
        if (parent is AssignmentExpressionSyntax a && a.Left == identifier)
        {
            if (a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression)) return true;
            return a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a.Right is BinaryExpressionSyntax b &&
                   ((b.IsKind(SyntaxKind.AddExpression) && (Same(b.Left, identifier) || Same(b.Right, identifier))) ||
                    (b.IsKind(SyntaxKind.SubtractExpression) && Same(b.Left, identifier)));
        }
        if (parent is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax) return parent.Parent is ExpressionStatementSyntax;
        if (parent is BinaryExpressionSyntax binary && binary.Parent is AssignmentExpressionSyntax { Left: var left } owner &&
            owner.Right == binary && SyntaxFactory.AreEquivalent(left, identifier))
            return binary.IsKind(SyntaxKind.AddExpression) || (binary.IsKind(SyntaxKind.SubtractExpression) && binary.Left == identifier);
        return false;
    }

    private static bool Same(ExpressionSyntax e, ExpressionSyntax mention) => SyntaxFactory.AreEquivalent(e, mention);
}
