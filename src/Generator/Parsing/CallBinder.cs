using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// How a call of another method is differentiated: through the gradient generated for a [Differentiable] callee,
/// or through a hand-written [DerivativeOf] gradient. Refuses callees that have no derivative.
/// </summary>
internal sealed class CallBinder
{
    private readonly SemanticModel _model;
    private readonly INamedTypeSymbol _caller;
    private readonly CancellationToken _cancellationToken;

    public CallBinder(SemanticModel model, INamedTypeSymbol caller, CancellationToken cancellationToken)
    {
        _model = model;
        _caller = caller;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The [Differentiable] methods this body calls, with the call: whether each can be differentiated itself is the
    /// analyzer's question (it sees the whole compilation), answered without parsing callees here.
    /// </summary>
    public List<(IMethodSymbol Callee, InvocationExpressionSyntax Call)> DifferentiableCalls { get; } = new();

    public Callee Bind(IMethodSymbol callee, InvocationExpressionSyntax call)
    {
        // G<int>.Sq(w): the generated code calls G<int>.SqGradient, the type as the call names it, not G<T>.
        var calledOn = callee.ContainingType;
        callee = callee.OriginalDefinition;
        if (callee.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } })
            throw new NotDifferentiableException(call,
                $"LINQ ({callee.Name}) runs lambdas the generator cannot see into; write the loop out with for or foreach");
        if (callee.MethodKind == MethodKind.DelegateInvoke)
            throw new NotDifferentiableException(call,
                "a call through a delegate or lambda cannot be differentiated; write the arithmetic inline or call a [Differentiable] method");
        var differentiable = HasAttribute(callee, KnownNames.DifferentiableAttribute);
        // A [Differentiable] helper's gradient passes int and bool arguments through as data; a hand-written one takes doubles.
        bool Accepted(IParameterSymbol p) => p.Type.SpecialType == SpecialType.System_Double ||
                                            (differentiable && (p.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Boolean ||
                                                                ParameterTypes.IsVector(p.Type) || ParameterTypes.IsIntVector(p.Type)));
        if (callee.IsGenericMethod || callee.Parameters.Any(p => p.RefKind != RefKind.None || !Accepted(p)) ||
            callee.ReturnType.SpecialType != SpecialType.System_Double || !callee.IsStatic)
        {
            throw new NotDifferentiableException(call,
                $"'{callee.Name}' is not a static method of double, int, bool and array parameters returning double, so it has no derivative to call");
        }

