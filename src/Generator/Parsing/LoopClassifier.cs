using System.Collections.Generic;
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
    /// The variables from outside the loop that the body writes, when one of them is written other than by a plain
    /// sum (or read while summed into), which makes the loop a recurrence carrying all of them; null when the loop only sums.
    /// </summary>
    public static IReadOnlyList<ISymbol>? RecurrenceVariables(StatementSyntax body, ImmutableDictionary<ISymbol, Expr> outside, ParseContext context)
    {
        var nodes = Nodes(body, context);
        var written = Written(nodes, outside, context);
        if (written.Count == 0) return null; // refused later: the loop changes nothing
        // A break makes the number of passes depend on the data: every value the loop changes is carried.
        if (HasOwnBreak(body)) return written;
        var names = new HashSet<string>(written.Select(v => v.Name));
        foreach (var identifier in nodes.OfType<IdentifierNameSyntax>())
        {
            if (!names.Contains(identifier.Identifier.ValueText) ||
                context.Model.GetSymbolInfo(identifier, context.CancellationToken).Symbol is not { } variable ||
                !written.Contains(variable, SymbolEqualityComparer.Default)) continue;
            // An array's mention is its element: the pass's own a[k] of the loop that fills it, which reads as a variable.
            ExpressionSyntax mention = identifier.Parent is ElementAccessExpressionSyntax element && element.Expression == identifier ? element : identifier;
            if (!IsPartOfSum(mention)) return written;
        }
        // Only sums, but one read while summing into another: a recurrence of them all.
        return written.Count > 1 && ReadsRunningSum(nodes, written, context) ? written : null;
    }

    /// <summary>The variables from outside the loop that its body writes, in the order first written.</summary>
    public static List<ISymbol> WrittenOutside(StatementSyntax body, ImmutableDictionary<ISymbol, Expr> outside, ParseContext context) =>
        Written(Nodes(body, context), outside, context);

    private static List<SyntaxNode> Nodes(StatementSyntax body, ParseContext context)
    {
        var skip = context.SkipStatement;
        return body.DescendantNodesAndSelf().Where(n => skip is null || !skip.Span.Contains(n.Span)).ToList();
    }

    private static List<ISymbol> Written(List<SyntaxNode> nodes, ImmutableDictionary<ISymbol, Expr> outside, ParseContext context) =>
        nodes.Select(n => WrittenVariable(n, context)).Where(v => v is not null && (v is IParameterSymbol { Type: not IArrayTypeSymbol } || outside.ContainsKey(v)))
            .Distinct(SymbolEqualityComparer.Default).Select(v => v!).ToList();

    /// <summary>A break of this loop (not of a loop or switch inside it).</summary>
    public static bool HasOwnBreak(StatementSyntax body) =>
        body.DescendantNodesAndSelf(n => n == body || !(LoopShapes.IsLoop(n) || n is SwitchStatementSyntax))
            .OfType<BreakStatementSyntax>().Any();

    /// <summary>Whether a sum's running value is read outside its own update (<c>s += w; t += s;</c>).</summary>
    private static bool ReadsRunningSum(List<SyntaxNode> nodes, List<ISymbol> written, ParseContext context)
    {
        foreach (var identifier in nodes.OfType<IdentifierNameSyntax>())
        {
            if (context.Model.GetSymbolInfo(identifier, context.CancellationToken).Symbol is not { } variable ||
                !written.Contains(variable, SymbolEqualityComparer.Default)) continue;
            var owner = identifier.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
            var target = owner is null ? null : WrittenVariable(owner, context);
            if (owner is not null && target is not null && !SymbolEqualityComparer.Default.Equals(target, variable) && owner.Right.Span.Contains(identifier.Span)) return true;
        }
        return false;
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
