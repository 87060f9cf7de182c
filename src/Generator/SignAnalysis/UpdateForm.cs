using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// An update <c>p = p + t</c>, <c>p = t + p</c>, <c>p = p - t</c>, <c>p += t</c> or <c>p -= t</c>: the variable, the
/// step t, and whether t is added or subtracted.
/// </summary>
internal sealed class UpdateForm
{
    private UpdateForm(ExpressionSyntax target, ExpressionSyntax step, bool adds)
    {
        Target = target;
        Step = step;
        Adds = adds;
    }

    public ExpressionSyntax Target { get; }

    public ExpressionSyntax Step { get; }

    /// <summary>True when the step is added to the variable, false when it is subtracted.</summary>
    public bool Adds { get; }

    /// <summary>Recognises the shape by syntax; <paramref name="sameVariable"/> decides whether two expressions name one variable.</summary>
    public static UpdateForm? Match(AssignmentExpressionSyntax assignment, System.Func<ExpressionSyntax, ExpressionSyntax, bool> sameVariable)
    {
        switch (assignment.Kind())
        {
            case SyntaxKind.AddAssignmentExpression:
                return new UpdateForm(assignment.Left, assignment.Right, adds: true);
            case SyntaxKind.SubtractAssignmentExpression:
                return new UpdateForm(assignment.Left, assignment.Right, adds: false);
            case SyntaxKind.SimpleAssignmentExpression:
                var right = assignment.Right;
                while (right is ParenthesizedExpressionSyntax p) right = p.Expression;
                if (right is not BinaryExpressionSyntax binary) return null;
                if (binary.IsKind(SyntaxKind.AddExpression) && sameVariable(assignment.Left, binary.Left))
                    return new UpdateForm(assignment.Left, binary.Right, adds: true);
                if (binary.IsKind(SyntaxKind.AddExpression) && sameVariable(assignment.Left, binary.Right))
                    return new UpdateForm(assignment.Left, binary.Left, adds: true);
                if (binary.IsKind(SyntaxKind.SubtractExpression) && sameVariable(assignment.Left, binary.Left))
                    return new UpdateForm(assignment.Left, binary.Right, adds: false);
                return null;
            default:
                return null;
        }
    }
}
