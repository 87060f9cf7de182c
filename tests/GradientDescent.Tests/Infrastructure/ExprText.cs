using System;
using System.Globalization;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>Reads a C# expression such as <c>0.5 * a + Math.Exp(-b)</c> into IR, from syntax alone, for unit tests.</summary>
internal static class ExprText
{
    public static Expr Parse(string text) => Read(SyntaxFactory.ParseExpression(text));

    private static Expr Read(ExpressionSyntax syntax) => syntax switch
    {
        ParenthesizedExpressionSyntax p => Read(p.Expression),
        LiteralExpressionSyntax l => new Constant(Convert.ToDouble(l.Token.Value, CultureInfo.InvariantCulture)),
        IdentifierNameSyntax i => new Symbol(i.Identifier.ValueText, SymbolRole.Parameter),
        PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) => new Unary(UnaryOperator.Negate, Read(u.Operand)),
        PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression) => new Unary(UnaryOperator.Not, Read(u.Operand)),
        BinaryExpressionSyntax b => new Binary(Operator(b.Kind()), Read(b.Left), Read(b.Right)),
        ConditionalExpressionSyntax c => new Conditional(Read(c.Condition), Read(c.WhenTrue), Read(c.WhenFalse)),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } call =>
            new Call(Enum.Parse<MathFunction>(m.Name.Identifier.ValueText), call.ArgumentList.Arguments.Select(a => Read(a.Expression)).ToArray()),
        _ => throw new ArgumentException("Unsupported in ExprText: " + syntax),
    };

    private static BinaryOperator Operator(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => BinaryOperator.Add,
        SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
        SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
        SyntaxKind.DivideExpression => BinaryOperator.Divide,
        SyntaxKind.LessThanExpression => BinaryOperator.LessThan,
        SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessThanOrEqual,
        SyntaxKind.GreaterThanExpression => BinaryOperator.GreaterThan,
        SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterThanOrEqual,
        SyntaxKind.EqualsExpression => BinaryOperator.Equal,
        SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
        SyntaxKind.LogicalAndExpression => BinaryOperator.And,
        SyntaxKind.LogicalOrExpression => BinaryOperator.Or,
        _ => throw new ArgumentException("Unsupported operator " + kind),
    };
}
