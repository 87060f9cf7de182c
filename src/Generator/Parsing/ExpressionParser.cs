using System;
using System.Collections.Generic;
using System.Threading;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Reads one C# expression of type double into the IR, resolving names through the semantic model.</summary>
internal sealed class ExpressionParser
{
    /// <summary>Deeper trees are refused with a diagnostic instead of risking the IDE's stack.</summary>
    public const int MaxDepth = 400;

    private readonly SemanticModel _model;
    private readonly SsaScope _scope;
    private readonly INamedTypeSymbol _containingType;
    private readonly ISet<string> _variableNames;
    private readonly CancellationToken _cancellationToken;

    /// <param name="variableNames">Parameter and local names of the method: a field of the same name must be qualified.</param>
    public ExpressionParser(SemanticModel model, SsaScope scope, INamedTypeSymbol containingType, ISet<string> variableNames, CancellationToken cancellationToken)
    {
        _model = model;
        _scope = scope;
        _containingType = containingType;
        _variableNames = variableNames;
        _cancellationToken = cancellationToken;
    }

    public Expr Parse(ExpressionSyntax syntax) => Parse(syntax, 0);

    private Expr Parse(ExpressionSyntax syntax, int depth)
    {
        if (depth > MaxDepth)
            throw new NotDifferentiableException(syntax, $"the expression is nested more than {MaxDepth} levels deep; split it into locals");
        _cancellationToken.ThrowIfCancellationRequested();

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return Parse(p.Expression, depth + 1);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when TryNamedValue(syntax, out var named):
                return named;
        }

        if (TryConstant(syntax, out var constant)) return constant;

