using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// A switch expression over an int or double value, as the chain of conditionals it means: each arm's pattern
/// (constants, relational patterns, <c>and</c>/<c>or</c>/<c>not</c>) becomes a condition on the value, read once;
/// the final discard arm is the value when nothing else matches. The derivative is that of the arm taken.
/// </summary>
internal sealed class SwitchReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;

    public SwitchReader(ParseContext context, ExpressionReader expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    public Expr Read(SwitchExpressionSyntax switchExpression, int depth)
    {
        var arms = switchExpression.Arms;
        if (arms.Count == 0 || arms[arms.Count - 1] is not { Pattern: DiscardPatternSyntax, WhenClause: null })
            throw new NotDifferentiableException(switchExpression,
                "a switch expression is differentiated when its last arm is the discard `_ => …` (the value when no other arm matches); add one");
        _expressions.RequireDouble(switchExpression.GoverningExpression);
        var value = _expressions.Read(switchExpression.GoverningExpression, depth + 1);

        var last = arms[arms.Count - 1].Expression;
        _expressions.RequireDouble(last);
        var result = _expressions.Read(last, depth + 1);
        for (var i = arms.Count - 2; i >= 0; i--)
        {
            var arm = arms[i];
            if (arm.WhenClause is { } when)
                throw new NotDifferentiableException(when, "a when clause of a switch arm is not differentiated; join the condition into the pattern, or write the switch as if/else");
            _expressions.RequireDouble(arm.Expression);
            var condition = Condition(arm.Pattern, value);
            var armValue = _expressions.Read(arm.Expression, depth + 1);
            result = condition switch
            {
                Constant k => k.IsZero ? result : armValue,
                _ => new Conditional(condition, armValue, result),
            };
        }
        return result;
    }

    private Expr Condition(PatternSyntax pattern, Expr value)
    {
        switch (pattern)
        {
            case ParenthesizedPatternSyntax p:
                return Condition(p.Pattern, value);
            case DiscardPatternSyntax:
                return Constant.One;
            case ConstantPatternSyntax c:
                return new Binary(BinaryOperator.Equal, value, Number(c.Expression));
            case RelationalPatternSyntax r when Relation(r.OperatorToken.Kind()) is { } relation:
                return new Binary(relation, value, Number(r.Expression));
            case UnaryPatternSyntax u when u.OperatorToken.IsKind(SyntaxKind.NotKeyword):
                return new Unary(UnaryOperator.Not, Condition(u.Pattern, value));
            case BinaryPatternSyntax b:
                var logic = b.OperatorToken.IsKind(SyntaxKind.AndKeyword) ? BinaryOperator.And : BinaryOperator.Or;
                return new Binary(logic, Condition(b.Left, value), Condition(b.Right, value));
            default:
                throw new NotDifferentiableException(pattern,
                    "a switch arm is differentiated when its pattern is a constant (0, 1.5), a comparison (< 0, >= 1) or those joined by and, or, not");
        }
    }

    private Constant Number(ExpressionSyntax syntax) =>
        ExpressionReader.NumericConstant(_context.Model.GetConstantValue(syntax, _context.CancellationToken))
        ?? throw new NotDifferentiableException(syntax, "a switch arm compares with numeric constants only");

    private static BinaryOperator? Relation(SyntaxKind kind) => kind switch
    {
        SyntaxKind.LessThanToken => BinaryOperator.LessThan,
        SyntaxKind.LessThanEqualsToken => BinaryOperator.LessThanOrEqual,
        SyntaxKind.GreaterThanToken => BinaryOperator.GreaterThan,
        SyntaxKind.GreaterThanEqualsToken => BinaryOperator.GreaterThanOrEqual,
        _ => null,
    };
}
