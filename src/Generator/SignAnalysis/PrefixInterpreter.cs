using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// Runs, symbolically, the statements that execute before an update in the same pass through the method or loop
/// body: assignments define locals, cost and gradient calls are recorded, and whatever it does not follow
/// (branches not taken on the way, calls, loops) makes the variables it writes unknown. Never throws on
/// incomplete code: unknown constructs become opaque values.
/// </summary>
internal sealed class PrefixInterpreter
{
    private readonly SemanticModel _model;
    private readonly CostCatalog _catalog;
    private readonly CancellationToken _cancellationToken;

    private PrefixInterpreter(SemanticModel model, CostCatalog catalog, CancellationToken cancellationToken)
    {
        _model = model;
        _catalog = catalog;
        _cancellationToken = cancellationToken;
        Trace = new Trace();
    }

    public Trace Trace { get; }

    /// <summary>
    /// An interpreter that has run everything before <paramref name="update"/> in <paramref name="body"/> (its
    /// <see cref="Trace"/> holds the result), or null when the path to the update cannot be followed.
    /// </summary>
    public static PrefixInterpreter? RunUpTo(BlockSyntax body, StatementSyntax update, SemanticModel model, CostCatalog catalog, CancellationToken cancellationToken)
    {
        var interpreter = new PrefixInterpreter(model, catalog, cancellationToken);
        return interpreter.Walk(body, update) ? interpreter : null;
    }

