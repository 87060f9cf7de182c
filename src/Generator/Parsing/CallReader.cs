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
        // The sign analysis reads steps such as Math.Sign(g) * lr (signSGD): −1, 0 or 1, as the int reader has it.
        if (_expressions.Host is not null && method is { Name: "Sign", Parameters: [{ Type.SpecialType: SpecialType.System_Double }] } &&
            MathFunctionBinder.IsSystemMath(method.ContainingType))
            return _expressions.Ints.Read(invocation);
        // Math functions without a rule may still have a [DerivativeOf]; one the user wrote wins over a built-in rule.
        if (!MathFunctionBinder.IsMathFunction(method) || MathFunctionBinder.Bind(method, out _) is null ||
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

    /// <summary>
    /// An array handed to a helper: one of the method's array parameters, a local array, or a slice of either
    /// (<c>w.AsSpan(k, n)</c>, <c>w.Slice(k)</c>, <c>w[k..n]</c>). Anything but a whole parameter needs a
    /// <c>ReadOnlySpan</c> parameter on the helper, since generated code holds local arrays in longer pooled buffers.
    /// </summary>
    private Expr ArrayArgument(ExpressionSyntax argument, IMethodSymbol method, IParameterSymbol parameter, bool differentiated)
    {
        var passed = Slice(argument, method, parameter);
        if (passed is ArraySlice && parameter.Type is IArrayTypeSymbol)
            throw new NotDifferentiableException(argument,
                $"'{argument}' is not one of this method's array parameters, so '{method.Name}' must take it as a span; declare its parameter '{parameter.Name}' as ReadOnlySpan<{((IArrayTypeSymbol)parameter.Type).ElementType}>");
        if (!differentiated && _context.Scope.IsActive(passed))
            throw new NotDifferentiableException(argument,
                $"'{method.Name}' is not differentiated with respect to its parameter '{parameter.Name}', which receives the differentiated '{argument}'; add nameof({parameter.Name}) to its [Differentiable]");
        return passed;
    }

    private Expr Slice(ExpressionSyntax argument, IMethodSymbol method, IParameterSymbol parameter)
    {
        var ints = _expressions.Ints;
        switch (argument)
        {
            // w.AsSpan(start), w.AsSpan(start, count), w.Slice(…) on a span
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan" or "Slice" } access } call
                when call.ArgumentList.Arguments.Count is 1 or 2 && call.ArgumentList.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None)) &&
                     IsSliceMethod(call):
            {
                var whole = ArraySlice.Of(Slice(access.Expression, method, parameter));
                var start = ints.Read(call.ArgumentList.Arguments[0].Expression);
                var count = call.ArgumentList.Arguments.Count == 2
                    ? ints.Read(call.ArgumentList.Arguments[1].Expression)
                    : new IntOperation(IntOperator.Subtract, whole.Count, start);
                return new ArraySlice(whole.Array, Offset(whole.Start, start), count);
            }
            // w[start..end], either end optional, ^k counting from the end
            case ElementAccessExpressionSyntax { ArgumentList.Arguments: [{ Expression: RangeExpressionSyntax range }] } element:
            {
                var whole = ArraySlice.Of(Slice(element.Expression, method, parameter));
                var start = range.LeftOperand is { } left ? Bound(left, whole.Count) : IntLiteral.Zero;
                var end = range.RightOperand is { } right ? Bound(right, whole.Count) : whole.Count;
                return new ArraySlice(whole.Array, Offset(whole.Start, start), new IntOperation(IntOperator.Subtract, end, start));
            }
        }

        var symbol = _context.Model.GetSymbolInfo(argument, _context.CancellationToken).Symbol;
        if (symbol is not null && _context.Arrays.IsArray(symbol)) return _context.Arrays.Whole(symbol, argument);
        if (symbol is IParameterSymbol passed && ParameterTypes.Of(passed.Type) is { Shape: not ParameterShape.Scalar } type)
            return new Symbol(passed.Name, SymbolRole.Parameter, type.Element);
        throw new NotDifferentiableException(argument,
            $"pass '{method.Name}' one of this method's array parameters, a local array, or a slice of one (w.AsSpan(k, n)) for '{parameter.Name}'");
    }

    /// <summary><c>k</c>, or <c>^k</c> (the length less k).</summary>
    private Expr Bound(ExpressionSyntax bound, Expr length) =>
        bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } hat
            ? new IntOperation(IntOperator.Subtract, length, _expressions.Ints.Read(hat.Operand))
            : _expressions.Ints.Read(bound);

    private static Expr Offset(Expr start, Expr by) => start is IntLiteral { Value: 0 } ? by : new IntOperation(IntOperator.Add, start, by);

    /// <summary>MemoryExtensions.AsSpan of an array, or Slice of a span.</summary>
    private bool IsSliceMethod(InvocationExpressionSyntax call) =>
        _context.Model.GetSymbolInfo(call, _context.CancellationToken).Symbol is IMethodSymbol
        {
            ContainingType: { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } type,
        } && type.Name is "MemoryExtensions" or "Span" or "ReadOnlySpan";

    /// <summary>The value of an optional <c>double</c>, <c>int</c> or <c>bool</c> parameter the call leaves out.</summary>
    private Expr DefaultArgument(InvocationExpressionSyntax invocation, IParameterSymbol parameter)
    {
        if (ParameterDefaults.Number(parameter) is { } number) return number;
        if (parameter is { Type.SpecialType: SpecialType.System_Boolean, HasExplicitDefaultValue: true, ExplicitDefaultValue: bool flag })
        {
            // A constant condition prints as a number: the flag gets a name, as a literal argument does.
            var named = _context.Scope.Fresh(parameter.Name, ScalarType.Bool);
            _context.Add(new Assign(named, flag ? Constant.One : Constant.Zero));
            return named;
        }
        throw new NotDifferentiableException(invocation, $"pass '{parameter.Name}' to '{parameter.ContainingSymbol.Name}': a differentiated call needs a value for each parameter");
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
        var parsed = new Expr[method.Parameters.Length];
        var partials = new Symbol?[method.Parameters.Length];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (i >= arguments.Count)
            {
                // An optional parameter left out: its default, a constant, like any literal argument.
                parsed[i] = DefaultArgument(invocation, method.Parameters[i]);
                if (callee.Outs.Contains(i)) partials[i] = _context.Scope.Fresh("d" + method.Name + "_d" + method.Parameters[i].Name);
                continue;
            }
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
