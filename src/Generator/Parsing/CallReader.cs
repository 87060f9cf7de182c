using System;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Reads a call: a System.Math function becomes a <see cref="Call"/> node; a call of another differentiable method
/// is hoisted into an <see cref="Invoke"/> statement of its own, ahead of the statement being read, and stands as
/// its result.
/// </summary>
internal sealed class CallReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;

    public CallReader(ParseContext context, ExpressionReader expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    public Expr Read(InvocationExpressionSyntax invocation, int depth)
    {
        var method = _context.Model.GetSymbolInfo(invocation, _context.CancellationToken).Symbol as IMethodSymbol;
        if (method is null) throw new IncompleteCodeException();
        // Math functions without a rule may still have a [DerivativeOf]; one the user wrote wins over a built-in rule.
        if (!MathFunctionBinder.IsSystemMath(method.ContainingType) || MathFunctionBinder.Bind(method, out _) is null ||
            _context.Calls.HasCustomDerivative(method))
            return _expressions.Host?.Call(invocation, method) ?? ReadDifferentiableCall(invocation, method, depth);

        var function = MathFunctionBinder.Bind(method, out _)!.Value;
        var arguments = invocation.ArgumentList.Arguments;
        var parsed = new Expr[arguments.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (arguments[i].NameColon is not null || !arguments[i].RefKindKeyword.IsKind(SyntaxKind.None))
                throw new NotDifferentiableException(arguments[i], "pass Math function arguments by position");
            _expressions.RequireDouble(arguments[i].Expression);
            parsed[i] = _expressions.Read(arguments[i].Expression, depth + 1);
        }
        if (MathFunctionBinder.IsPiecewiseConstant(function) && _expressions.Host is null && parsed.Any(_context.Scope.IsActive))
            throw new NotDifferentiableException(invocation, MathFunctionBinder.PiecewiseConstant(method.Name));
        return new Call(function, parsed);
    }

    /// <summary>An array passed through to a helper as data: one of the caller's own array parameters, by name.</summary>
    private Expr ArrayArgument(ExpressionSyntax argument, IMethodSymbol method, IParameterSymbol parameter, bool differentiated)
    {
        if (_context.Model.GetSymbolInfo(argument, _context.CancellationToken).Symbol is not IParameterSymbol passed ||
            ParameterTypes.Of(passed.Type) is not { Shape: not ParameterShape.Scalar } type)
            throw new NotDifferentiableException(argument, $"pass '{method.Name}' one of this method's array parameters for '{parameter.Name}'");
        // A written parameter lives in its working copy, which helpers cannot be handed yet (their gradient spans index the parameter).
        if (_context.Arrays.IsArray(passed))
            throw new NotDifferentiableException(argument,
                $"'{passed.Name}' is written by this method, and a helper cannot be passed an array the method writes yet; pass '{method.Name}' an array this method only reads");
        var array = new Symbol(passed.Name, SymbolRole.Parameter, type.Element);
        if (!differentiated && _context.Scope.IsActive(array))
            throw new NotDifferentiableException(argument,
                $"'{method.Name}' is not differentiated with respect to its parameter '{parameter.Name}', which receives the differentiated '{passed.Name}'; add nameof({parameter.Name}) to its [Differentiable]");
        return array;
    }

    /// <summary>f(a, b) becomes <c>double f = F(a, b)</c> ahead of the statement; the backward pass reads its partials.</summary>
    private Expr ReadDifferentiableCall(InvocationExpressionSyntax invocation, IMethodSymbol method, int depth)
    {
        Callee callee;
        try
        {
            callee = _context.Calls.Bind(method, invocation);
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
            if (method.Parameters[i].Type.SpecialType == SpecialType.System_Boolean)
            {
                // A flag: data, passed through; a constant one gets a name, since a constant condition prints as a number.
                parsed[i] = _expressions.ReadCondition(arguments[i].Expression);
                if (parsed[i] is Constant)
                {
                    var flag = _context.Scope.Fresh(method.Parameters[i].Name, ScalarType.Bool);
                    _context.Add(new Assign(flag, parsed[i]));
                    parsed[i] = flag;
                }
                continue;
            }
            if (ParameterTypes.IsVector(method.Parameters[i].Type) || ParameterTypes.IsIntVector(method.Parameters[i].Type))
            {
                var differentiated = callee.Outs.Contains(i);
                parsed[i] = ArrayArgument(arguments[i].Expression, method, method.Parameters[i], differentiated);
                // The helper's gradient span for this array: a buffer of the argument's length, added into the caller's.
                if (differentiated) partials[i] = new Symbol(_context.Scope.Fresh("d" + method.Name + "_d" + method.Parameters[i].Name).Name, SymbolRole.Array);
                continue;
            }
            if (method.Parameters[i].Type.SpecialType == SpecialType.System_Int32)
            {
                parsed[i] = _expressions.Ints.Read(arguments[i].Expression); // a count or an index: data, passed through
                continue;
            }
            _expressions.RequireDouble(arguments[i].Expression);
            parsed[i] = _expressions.Read(arguments[i].Expression, depth + 1);
            var parameter = method.Parameters[i].Name;
            if (callee.Outs.Contains(i))
                partials[i] = _context.Scope.Fresh("d" + method.Name + "_d" + parameter);
            else if (_context.Scope.IsActive(parsed[i]))
                throw new NotDifferentiableException(arguments[i],
                    $"'{method.Name}' is not differentiated with respect to its parameter '{parameter}', which receives a value that depends on a differentiated parameter; add nameof({parameter}) to its [Differentiable]");
        }

        // Arguments are SSA values, so the same call with the same arguments in one block has the same result: compute it once.
        var key = (callee, parsed.ToEquatableArray(), _context.CallGuard);
        if (_context.Hoisted.TryGetValue(key, out var earlier)) return earlier;

        var result = _context.Scope.Fresh(char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1));
        if (parsed.Any(_context.Scope.IsActive)) _context.Scope.MarkActive(result);
        _context.Add(new Invoke(result, callee, parsed.ToEquatableArray(), partials.ToEquatableArray()));
        _context.Hoisted[key] = result;
        return result;
    }
}