    /// <returns>True when <paramref name="target"/> was reached.</returns>
    private bool Walk(StatementSyntax container, StatementSyntax target)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (container)
        {
            case BlockSyntax block:
                foreach (var statement in block.Statements)
                {
                    if (statement == target) return true;
                    if (statement.Span.Contains(target.Span)) return Walk(statement, target);
                    Execute(statement);
                }
                return false;
            case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                // Each pass starts with whatever the previous passes left: nothing the loop writes is known.
                foreach (var variable in WrittenIn(container)) Trace.StartPass(variable);
                return WalkInto(LoopBody(container), target);
            case IfStatementSyntax ifStatement:
                return ifStatement.Statement.Span.Contains(target.Span)
                    ? WalkInto(ifStatement.Statement, target)
                    : ifStatement.Else is { } elseClause && WalkInto(elseClause.Statement, target);
            case UsingStatementSyntax u: return WalkInto(u.Statement, target);
            case LockStatementSyntax l: return WalkInto(l.Statement, target);
            case CheckedStatementSyntax c: return Walk(c.Block, target);
            case UnsafeStatementSyntax u: return Walk(u.Block, target);
            case FixedStatementSyntax f: return WalkInto(f.Statement, target);
            case LabeledStatementSyntax l: return WalkInto(l.Statement, target);
            case TryStatementSyntax t when t.Block.Span.Contains(target.Span): return Walk(t.Block, target);
            default:
                return false;
        }
    }

    private bool WalkInto(StatementSyntax? statement, StatementSyntax target) =>
        statement is not null && (statement == target || Walk(statement, target));

    private static StatementSyntax? LoopBody(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax f => f.Statement,
        ForEachStatementSyntax f => f.Statement,
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        _ => null,
    };

    private void Execute(StatementSyntax statement)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                foreach (var declarator in declaration.Declaration.Variables)
                {
                    if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local) continue;
                    if (declarator.Initializer is { Value: var value }) Trace.Assign(local, Read(value));
                }
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                ExecuteExpression(expression);
                break;
            case EmptyStatementSyntax:
                break;
            default:
                InvalidateWrittenIn(statement);
                break;
        }
    }

    private void ExecuteExpression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment when Variable(assignment.Left) is { } target:
                var right = Read(assignment.Right);
                var value = assignment.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => right,
                    SyntaxKind.AddAssignmentExpression => new Binary(BinaryOperator.Add, Trace.Read(target), right),
                    SyntaxKind.SubtractAssignmentExpression => new Binary(BinaryOperator.Subtract, Trace.Read(target), right),
                    SyntaxKind.MultiplyAssignmentExpression => new Binary(BinaryOperator.Multiply, Trace.Read(target), right),
                    SyntaxKind.DivideAssignmentExpression => new Binary(BinaryOperator.Divide, Trace.Read(target), right),
                    _ => Trace.Opaque(),
                };
                Trace.Assign(target, value);
                break;
            case PostfixUnaryExpressionSyntax { Operand: var operand } u when Variable(operand) is { } counter:
                Step(counter, u.IsKind(SyntaxKind.PostIncrementExpression), u.IsKind(SyntaxKind.PostDecrementExpression));
                break;
            case PrefixUnaryExpressionSyntax { Operand: var operand } u when Variable(operand) is { } counter:
                Step(counter, u.IsKind(SyntaxKind.PreIncrementExpression), u.IsKind(SyntaxKind.PreDecrementExpression));
                break;
            case InvocationExpressionSyntax invocation:
                Read(invocation);
                break;
            default:
                InvalidateWrittenIn(expression);
                break;
        }
    }

    private void Step(ISymbol variable, bool increment, bool decrement)
    {
        if (increment || decrement)
            Trace.Assign(variable, new Binary(increment ? BinaryOperator.Add : BinaryOperator.Subtract, Trace.Read(variable), Constant.One));
        else
            Trace.Invalidate(variable);
    }

    /// <summary>The local, parameter or field an expression names, if it is a plain variable of a numeric type.</summary>
    public ISymbol? Variable(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax p) expression = p.Expression;
        if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax })) return null;
        var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
        return symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol ? symbol : null;
    }

    private void InvalidateWrittenIn(SyntaxNode node)
    {
        foreach (var variable in WrittenIn(node)) Trace.Invalidate(variable);
    }

    private IEnumerable<ISymbol> WrittenIn(SyntaxNode node)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            var written = descendant switch
            {
                AssignmentExpressionSyntax a => Variable(a.Left),
                PostfixUnaryExpressionSyntax u => Variable(u.Operand),
                PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.PreIncrementExpression) || u.IsKind(SyntaxKind.PreDecrementExpression) => Variable(u.Operand),
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } arg => Variable(arg.Expression) ?? DeclaredBy(arg.Expression),
                VariableDeclaratorSyntax v => _model.GetDeclaredSymbol(v, _cancellationToken),
                _ => null,
            };
            if (written is not null) yield return written;
        }
    }

    private ISymbol? DeclaredBy(ExpressionSyntax expression) =>
        expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax d }
            ? _model.GetDeclaredSymbol(d, _cancellationToken)
            : null;

    /// <summary>C# → IR, leniently: what it cannot read becomes an opaque value.</summary>
    public Expr Read(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var constant = _model.GetConstantValue(expression, _cancellationToken);
        if (constant.HasValue && constant.Value is double or float or int or long or short or byte or decimal)
            return new Constant(System.Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture));

        switch (expression)
        {
            case ParenthesizedExpressionSyntax p:
                return Read(p.Expression);
            case CastExpressionSyntax c when _model.GetTypeInfo(c, _cancellationToken).Type?.SpecialType is SpecialType.System_Double:
                return Read(c.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new Unary(UnaryOperator.Negate, Read(u.Operand));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Read(u.Operand);
            case BinaryExpressionSyntax b when Arithmetic(b.Kind()) is { } op:
                return new Binary(op, Read(b.Left), Read(b.Right));
            case InvocationExpressionSyntax invocation:
                return ReadCall(invocation);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when Variable(expression) is { } variable:
                return Trace.Read(variable);
            case ElementAccessExpressionSyntax or MemberAccessExpressionSyntax:
                return Trace.Value(Key(expression), SyntaxDescriptions.Excerpt(expression));
            default:
                InvalidateWrittenIn(expression);
                return Trace.Opaque();
        }
    }

    /// <summary>
    /// Names a read such as <c>xs[i]</c> or <c>sample.X</c> by its text and the versions of the variables in it, so
    /// the same read in the cost's arguments and in the step is one value.
    /// </summary>
    private string Key(ExpressionSyntax expression)
    {
        var versions = expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(i => _model.GetSymbolInfo(i, _cancellationToken).Symbol)
            .Where(v => v is ILocalSymbol or IParameterSymbol or IFieldSymbol)
            .Select(v => Trace.Read(v!) is Symbol s ? s.Name : "?");
        return expression.ToString() + "@" + string.Join(",", versions);
    }

    private static BinaryOperator? Arithmetic(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => BinaryOperator.Add,
        SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
        SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
        SyntaxKind.DivideExpression => BinaryOperator.Divide,
        _ => null,
    };

    private Expr ReadCall(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method || arguments.Any(a => a.NameColon is not null))
        {
            InvalidateWrittenIn(invocation);
            return Trace.Opaque();
        }

        if (MathFunctionBinder.IsSystemMath(method.ContainingType) && MathFunctionBinder.Bind(method, out _) is { } function)
            return new Call(function, arguments.Select(a => Read(a.Expression)).ToArray());

        var classified = _catalog.Classify(method);
        var cost = classified is { } c ? _catalog.Derivatives(c.Cost, _cancellationToken) : null;
        if (cost is null || arguments.Count < cost.Parameters.Count)
        {
            InvalidateWrittenIn(invocation);
            return Trace.Opaque();
        }

        var values = arguments.Take(cost.Parameters.Count).Select(a => Read(a.Expression)).ToList();
        Trace.Costs.Add(new CostEvaluation(cost, values));
        if (classified!.Value.IsGradient) BindGradientOuts(arguments, cost, values);
        return Trace.Opaque();
    }

    /// <summary>The generated gradient's out parameters are ∂cost/∂(wrt parameter) at the arguments.</summary>
    private void BindGradientOuts(SeparatedSyntaxList<ArgumentSyntax> arguments, CostDerivatives cost, IReadOnlyList<Expr> values)
    {
        for (var i = cost.Parameters.Count; i < arguments.Count; i++)
        {
            var target = Variable(arguments[i].Expression) ?? DeclaredBy(arguments[i].Expression);
            if (target is null) continue;
            var wrtIndex = i - cost.Parameters.Count;
            if (!arguments[i].RefKindKeyword.IsKind(SyntaxKind.OutKeyword) || wrtIndex >= cost.Wrt.Count)
            {
                Trace.Invalidate(target);
                continue;
            }
            var parameter = cost.Parameters.ToList().IndexOf(cost.Wrt[wrtIndex]);
            Trace.Assign(target, cost.PartialAt(parameter, values));
        }
    }
}
