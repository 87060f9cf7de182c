using System;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Reads one C# expression of type double into the IR, resolving names through the semantic model.</summary>
internal sealed class ExpressionReader
{
    /// <summary>Deeper trees are refused with a diagnostic instead of risking the IDE's stack.</summary>
    public const int MaxDepth = 400;

    private readonly ParseContext _context;
    private readonly IntReader _ints;
    private readonly CallReader _calls;
    private readonly SwitchReader _switches;

    /// <param name="host">Null for the parser; otherwise the reader is lenient (see <see cref="IExpressionHost"/>).</param>
    public ExpressionReader(ParseContext context, IExpressionHost? host = null)
    {
        _context = context;
        Host = host;
        _ints = new IntReader(context, this);
        _calls = new CallReader(context, this);
        _switches = new SwitchReader(context, this);
    }

    internal IExpressionHost? Host { get; }

    public IntReader Ints => _ints;

    public SwitchReader Switches => _switches;

    public Expr Read(ExpressionSyntax syntax) => Read(syntax, 0);

    internal Expr Read(ExpressionSyntax syntax, int depth)
    {
        if (Host is null) return ReadStrictly(syntax, depth);
        try
        {
            return ReadStrictly(syntax, depth);
        }
        catch (Exception e) when (e is NotDifferentiableException or IncompleteCodeException)
        {
            return Host.Unreadable(syntax); // the innermost expression refused; what is around it is still read
        }
    }

    private Expr ReadStrictly(ExpressionSyntax syntax, int depth)
    {
        if (depth > MaxDepth)
            throw new NotDifferentiableException(syntax, $"the expression is nested more than {MaxDepth} levels deep; split it into locals");
        _context.CancellationToken.ThrowIfCancellationRequested();
        var model = _context.Model;
        var ct = _context.CancellationToken;

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return Read(p.Expression, depth + 1);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when TryNamedValue(syntax, out var named):
                return named;
        }

        if (TryConstant(syntax, out var constant)) return constant;
        // A lenient host reads int arithmetic as arithmetic over the values it names: it runs nothing, so it needs no
        // int IR that generated code could evaluate.
        if (Host is null && model.GetTypeInfo(syntax, ct).Type?.SpecialType == SpecialType.System_Int32 &&
            syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or InvocationExpressionSyntax or
                ElementAccessExpressionSyntax or CastExpressionSyntax)
            return _ints.Read(syntax); // casts and calls that give ints say why they are refused below

