using System;
using System.Collections.Generic;
using System.Linq;
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
    private readonly CallBinder _calls;
    private readonly Action<Assignment> _hoist;
    private readonly CancellationToken _cancellationToken;

    /// <param name="variableNames">Parameter and local names of the method: a field of the same name must be qualified.</param>
    /// <param name="hoist">Receives a statement for each call of another differentiable method, ahead of the statement being read.</param>
    public ExpressionParser(SemanticModel model, SsaScope scope, INamedTypeSymbol containingType, ISet<string> variableNames,
        CallBinder calls, Action<Assignment> hoist, CancellationToken cancellationToken)
    {
        _calls = calls;
        _hoist = hoist;
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
        if (_model.GetTypeInfo(syntax, _cancellationToken).Type?.SpecialType == SpecialType.System_Int32 &&
            syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or InvocationExpressionSyntax)
            return new IntValue(IntText(syntax, 0)); // casts and calls that give ints say why they are refused below

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
            case ConditionalExpressionSyntax c:
                RequireDouble(c.WhenTrue);
                RequireDouble(c.WhenFalse);
                return ParseCondition(c.Condition, depth + 1) switch
                {
                    Constant k => Parse(k.IsZero ? c.WhenFalse : c.WhenTrue, depth + 1), // `true ? a : b` is a
                    var condition => new Conditional(condition, Parse(c.WhenTrue, depth + 1), Parse(c.WhenFalse, depth + 1)),
                };
            case InvocationExpressionSyntax i:
                return ParseInvocation(i, depth);
            case ElementAccessExpressionSyntax element:
                return ParseElement(element);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                throw NotAValue(syntax);
            case BinaryExpressionSyntax b:
                throw new NotDifferentiableException(b, $"the operator '{b.OperatorToken.Text}' has no derivative rule; use + - * / and System.Math functions");
            default:
                throw new NotDifferentiableException(syntax, $"a {SyntaxDescriptions.Describe(syntax)} is not supported in a differentiable method");
        }
    }

    /// <summary>
    /// A bool condition of comparisons between double values joined by &amp;&amp;, || and !. A constant condition comes back
    /// as <see cref="Constant.One"/> or <see cref="Constant.Zero"/>; it never stays inside logic, where it would print as a number.
    /// </summary>
    public Expr ParseCondition(ExpressionSyntax syntax) => ParseCondition(syntax, 0);

    private Expr ParseCondition(ExpressionSyntax syntax, int depth)
    {
        if (depth > MaxDepth)
            throw new NotDifferentiableException(syntax, $"the condition is nested more than {MaxDepth} levels deep; split it into parts");
        if (_model.GetConstantValue(syntax, _cancellationToken) is { HasValue: true, Value: bool value })
            return value ? Constant.One : Constant.Zero;

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return ParseCondition(p.Expression, depth + 1);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                return ParseCondition(u.Operand, depth + 1) is Constant k ? Truth(k.IsZero) : new Unary(UnaryOperator.Not, ParseCondition(u.Operand, depth + 1));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression):
                var and = b.IsKind(SyntaxKind.LogicalAndExpression);
                var left = ParseCondition(b.Left, depth + 1);
                var right = ParseCondition(b.Right, depth + 1);
                if (left is Constant l) return l.IsZero == and ? Truth(!and) : right; // false && x, true || x, true && x, false || x
                if (right is Constant r && r.IsZero != and) return left;              // x && true, x || false
                return new Binary(and ? BinaryOperator.And : BinaryOperator.Or, left, right);
            case BinaryExpressionSyntax b when ComparisonOperator(b.Kind()) is { } op:
                RequireDouble(b.Left);
                RequireDouble(b.Right);
                return new Binary(op, Parse(b.Left, depth + 1), Parse(b.Right, depth + 1));
            default:
                throw new NotDifferentiableException(syntax,
                    "a condition must compare double values with < <= > >= == != and join them with && || !");
        }
    }

    private static Constant Truth(bool value) => value ? Constant.One : Constant.Zero;

    private static BinaryOperator? ComparisonOperator(SyntaxKind kind) => kind switch
    {
        SyntaxKind.LessThanExpression => BinaryOperator.LessThan,
        SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessThanOrEqual,
        SyntaxKind.GreaterThanExpression => BinaryOperator.GreaterThan,
        SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterThanOrEqual,
        SyntaxKind.EqualsExpression => BinaryOperator.Equal,
        SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
        _ => null,
    };

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
            case IParameterSymbol { Type.SpecialType: SpecialType.System_Int32 } or ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 }:
                return false; // an int: read as an IntValue
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
        if (!MathFunctionBinder.IsSystemMath(method.ContainingType) || HasDerivativeOf(method)) return ParseDifferentiableCall(invocation, method, depth);

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

    private bool HasDerivativeOf(IMethodSymbol method) =>
        MathFunctionBinder.Bind(method, out _) is null; // Math functions without a rule may still have a [DerivativeOf]

    /// <summary>f(a, b) becomes <c>double f = fGradient(a, b, out ∂f/∂a, out ∂f/∂b)</c> ahead of the statement.</summary>
    private Expr ParseDifferentiableCall(InvocationExpressionSyntax invocation, IMethodSymbol method, int depth)
    {
        CallBinder.Binding binding;
        try
        {
            binding = _calls.Bind(method, invocation);
        }
        catch (NotDifferentiableException) when (MathFunctionBinder.IsSystemMath(method.ContainingType))
        {
            MathFunctionBinder.Bind(method, out var reason);
            throw new NotDifferentiableException(invocation, reason); // the Math diagnostic says more than "no [DerivativeOf]"
        }

        var arguments = invocation.ArgumentList.Arguments;
        var parsed = new Expr[arguments.Count];
        var partials = new Symbol?[arguments.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (arguments[i].NameColon is not null || !arguments[i].RefKindKeyword.IsKind(SyntaxKind.None))
                throw new NotDifferentiableException(arguments[i], "pass the arguments of a differentiated call by position");
            RequireDouble(arguments[i].Expression);
            parsed[i] = Parse(arguments[i].Expression, depth + 1);
            var parameter = method.Parameters[i].Name;
            if (Array.IndexOf(binding.Outs, i) >= 0)
                partials[i] = _scope.Fresh("d" + method.Name + "_d" + parameter);
            else if (_scope.IsActive(parsed[i]))
                throw new NotDifferentiableException(arguments[i],
                    $"'{method.Name}' is not differentiated with respect to its parameter '{parameter}', which receives a value that depends on a differentiated parameter; add nameof({parameter}) to its [Differentiable]");
        }

        // Arguments are SSA values, so the same call with the same arguments has the same result: compute it once.
        var key = binding.Gradient + "(" + string.Join(",", parsed.Select(a => a.GetHashCode())) + ")";
        if (_calls.Hoisted.TryGetValue(key, out var earlier) && earlier.Call.Arguments.SequenceEqual(parsed)) return earlier.Result;

        var call = new Invocation(binding.Method, binding.Gradient, parsed, binding.Outs, partials);
        var result = _scope.Fresh(char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1), call);
        _hoist(new Assignment(result, call));
        _calls.Hoisted[key] = (call, result);
        return result;
    }

    /// <summary><c>xs[index]</c> of a double[] or ReadOnlySpan&lt;double&gt; parameter: data, read as written.</summary>
    private Expr ParseElement(ElementAccessExpressionSyntax element)
    {
        var vector = _model.GetSymbolInfo(element.Expression, _cancellationToken).Symbol;
        if (vector is not IParameterSymbol parameter || !ParameterTypes.IsVector(parameter.Type) || element.ArgumentList.Arguments.Count != 1)
        {
            throw new NotDifferentiableException(element,
                "only elements of a double[] or ReadOnlySpan<double> parameter, with one int index, can be read");
        }
        return Element(parameter, IntText(element.ArgumentList.Arguments[0].Expression, 0));
    }

    /// <summary>An element of a vector parameter: data, or (when differentiated) an active symbol whose adjoint goes to d<i>vector</i>[index].</summary>
    public Expr Element(IParameterSymbol vector, string index)
    {
        var array = EscapedName(vector.Name);
        if (!_scope.IsWrtVector(vector.Name)) return new ElementRead(array, new IntValue(index));
        var read = new Symbol(array + "[" + index + "]", NameKind.Element);
        _scope.MarkActive(read);
        return read;
    }

    /// <summary>
    /// An int expression as text, checked to read only what generated code can read the same way: int
    /// parameters, loop indices, literals, + - * / %, and the length of a vector parameter.
    /// </summary>
    public string IntText(ExpressionSyntax syntax, int depth)
    {
        if (depth > MaxDepth) throw new NotDifferentiableException(syntax, $"the index is nested more than {MaxDepth} levels deep");
        var constant = _model.GetConstantValue(syntax, _cancellationToken);
        if (constant.HasValue && constant.Value is int value) return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return "(" + IntText(p.Expression, depth + 1) + ")";
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return "-" + IntText(u.Operand, depth + 1);
            case BinaryExpressionSyntax b when b.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                                                    or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
                return IntText(b.Left, depth + 1) + " " + b.OperatorToken.Text + " " + IntText(b.Right, depth + 1);
            case IdentifierNameSyntax identifier:
                var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                if (symbol is IParameterSymbol { Type.SpecialType: SpecialType.System_Int32 })
                    return EscapedName(symbol.Name);
                if (symbol is ILocalSymbol && _scope.IntLocals.TryGetValue(symbol, out var text))
                    return text is null ? EscapedName(symbol.Name) : new IntValue(text).IsSimple ? text : "(" + text + ")";
                if (symbol is null) throw new IncompleteCodeException();
                throw new NotDifferentiableException(identifier,
                    $"'{symbol.Name}' is not an int parameter, a loop index or an int local that is never reassigned; indices and counts may only read those");
            case InvocationExpressionSyntax call when _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol
                                                            { Name: "Max" or "Min" or "Abs" } m && MathFunctionBinder.IsSystemMath(m.ContainingType) &&
                                                        m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32):
                return "global::System.Math." + ((IMethodSymbol)_model.GetSymbolInfo(call, _cancellationToken).Symbol!).Name + "(" +
                       string.Join(", ", call.ArgumentList.Arguments.Select(a => IntText(a.Expression, depth + 1))) + ")";
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } access
                when _model.GetSymbolInfo(access.Expression, _cancellationToken).Symbol is IParameterSymbol p && ParameterTypes.IsVector(p.Type):
                return EscapedName(p.Name) + ".Length";
            default:
                throw new NotDifferentiableException(syntax,
                    "an int here may only combine int parameters, loop indices, literals, Math.Max/Min/Abs and the Length of a vector parameter");
        }
    }

    /// <summary>Integer arithmetic would be differentiated as if it were real; refuse it where it is not a constant.</summary>
    private void RequireDouble(ExpressionSyntax syntax)
    {
        var info = _model.GetTypeInfo(syntax, _cancellationToken);
        if (info.Type is null || info.Type.TypeKind == TypeKind.Error) throw new IncompleteCodeException();
        if (info.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Int32) return; // ints are counts and indices
        if (_model.GetConstantValue(syntax, _cancellationToken).HasValue) return;
        throw new NotDifferentiableException(syntax,
            $"the value is of type '{info.Type.ToDisplayString()}'; only double arithmetic is differentiated");
    }
}
