using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GradientDescent.CodeFixes;

/// <summary>The syntax rewrite behind the GD0001 fix, keeping the user's spacing and comments.</summary>
internal static class UpdateSignFlipper
{
    /// <returns>The assignment moving the variable the other way, or null if it is not an update this fix knows.</returns>
    public static AssignmentExpressionSyntax? Flip(AssignmentExpressionSyntax assignment)
    {
        switch (assignment.Kind())
        {
            case SyntaxKind.AddAssignmentExpression:
                return WithOperator(assignment, SyntaxKind.SubtractAssignmentExpression, SyntaxKind.MinusEqualsToken);
            case SyntaxKind.SubtractAssignmentExpression:
                return WithOperator(assignment, SyntaxKind.AddAssignmentExpression, SyntaxKind.PlusEqualsToken);
            case SyntaxKind.SimpleAssignmentExpression:
                return Strip(assignment.Right) is BinaryExpressionSyntax binary && FlipBinary(assignment.Left, binary) is { } flipped
                    ? assignment.ReplaceNode(binary, flipped)
                    : null;
            default:
                return null;
        }
    }

    private static AssignmentExpressionSyntax WithOperator(AssignmentExpressionSyntax assignment, SyntaxKind kind, SyntaxKind token) =>
        AssignmentExpression(kind, assignment.Left, Token(token).WithTriviaFrom(assignment.OperatorToken), assignment.Right);

    private static ExpressionSyntax? FlipBinary(ExpressionSyntax target, BinaryExpressionSyntax binary)
    {
        if (binary.IsKind(SyntaxKind.AddExpression) && SameText(target, binary.Left)) // p + t → p - t
            return Binary(SyntaxKind.SubtractExpression, binary.Left, binary.OperatorToken, SyntaxKind.MinusToken, binary.Right);
        if (binary.IsKind(SyntaxKind.SubtractExpression) && SameText(target, binary.Left)) // p - t → p + t
            return Binary(SyntaxKind.AddExpression, binary.Left, binary.OperatorToken, SyntaxKind.PlusToken, binary.Right);
        if (binary.IsKind(SyntaxKind.AddExpression) && SameText(target, binary.Right)) // t + p → p - t
        {
            var p = binary.Right.WithTriviaFrom(binary.Left);
            var t = Parenthesize(binary.Left.WithoutTrivia()).WithTrailingTrivia(binary.Right.GetTrailingTrivia());
            return Binary(SyntaxKind.SubtractExpression, p, binary.OperatorToken, SyntaxKind.MinusToken, t);
        }
        return null;
    }

    private static BinaryExpressionSyntax Binary(SyntaxKind kind, ExpressionSyntax left, SyntaxToken oldOperator, SyntaxKind token, ExpressionSyntax right)
    {
        var op = Token(token).WithTriviaFrom(oldOperator);
        // w=w+-lr*g flips to w=w - -lr*g, not w=w--lr*g (a decrement): a sign right after the operator gets a space.
        var next = right.GetFirstToken();
        if (!op.HasTrailingTrivia && !next.HasLeadingTrivia && next.Text.Length > 0 && op.Text[op.Text.Length - 1] == next.Text[0])
            op = op.WithTrailingTrivia(Space);
        return BinaryExpression(kind, left, op, right);
    }

    /// <summary>
    /// t moves right of a minus: <c>a - b + w</c> becomes <c>w - (a - b)</c>, not <c>w - a - b</c>. As the left operand of
    /// <c>+</c>, t is additive or binds tighter, so only an additive t needs parentheses.
    /// </summary>
    private static ExpressionSyntax Parenthesize(ExpressionSyntax t) =>
        t.IsKind(SyntaxKind.AddExpression) || t.IsKind(SyntaxKind.SubtractExpression) ? ParenthesizedExpression(t) : t;

    /// <summary>The same variable as written: spacing aside, and <c>this.w</c> is <c>w</c> (as the analyzer reads them).</summary>
    private static bool SameText(ExpressionSyntax a, ExpressionSyntax b) => Normalized(a) == Normalized(b);

    private static string Normalized(ExpressionSyntax e)
    {
        var text = Strip(e).WithoutTrivia().ToString().Replace(" ", "").Replace("\t", "");
        return text.StartsWith("this.", System.StringComparison.Ordinal) ? text.Substring("this.".Length) : text;
    }

    private static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }
}