        switch (syntax)
        {
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new Unary(UnaryOperator.Negate, Parse(u.Operand, depth + 1));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Parse(u.Operand, depth + 1);
            case BinaryExpressionSyntax b when ArithmeticOperator(b.Kind()) is { } op:
                RequireDouble(b.Left);
                RequireDouble(b.Right);
                return new Binary(op, Parse(b.Left, depth + 1), Parse(b.Right, depth + 1));
            case CastExpressionSyntax c:
                return ParseCast(c, depth);
            case InvocationExpressionSyntax i:
                return ParseInvocation(i, depth);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                throw NotAValue(syntax);
            case BinaryExpressionSyntax b:
                throw new NotDifferentiableException(b, $"the operator '{b.OperatorToken.Text}' has no derivative rule; use + - * / and System.Math functions");
            default:
                throw new NotDifferentiableException(syntax, $"a {SyntaxDescriptions.Describe(syntax)} is not supported in a differentiable method");
        }
    }

    private static BinaryOperator? ArithmeticOperator(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => BinaryOperator.Add,
        SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
        SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
        SyntaxKind.DivideExpression => BinaryOperator.Divide,
        _ => null,
    };

    private bool TryConstant(ExpressionSyntax syntax, out Expr constant)
    {
        constant = Constant.Zero;
        var value = _model.GetConstantValue(syntax, _cancellationToken);
        if (!value.HasValue) return false;
        if (value.Value is double or float or decimal or int or uint or long or ulong or short or ushort or byte or sbyte or char)
        {
            constant = new Constant(Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        throw new NotDifferentiableException(syntax, "only numeric constants can take part in a differentiable computation");
    }

    /// <summary>Parameters, locals and constant fields; other symbols fall through to the error paths.</summary>
    private bool TryNamedValue(ExpressionSyntax syntax, out Expr value)
    {
        value = Constant.Zero;
        var symbol = _model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
        switch (symbol)
        {
            case IParameterSymbol or ILocalSymbol { IsConst: false }:
                RequireDouble(syntax);
                value = _scope.Read(symbol) ?? throw new IncompleteCodeException();
                return true;
            case IFieldSymbol field when (field.IsConst || (field.IsStatic && field.IsReadOnly)) &&
                                         field.Type.SpecialType == SpecialType.System_Double:
                value = new Symbol(FieldAccess(field), NameKind.NamedConstant);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Fields of the containing type by simple name (generated code lives in the same type) unless a parameter or
    /// local of the method has that name; others fully qualified.
    /// </summary>
    private string FieldAccess(IFieldSymbol field)
    {
        if (SymbolEqualityComparer.Default.Equals(field.ContainingType, _containingType) && !_variableNames.Contains(field.Name))
            return EscapedName(field.Name);
        var type = field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return type + "." + EscapedName(field.Name);
    }

    private static string EscapedName(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private Exception NotAValue(ExpressionSyntax syntax)
    {
        var symbol = _model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
        return symbol switch
        {
            null => new IncompleteCodeException(),
            IFieldSymbol f when f.Type.SpecialType != SpecialType.System_Double =>
                new NotDifferentiableException(syntax, $"the field '{f.Name}' is of type '{f.Type.ToDisplayString()}', not double"),
            IFieldSymbol f =>
                new NotDifferentiableException(syntax, $"the field '{f.Name}' can change between calls; make it const or static readonly, or pass it as a parameter"),
            IPropertySymbol p =>
                new NotDifferentiableException(syntax, $"the property '{p.Name}' is read through a call the generator cannot see into; pass its value as a parameter"),
            ILocalSymbol or IParameterSymbol =>
                new NotDifferentiableException(syntax, $"'{symbol.Name}' is not a double"),
            _ => new NotDifferentiableException(syntax, $"'{symbol.Name}' is not a double value the generator can differentiate"),
        };
    }

    private Expr ParseCast(CastExpressionSyntax cast, int depth)
    {
        var target = _model.GetTypeInfo(cast.Type, _cancellationToken).Type;
        var operand = _model.GetTypeInfo(cast.Expression, _cancellationToken).Type;
        if (target is null || operand is null || target.TypeKind == TypeKind.Error || operand.TypeKind == TypeKind.Error)
            throw new IncompleteCodeException();
        if (target.SpecialType == SpecialType.System_Double && operand.SpecialType == SpecialType.System_Double)
            return Parse(cast.Expression, depth + 1);
        var reason = target.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            ? "a cast to an integer is piecewise constant, so its derivative is zero wherever it exists"
            : $"a cast from '{operand.ToDisplayString()}' to '{target.ToDisplayString()}' is not differentiable";
        throw new NotDifferentiableException(cast, reason);
    }

    private Expr ParseInvocation(InvocationExpressionSyntax invocation, int depth)
    {
        var method = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol as IMethodSymbol;
        if (method is null) throw new IncompleteCodeException();
        if (!MathFunctionBinder.IsSystemMath(method.ContainingType))
        {
            throw new NotDifferentiableException(invocation,
                $"the call to '{method.Name}' cannot be differentiated yet; inline its arithmetic into the cost");
        }

        var function = MathFunctionBinder.Bind(method, out var reason) ?? throw new NotDifferentiableException(invocation, reason);
        var arguments = invocation.ArgumentList.Arguments;
        var parsed = new Expr[arguments.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (arguments[i].NameColon is not null || !arguments[i].RefKindKeyword.IsKind(SyntaxKind.None))
                throw new NotDifferentiableException(arguments[i], "pass Math function arguments by position");
            RequireDouble(arguments[i].Expression);
            parsed[i] = Parse(arguments[i].Expression, depth + 1);
        }
        return new Call(function, parsed);
    }

    /// <summary>Integer arithmetic would be differentiated as if it were real; refuse it where it is not a constant.</summary>
    private void RequireDouble(ExpressionSyntax syntax)
    {
        var info = _model.GetTypeInfo(syntax, _cancellationToken);
        if (info.Type is null || info.Type.TypeKind == TypeKind.Error) throw new IncompleteCodeException();
        if (info.Type.SpecialType == SpecialType.System_Double) return;
        if (_model.GetConstantValue(syntax, _cancellationToken).HasValue) return;
        throw new NotDifferentiableException(syntax,
            $"the value is of type '{info.Type.ToDisplayString()}'; only double arithmetic is differentiated");
    }
}
