using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Reads an int expression (a count, a bound, an index) into IR, checked to read only what generated code can read
/// the same way: int parameters, loop indices, int locals that are never reassigned, literals, + - * / %,
/// Math.Max/Min/Abs and the length of a vector parameter.
/// </summary>
internal sealed class IntReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _doubles;

    public IntReader(ParseContext context, ExpressionReader doubles)
    {
        _context = context;
        _doubles = doubles;
    }

    public Expr Read(ExpressionSyntax syntax) => Read(syntax, 0);

    private Expr Read(ExpressionSyntax syntax, int depth)
    {
        if (depth > ExpressionReader.MaxDepth) throw new NotDifferentiableException(syntax, $"the index is nested more than {ExpressionReader.MaxDepth} levels deep");
        var model = _context.Model;
        var ct = _context.CancellationToken;
        var constant = model.GetConstantValue(syntax, ct);
        if (constant.HasValue && constant.Value is int value) return new IntLiteral(value);
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return Read(p.Expression, depth + 1);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new IntOperation(IntOperator.Negate, Read(u.Operand, depth + 1));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Read(u.Operand, depth + 1);
            case BinaryExpressionSyntax b when Operator(b.Kind()) is { } op:
                return new IntOperation(op, Read(b.Left, depth + 1), Read(b.Right, depth + 1));
            case IdentifierNameSyntax identifier:
                var symbol = model.GetSymbolInfo(identifier, ct).Symbol;
                if (symbol is IParameterSymbol { Type.SpecialType: SpecialType.System_Int32 })
                    return new Symbol(symbol.Name, SymbolRole.Parameter, ScalarType.Int);
                if (symbol is ILocalSymbol && _context.Scope.Read(symbol) is { Type: ScalarType.Int } local)
                    return local;
                if (symbol is null) throw new IncompleteCodeException();
                throw new NotDifferentiableException(identifier,
                    $"'{symbol.Name}' is not an int parameter, a loop index or an int local; indices and counts may only read those (a field can change between calls)");
            case InvocationExpressionSyntax call when model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { Name: "Max" or "Min" or "Abs" } m &&
                                                      MathFunctionBinder.IsSystemMath(m.ContainingType) &&
                                                      m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32):
                var function = m.Name switch { "Max" => IntOperator.Max, "Min" => IntOperator.Min, _ => IntOperator.Abs };
                return new IntOperation(function, call.ArgumentList.Arguments.Select(a => Read(a.Expression, depth + 1)).ToArray());
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } access
                when model.GetSymbolInfo(access.Expression, ct).Symbol is IParameterSymbol p && ParameterTypes.IsVector(p.Type):
                return new Length(new Symbol(p.Name, SymbolRole.Parameter, ScalarType.Double));
            case InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call
                when model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { Name: "Sign" } sign && MathFunctionBinder.IsSystemMath(sign.ContainingType) &&
                     sign.Parameters[0].Type.SpecialType is SpecialType.System_Double or SpecialType.System_Int32:
                // Math.Sign(y[i]): −1, 0 or 1 of data; of a differentiated value it is piecewise constant.
                if (sign.Parameters[0].Type.SpecialType == SpecialType.System_Int32) return new IntOperation(IntOperator.Sign, Read(argument.Expression, depth + 1));
                var signed = _doubles.Read(argument.Expression);
                if (_context.Scope.IsActive(signed)) throw new NotDifferentiableException(call, MathFunctionBinder.PiecewiseConstant("Sign"));
                return new IntOperation(IntOperator.Sign, signed);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } access
                when model.GetSymbolInfo(access.Expression, ct).Symbol is ILocalSymbol array && _context.Arrays.IsArray(array):
                return _context.Arrays.Length(array);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } access
                when model.GetSymbolInfo(access.Expression, ct).Symbol is IParameterSymbol p && ParameterTypes.IsIntVector(p.Type):
                return new Length(new Symbol(p.Name, SymbolRole.Parameter, ScalarType.Int));
            case CastExpressionSyntax cast when model.GetTypeInfo(cast.Expression, ct).Type?.SpecialType == SpecialType.System_Double:
                // (int)y[i]: a label kept in a double array. Of data only: of a differentiated value it is piecewise constant.
                var data = _doubles.Read(cast.Expression);
                if (_context.Scope.IsActive(data))
                    throw new NotDifferentiableException(cast, "a cast to an integer is piecewise constant, so its derivative is zero wherever it exists");
                return new IntOperation(IntOperator.FromDouble, data);
            case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } element
                when model.GetSymbolInfo(element.Expression, ct).Symbol is IParameterSymbol p && ParameterTypes.IsIntVector(p.Type):
                // labels[i]: an int of data, usable in indices (W[labels[i]]) and in double arithmetic alike
                return new ElementRead(new Symbol(p.Name, SymbolRole.Parameter, ScalarType.Int), Read(element.ArgumentList.Arguments[0].Expression, depth + 1));
            default:
                throw new NotDifferentiableException(syntax,
                    "an int here may only combine int parameters, loop indices, literals, elements of int[] parameters, (int) casts of data, Math.Max/Min/Abs/Sign and the Length of a vector parameter");
        }
    }

    private static IntOperator? Operator(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => IntOperator.Add,
        SyntaxKind.SubtractExpression => IntOperator.Subtract,
        SyntaxKind.MultiplyExpression => IntOperator.Multiply,
        SyntaxKind.DivideExpression => IntOperator.Divide,
        SyntaxKind.ModuloExpression => IntOperator.Remainder,
        _ => null,
    };
}