        switch (syntax)
        {
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new Unary(UnaryOperator.Negate, Read(u.Operand, depth + 1));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Read(u.Operand, depth + 1);
            case BinaryExpressionSyntax b when ArithmeticOperator(b.Kind()) is { } op:
                RequireDouble(b.Left);
                RequireDouble(b.Right);
                return new Binary(op, Read(b.Left, depth + 1), Read(b.Right, depth + 1));
            case CastExpressionSyntax c:
                return ReadCast(c, depth);
            case SwitchExpressionSyntax s:
                return _switches.Read(s, depth);
            case ConditionalExpressionSyntax c when c.WhenTrue is ThrowExpressionSyntax || c.WhenFalse is ThrowExpressionSyntax:
                return ReadGuard(c, depth);
            case ConditionalExpressionSyntax c:
                RequireDouble(c.WhenTrue);
                RequireDouble(c.WhenFalse);
                return ReadCondition(c.Condition, depth + 1) switch
                {
                    Constant k => Read(k.IsZero ? c.WhenFalse : c.WhenTrue, depth + 1), // `true ? a : b` is a
                    var condition => new Conditional(condition,
                        _context.InArm(condition, () => Read(c.WhenTrue, depth + 1)),
                        _context.InArm(PathState.Negate(condition), () => Read(c.WhenFalse, depth + 1))),
                };
            case InvocationExpressionSyntax i:
                return _calls.Read(i, depth);
            case ElementAccessExpressionSyntax element:
                return Host?.Unreadable(element) ?? ReadElement(element);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                throw NotAValue(syntax);
            case BinaryExpressionSyntax b:
                throw new NotDifferentiableException(b, $"the operator '{b.OperatorToken.Text}' has no derivative rule; use + - * / and System.Math functions");
            default:
                throw new NotDifferentiableException(syntax, $"a {SyntaxDescriptions.Describe(syntax)} is not supported in a differentiable method");
        }
    }

    /// <summary>
    /// <c>c ? value : throw …</c> (or the throw first): a guard statement, then the value. Only where the expression is
    /// evaluated whole: inside a branch of another conditional the guard would throw on a path that never reaches it.
    /// </summary>
    private Expr ReadGuard(ConditionalExpressionSyntax c, int depth)
    {
        var throwsWhenTrue = c.WhenTrue is ThrowExpressionSyntax;
        var thrown = (ThrowExpressionSyntax)(throwsWhenTrue ? c.WhenTrue : c.WhenFalse);
        var value = throwsWhenTrue ? c.WhenFalse : c.WhenTrue;
        RequireDouble(value);
        if (Host is not null) return Read(value, depth + 1); // GD0001 reads values, not guards
        if (c.Ancestors().TakeWhile(a => a is not StatementSyntax).Any(a => a is ConditionalExpressionSyntax or SwitchExpressionArmSyntax or SwitchExpressionSyntax ||
                                                                        a is BinaryExpressionSyntax b && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression))))
            throw new NotDifferentiableException(thrown, "a throw inside a branch of another conditional is not differentiated; write the guard as a statement of its own: if (…) throw …;");
        var condition = ReadCondition(c.Condition, depth + 1);
        var holds = throwsWhenTrue ? PathState.Negate(condition) : condition;
        if (holds is Constant k)
        {
            if (k.IsZero) throw new NotDifferentiableException(c, "the condition is constant, so this always throws; the method has no value to differentiate");
            return Read(value, depth + 1);
        }
        _context.AddCheck(holds, ThrowReader.Read(thrown.Expression, _context));
        return Read(value, depth + 1);
    }

    /// <summary>
    /// A bool condition of comparisons between double values joined by &amp;&amp;, || and !. A constant condition comes back
    /// as <see cref="Constant.One"/> or <see cref="Constant.Zero"/>; it never stays inside logic, where it would print as a number.
    /// </summary>
    public Expr ReadCondition(ExpressionSyntax syntax) => ReadCondition(syntax, 0);

    private Expr ReadCondition(ExpressionSyntax syntax, int depth)
    {
        if (depth > MaxDepth)
            throw new NotDifferentiableException(syntax, $"the condition is nested more than {MaxDepth} levels deep; split it into parts");
        if (_context.Model.GetConstantValue(syntax, _context.CancellationToken) is { HasValue: true, Value: bool value })
            return value ? Constant.One : Constant.Zero;

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return ReadCondition(p.Expression, depth + 1);
            case IdentifierNameSyntax when Host is null && _context.Model.GetSymbolInfo(syntax, _context.CancellationToken).Symbol is
                    (IParameterSymbol or ILocalSymbol) and var flag && _context.Scope.Read(flag) is { Type: ScalarType.Bool } held:
                return held; // a bool parameter or local: the condition it holds
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                return ReadCondition(u.Operand, depth + 1) is var operand && operand is Constant k ? Truth(k.IsZero) : new Unary(UnaryOperator.Not, operand);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression):
                var and = b.IsKind(SyntaxKind.LogicalAndExpression);
                var left = ReadCondition(b.Left, depth + 1);
                var right = ReadCondition(b.Right, depth + 1);
                if (left is Constant l) return l.IsZero == and ? Truth(!and) : right; // false && x, true || x, true && x, false || x
                if (right is Constant r && r.IsZero != and) return left;              // x && true, x || false
                return new Binary(and ? BinaryOperator.And : BinaryOperator.Or, left, right);
            case BinaryExpressionSyntax b when ComparisonOperator(b.Kind()) is { } op:
                RequireDouble(b.Left);
                RequireDouble(b.Right);
                return new Binary(op, Read(b.Left, depth + 1), Read(b.Right, depth + 1));
            default:
                throw new NotDifferentiableException(syntax,
                    "a condition must compare double values with < <= > >= == != and join them with && || ! (bool parameters and locals count as conditions)");
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

    /// <summary>A compile-time constant of a numeric type as a double constant (also a switch arm's constant).</summary>
    internal static Constant? NumericConstant(Optional<object?> value) =>
        value.HasValue && value.Value is double or float or decimal or int or uint or long or ulong or short or ushort or byte or sbyte or char
            ? new Constant(value.Value is char c ? c : Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture)) // Convert throws on char
            : null;

    private bool TryConstant(ExpressionSyntax syntax, out Expr constant)
    {
        constant = Constant.Zero;
        var value = _context.Model.GetConstantValue(syntax, _context.CancellationToken);
        if (!value.HasValue) return false;
        if (NumericConstant(value) is { } numeric)
        {
            constant = numeric;
            return true;
        }
        throw new NotDifferentiableException(syntax, "only numeric constants can take part in a differentiable computation");
    }

    /// <summary>Parameters, locals and constant fields; other symbols fall through to the error paths.</summary>
    private bool TryNamedValue(ExpressionSyntax syntax, out Expr value)
    {
        value = Constant.Zero;
        var symbol = _context.Model.GetSymbolInfo(syntax, _context.CancellationToken).Symbol;
        if (Host is not null)
        {
            if (symbol is not (ILocalSymbol { IsConst: false } or IParameterSymbol or IFieldSymbol { IsConst: false })) return false; // constants: read as numbers
            value = Host.Variable(symbol);
            return true;
        }
        switch (symbol)
        {
            case IParameterSymbol { Type.SpecialType: SpecialType.System_Int32 } or ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 }:
                return false; // an int: read by the int reader
            case IParameterSymbol or ILocalSymbol { IsConst: false }:
                RequireDouble(syntax);
                value = _context.Scope.Read(symbol) ?? throw new IncompleteCodeException();
                return true;
            case IFieldSymbol field when (field.IsConst || (field.IsStatic && field.IsReadOnly)) &&
                                         field.Type.SpecialType == SpecialType.System_Double:
                value = Field(field);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Fields of the containing type by simple name (generated code lives in the same type) unless a parameter or
    /// local of the method has that name; others fully qualified.
    /// </summary>
    private FieldValue Field(IFieldSymbol field)
    {
        if (SymbolEqualityComparer.Default.Equals(field.ContainingType, _context.ContainingType) && !_context.VariableNames.Contains(field.Name))
            return new FieldValue(null, field.Name);
        return new FieldValue(field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), field.Name);
    }

    private Exception NotAValue(ExpressionSyntax syntax)
    {
        var symbol = _context.Model.GetSymbolInfo(syntax, _context.CancellationToken).Symbol;
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

    private Expr ReadCast(CastExpressionSyntax cast, int depth)
    {
        var target = _context.Model.GetTypeInfo(cast.Type, _context.CancellationToken).Type;
        var operand = _context.Model.GetTypeInfo(cast.Expression, _context.CancellationToken).Type;
        if (target is null || operand is null || target.TypeKind == TypeKind.Error || operand.TypeKind == TypeKind.Error)
            throw new IncompleteCodeException();
        if (target.SpecialType == SpecialType.System_Double && operand.SpecialType == SpecialType.System_Double)
            return Read(cast.Expression, depth + 1);
        // (double)i: the int value as a double, as `double t = i;` already reads it (the emitter keeps double division).
        if (target.SpecialType == SpecialType.System_Double && operand.SpecialType == SpecialType.System_Int32)
            return Host is null ? _ints.Read(cast.Expression) : Read(cast.Expression, depth + 1);
        var reason = target.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            ? "a cast to an integer is piecewise constant, so its derivative is zero wherever it exists"
            : $"a cast from '{operand.ToDisplayString()}' to '{target.ToDisplayString()}' is not differentiable";
        throw new NotDifferentiableException(cast, reason);
    }

    /// <summary><c>xs[index]</c> of a double[] or ReadOnlySpan&lt;double&gt; parameter.</summary>
    private Expr ReadElement(ElementAccessExpressionSyntax element)
    {
        var vector = _context.Model.GetSymbolInfo(element.Expression, _context.CancellationToken).Symbol;
        if (_context.Arrays.IsArray(vector)) return _context.Arrays.Read(element, vector!, this);
        if (vector is not IParameterSymbol parameter || !ParameterTypes.IsVector(parameter.Type) || element.ArgumentList.Arguments.Count != 1)
        {
            throw new NotDifferentiableException(element,
                "only elements of a double[] or ReadOnlySpan<double> parameter or of a local double array, with one int index, can be read");
        }
        return Element(parameter, _ints.Read(element.ArgumentList.Arguments[0].Expression));
    }

    /// <summary>An element of a vector parameter: data, or (when differentiated) an active read whose adjoint goes to d<i>vector</i>[index].</summary>
    public Expr Element(IParameterSymbol vector, Expr index) => new ElementRead(new Symbol(vector.Name, SymbolRole.Parameter, ScalarType.Double), index);

    /// <summary>Integer arithmetic would be differentiated as if it were real; refuse it where it is not a constant.</summary>
    internal void RequireDouble(ExpressionSyntax syntax)
    {
        var info = _context.Model.GetTypeInfo(syntax, _context.CancellationToken);
        if (info.Type is null || info.Type.TypeKind == TypeKind.Error) throw new IncompleteCodeException();
        if (info.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Int32) return; // ints are counts and indices
        if (_context.Model.GetConstantValue(syntax, _context.CancellationToken).HasValue) return;
        throw new NotDifferentiableException(syntax,
            $"the value is of type '{info.Type.ToDisplayString()}'; only double arithmetic is differentiated");
    }
}