        if (differentiable)
        {
            DifferentiableCalls.Add((callee, call));
            return new Callee(TypeAccess(calledOn), callee.Name, TypeAccess(calledOn), callee.Name + KnownNames.GradientSuffix,
                WrtAttribute.Indices(callee).ToEquatableArray(), MethodKey.Of(MethodParser.MetadataName(callee.ContainingType), callee.Name, callee.Parameters.Length),
                TakesDouble(callee));
        }
        if (CustomDerivative(callee) is { } custom)
        {
            var outs = Enumerable.Range(0, callee.Parameters.Length).ToEquatableArray();
            var customOn = SymbolEqualityComparer.Default.Equals(custom.ContainingType.OriginalDefinition, calledOn.OriginalDefinition) ? calledOn : custom.ContainingType;
            return new Callee(TypeAccess(calledOn), callee.Name, TypeAccess(customOn), custom.Name, outs, null, TakesDouble(callee));
        }
        // double.Sin and the other generic-math statics of double: where the System.Math twin has a derivative rule, say so.
        if (callee.ContainingType.SpecialType == SpecialType.System_Double && MathTwinWithRule(callee))
            throw new NotDifferentiableException(call, $"double.{callee.Name} is not differentiated; write Math.{callee.Name}, which has a derivative rule");
        throw new NotDifferentiableException(call, MisshapenDerivative(callee) ??
            $"the call to '{callee.Name}' has no derivative: mark '{callee.Name}' [Differentiable], or give it one with [DerivativeOf(nameof({callee.Name}))]");
    }

    private static EquatableArray<bool> TakesDouble(IMethodSymbol callee) =>
        callee.Parameters.Select(p => p.Type.SpecialType == SpecialType.System_Double).ToEquatableArray();

    /// <summary>Whether System.Math has a method of the callee's name and arity with a derivative rule (Math.Sin, not Math.CopySign).</summary>
    private bool MathTwinWithRule(IMethodSymbol callee) =>
        _model.Compilation.GetTypeByMetadataName("System.Math")?.GetMembers(callee.Name).OfType<IMethodSymbol>()
            .Any(m => m.Parameters.Length == callee.Parameters.Length && m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Double) &&
                      MathFunctionBinder.Bind(m, out _) is { } function && !MathFunctionBinder.IsPiecewiseConstant(function)) == true;

    private readonly Dictionary<IMethodSymbol, IMethodSymbol?> _custom = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the user gave the callee a derivative of their own, which wins over a built-in rule (e.g. for a Math function).</summary>
    public bool HasCustomDerivative(IMethodSymbol callee) => CustomDerivative(callee.OriginalDefinition) is not null;

    /// <summary>A [DerivativeOf] method for the callee, declared beside it or beside the caller; looked up once per callee.</summary>
    private IMethodSymbol? CustomDerivative(IMethodSymbol callee)
    {
        if (!_custom.TryGetValue(callee, out var found)) _custom[callee] = found = FindCustomDerivative(callee);
        return found;
    }

    private IMethodSymbol? FindCustomDerivative(IMethodSymbol callee) => MarkedAsDerivativeOf(callee).FirstOrDefault(c => HasGradientShape(c, callee));

    /// <summary>The methods beside the callee or the caller whose [DerivativeOf] names the callee, whatever their shape.</summary>
    private IEnumerable<IMethodSymbol> MarkedAsDerivativeOf(IMethodSymbol callee)
    {
        foreach (var type in new[] { callee.ContainingType, _caller }.Distinct(SymbolEqualityComparer.Default).OfType<INamedTypeSymbol>())
        {
            foreach (var candidate in type.GetMembers().OfType<IMethodSymbol>())
            {
                foreach (var attribute in candidate.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == KnownNames.DerivativeOfAttribute))
                {
                    var arguments = attribute.ConstructorArguments;
                    var target = arguments.Length == 2 ? arguments[0].Value as INamedTypeSymbol : candidate.ContainingType;
                    var name = arguments.Length > 0 ? arguments[arguments.Length - 1].Value as string : null;
                    if (name == callee.Name && SymbolEqualityComparer.Default.Equals(target?.OriginalDefinition, callee.ContainingType.OriginalDefinition))
                        yield return candidate;
                }
            }
        }
    }

    /// <summary>Why a [DerivativeOf] method for the callee is not used, when there is one: it is not shaped as a derivative.</summary>
    private string? MisshapenDerivative(IMethodSymbol callee)
    {
        if (MarkedAsDerivativeOf(callee).FirstOrDefault() is not { } marked) return null;
        var shape = string.Join(", ", callee.Parameters.Select(p => "double " + p.Name).Concat(callee.Parameters.Select(p => "out double d" + p.Name)));
        return $"'{marked.Name}' is marked [DerivativeOf] for '{callee.Name}' but cannot be used as its derivative: make it a static, non-generic method " +
               $"this type can call, returning {callee.Name}'s value, with its double parameters and then one out double each: static double {marked.Name}({shape})";
    }

    private bool HasGradientShape(IMethodSymbol gradient, IMethodSymbol callee)
    {
        var n = callee.Parameters.Length;
        // The generated code calls it from the caller's type: it must be reachable from there, and callable without type arguments.
        return gradient.IsStatic && !gradient.IsGenericMethod && _model.Compilation.IsSymbolAccessibleWithin(gradient, _caller) &&
               gradient.ReturnType.SpecialType == SpecialType.System_Double && gradient.Parameters.Length == 2 * n &&
               gradient.Parameters.Select((p, i) => p.Type.SpecialType == SpecialType.System_Double && p.RefKind == (i < n ? RefKind.None : RefKind.Out)).All(x => x);
    }

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>Members of the caller's own type are called by simple name (the generated code lives there), others through the fully qualified type.</summary>
    private string? TypeAccess(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, _caller) ? null : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
