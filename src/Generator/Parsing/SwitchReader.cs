using System.Collections.Generic;
using System.Linq;
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

        // Each arm is taken where its pattern matches and no earlier one does: a call in it runs only there.
        var conditions = new List<Expr>();
        for (var i = 0; i < arms.Count - 1; i++)
        {
            if (arms[i].WhenClause is { } when)
                throw new NotDifferentiableException(when, "a when clause of a switch arm is not differentiated; join the condition into the pattern, or write the switch as if/else");
            conditions.Add(Condition(arms[i].Pattern, value));
        }
        var lastIndex = arms.Count - 1;
        if (arms[lastIndex].Expression is ThrowExpressionSyntax thrown && _expressions.Host is null)
        {
            // `_ => throw …`: a guard that some arm matches; the value is then the last arm that does not throw.
            if (arms.Count == 1) throw new NotDifferentiableException(switchExpression, "every arm throws, so the switch has no value to differentiate");
            if (switchExpression.Ancestors().TakeWhile(a => a is not StatementSyntax).Any(a => a is ConditionalExpressionSyntax or SwitchExpressionSyntax))
                throw new NotDifferentiableException(thrown, "a throw inside a branch of another conditional is not differentiated; write the guard as a statement of its own: if (…) throw …;");
            _context.AddCheck(conditions.Aggregate((a, b) => new Binary(BinaryOperator.Or, a, b)), ThrowReader.Read(thrown.Expression, _context));
            lastIndex--;
            conditions.RemoveAt(lastIndex); // the last arm that does not throw is now the one taken when no other is
        }
        var guarded = !conditions.Any(c => c is Constant);
        Expr? earlier = null;
        var taken = new List<Expr?>();
        foreach (var condition in conditions)
        {
            taken.Add(earlier is null ? condition : new Binary(BinaryOperator.And, Ex.Not(earlier), condition));
            earlier = earlier is null ? condition : new Binary(BinaryOperator.Or, earlier, condition);
        }
        Expr ReadArm(ExpressionSyntax arm, Expr? when)
        {
            _expressions.RequireDouble(arm);
            return guarded && when is not null ? _context.InArm(when, () => _expressions.Read(arm, depth + 1)) : _expressions.Read(arm, depth + 1);
        }

        var result = ReadArm(arms[lastIndex].Expression, earlier is null ? null : Ex.Not(earlier));
        var values = new Expr[lastIndex];
        for (var i = 0; i < lastIndex; i++) values[i] = ReadArm(arms[i].Expression, taken[i]);
        for (var i = lastIndex - 1; i >= 0; i--)
        {
            result = conditions[i] switch
            {
                Constant k => k.IsZero ? result : values[i],
                var condition => new Conditional(condition, values[i], result),
            };
        }
        return result;
    }

    /// <summary>The condition under which <paramref name="pattern"/> matches <paramref name="value"/> (also a switch statement's case label).</summary>
    internal Expr Condition(PatternSyntax pattern, Expr value)
    {
        switch (pattern)
        {
            case ParenthesizedPatternSyntax p:
                return Condition(p.Pattern, value);
            case DiscardPatternSyntax:
                return Constant.One;
            case ConstantPatternSyntax c:
                return Matches(c.Expression, value);
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

    /// <summary><c>case 2:</c>: the value equals the constant.</summary>
    internal Expr Matches(ExpressionSyntax constant, Expr value)
    {
        var number = Number(constant);
        // A NaN pattern matches NaN, which == never does: refused rather than turned into a test that is always false.
        if (double.IsNaN(number.Value))
            throw new NotDifferentiableException(constant, "a NaN pattern is not differentiated (== NaN is always false); leave NaN out of the cost: check the data before calling it");
        return new Binary(BinaryOperator.Equal, value, number);
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
