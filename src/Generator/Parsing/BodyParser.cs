using System.Collections.Generic;
using System.Threading;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Reads a method body into SSA statements ending in one <see cref="Return"/>.</summary>
internal sealed class BodyParser
{
    private readonly SemanticModel _model;
    private readonly SsaScope _scope;
    private readonly ExpressionParser _expressions;
    private readonly CancellationToken _cancellationToken;
    private readonly List<Statement> _statements = new();
    private bool _returned;

    public BodyParser(SemanticModel model, SsaScope scope, INamedTypeSymbol containingType, ISet<string> variableNames, CallBinder calls, CancellationToken cancellationToken)
    {
        _model = model;
        _scope = scope;
        _cancellationToken = cancellationToken;
        _expressions = new ExpressionParser(model, scope, containingType, variableNames, calls, _statements.Add, cancellationToken);
    }

    public IReadOnlyList<Statement> Parse(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            _statements.Add(new Return(_expressions.Parse(arrow.Expression)));
        }
        else if (method.Body is { } body)
        {
            ParseBlock(body);
            if (!_returned) throw new IncompleteCodeException();
        }
        else if (method.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText,
                "this declares a partial method without its body; put [Differentiable] on the part that implements it");
        }
        else
        {
            throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText,
                "the method has no body to differentiate");
        }
        return _statements;
    }

    private void ParseBlock(BlockSyntax block)
    {
        foreach (var statement in block.Statements)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (_returned)
                throw new NotDifferentiableException(statement, "a statement after 'return' is never run");
            ParseStatement(statement);
        }
    }

    private void ParseStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case BlockSyntax block:
                ParseBlock(block);
                break;
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax declaration:
                ParseDeclaration(declaration);
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                ParseExpressionStatement(expression);
                break;
            case ReturnStatementSyntax { Expression: { } value }:
                _statements.Add(new Return(_expressions.Parse(value)));
                _returned = true;
                break;
            case IfStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax:
                throw new NotDifferentiableException(statement,
                    $"control flow ({FirstToken(statement)}) is not differentiated yet; write the cost as straight-line code");
            default:
                throw new NotDifferentiableException(statement,
                    $"a {SyntaxDescriptions.Describe(statement)} is not supported in a differentiable method");
        }
    }

    private static string FirstToken(SyntaxNode node) => node.GetFirstToken().Text;

    private void ParseDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.IsConst) return; // uses are folded to their value by the expression parser
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            throw new NotDifferentiableException(declaration, "a using declaration is not supported in a differentiable method");

        foreach (var declarator in declaration.Declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local)
                throw new IncompleteCodeException();
            if (local.Type.SpecialType != SpecialType.System_Double)
            {
                throw new NotDifferentiableException(declarator,
                    $"the local '{local.Name}' is of type '{local.Type.ToDisplayString()}'; only double locals are differentiated");
            }
            if (declarator.Initializer is { Value: var initializer })
            {
                var value = _expressions.Parse(initializer);
                _statements.Add(new Assignment(_scope.Write(local, value), value));
            }
        }
    }

    private void ParseExpressionStatement(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                ParseAssignment(assignment);
                break;
            case PostfixUnaryExpressionSyntax { Operand: var operand } increment
                when increment.IsKind(SyntaxKind.PostIncrementExpression) || increment.IsKind(SyntaxKind.PostDecrementExpression):
                Step(expression, operand, increment.IsKind(SyntaxKind.PostIncrementExpression));
                break;
            case PrefixUnaryExpressionSyntax { Operand: var operand } increment
                when increment.IsKind(SyntaxKind.PreIncrementExpression) || increment.IsKind(SyntaxKind.PreDecrementExpression):
                Step(expression, operand, increment.IsKind(SyntaxKind.PreIncrementExpression));
                break;
            default:
                throw new NotDifferentiableException(expression,
                    "only assignments to locals can stand as statements in a differentiable method");
        }
    }

    private void ParseAssignment(AssignmentExpressionSyntax assignment)
    {
        var target = AssignedVariable(assignment, assignment.Left);
        var right = _expressions.Parse(assignment.Right);
        Expr value;
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            value = right;
        }
        else
        {
            BinaryOperator? op = assignment.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => BinaryOperator.Add,
                SyntaxKind.SubtractAssignmentExpression => BinaryOperator.Subtract,
                SyntaxKind.MultiplyAssignmentExpression => BinaryOperator.Multiply,
                SyntaxKind.DivideAssignmentExpression => BinaryOperator.Divide,
                _ => null,
            };
            if (op is null)
            {
                throw new NotDifferentiableException(assignment,
                    $"the operator '{assignment.OperatorToken.Text}' has no derivative rule; use = += -= *= /=");
            }
            value = new Binary(op.Value, Current(target), right);
        }
        _statements.Add(new Assignment(_scope.Write(target, value), value));
    }

    private void Step(ExpressionSyntax statement, ExpressionSyntax operand, bool increment)
    {
        var target = AssignedVariable(statement, operand);
        var op = increment ? BinaryOperator.Add : BinaryOperator.Subtract;
        var value = new Binary(op, Current(target), Constant.One); // read before the write makes a new version
        _statements.Add(new Assignment(_scope.Write(target, value), value));
    }

    private Symbol Current(ISymbol variable) => _scope.Read(variable) ?? throw new IncompleteCodeException();

    /// <summary>The local or parameter a statement writes; fields and elements cannot be written.</summary>
    private ISymbol AssignedVariable(ExpressionSyntax statement, ExpressionSyntax target)
    {
        var symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        switch (symbol)
        {
            case null:
                throw new IncompleteCodeException();
            case ILocalSymbol { Type.SpecialType: SpecialType.System_Double } or IParameterSymbol { Type.SpecialType: SpecialType.System_Double }:
                return symbol;
            default:
                throw new NotDifferentiableException(statement,
                    $"only double locals and parameters can be assigned in a differentiable method, not '{symbol.Name}'");
        }
    }
}
