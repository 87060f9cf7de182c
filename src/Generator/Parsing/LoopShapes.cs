using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The loop forms the differentiator knows, each reduced to "once per index in [start, end)":
/// <c>for (int i = start; i &lt; end; i++)</c>, <c>foreach</c> over a vector parameter, and the counted <c>while</c>.
/// </summary>
internal static class LoopShapes
{
    /// <summary>The header of a counted for loop, or a diagnostic saying which form is differentiated.</summary>
    public static (ILocalSymbol Index, ExpressionSyntax Start, Expr End) For(ForStatementSyntax loop, ParseContext context, IntReader ints)
    {
        var model = context.Model;
        var ct = context.CancellationToken;
        if (loop.Declaration is not { Variables: { Count: 1 } variables } || variables[0].Initializer is not { } initializer ||
            model.GetDeclaredSymbol(variables[0], ct) is not ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } index ||
            loop.Condition is not BinaryExpressionSyntax condition ||
            !(condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression)) ||
            !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(condition.Left, ct).Symbol, index) ||
            loop.Incrementors.Count != 1 || !IsIncrementOf(loop.Incrementors[0], index) ||
            context.Usages.IsWrittenWithin(index, loop.Statement))
        {
            throw new NotDifferentiableException(loop,
                "a for loop is differentiated in the form for (int i = start; i < end; i++) with i not assigned in the body");
        }
        var end = Bound(condition.Right, loop.Statement, context, ints);
        if (condition.IsKind(SyntaxKind.LessThanOrEqualExpression)) end = new IntOperation(IntOperator.Add, end, IntLiteral.One);
        return (index, initializer.Value, end);
    }

    /// <summary>
    /// The loop's end, read once before the first pass as the generated loops read it; a local the body assigns
    /// would move the end between passes, so it is refused where it is read.
    /// </summary>
    public static Expr Bound(ExpressionSyntax bound, StatementSyntax body, ParseContext context, IntReader ints)
    {
        foreach (var name in bound.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (context.Model.GetSymbolInfo(name, context.CancellationToken).Symbol is ILocalSymbol local && context.Usages.IsWrittenWithin(local, body))
                throw new NotDifferentiableException(name, $"the loop's bound '{local.Name}' is assigned in its body; the bound is read once, before the first pass, so give the changing value its own variable");
        }
        return ints.Read(bound);
    }

    /// <summary>
    /// Whether <paramref name="local"/> counts a while loop: its only write is <c>local++</c> as the last statement of
    /// the loop's block, the condition is <c>local &lt; end</c>, it is declared beside the loop, and nothing reads it after.
    /// </summary>
    public static WhileStatementSyntax? CountedWhile(ILocalSymbol local, VariableDeclaratorSyntax declarator, ParseContext context)
    {
        var writes = context.Usages.Writes(local);
        if (writes.Count != 1 || writes[0] is not ExpressionSyntax write || write.Parent is not ExpressionStatementSyntax increment ||
            increment.Parent is not BlockSyntax { Parent: WhileStatementSyntax loop } block || block.Statements.Last() != increment ||
            !IsIncrementOf(write, local) ||
            loop.Condition is not BinaryExpressionSyntax condition || !condition.IsKind(SyntaxKind.LessThanExpression) ||
            !SymbolEqualityComparer.Default.Equals(context.Model.GetSymbolInfo(condition.Left, context.CancellationToken).Symbol, local))
            return null;
        var readAfter = context.Usages.Reads(local).Any(n => n.SpanStart > loop.Span.End);
        // Declared beside the loop: inside an outer loop the index would not restart on each outer pass.
        var declaredBeside = declarator.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()?.Parent == loop.Parent;
        return readAfter || !declaredBeside ? null : loop;
    }

    /// <summary>A loop statement of any form: what a break or return inside it belongs to.</summary>
    public static bool IsLoop(SyntaxNode node) => node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

    private static bool IsIncrementOf(ExpressionSyntax incrementor, ILocalSymbol index) => incrementor switch
    {
        PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax i } p when p.IsKind(SyntaxKind.PostIncrementExpression) => i.Identifier.ValueText == index.Name,
        PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax i } p when p.IsKind(SyntaxKind.PreIncrementExpression) => i.Identifier.ValueText == index.Name,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax i, Right: LiteralExpressionSyntax { Token.Value: 1 } } a
            when a.IsKind(SyntaxKind.AddAssignmentExpression) => i.Identifier.ValueText == index.Name,
        _ => false,
    };
}
