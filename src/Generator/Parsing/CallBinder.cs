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
/// or through a hand-written [DerivativeOf] gradient. Refuses recursion and callees that cannot be differentiated.
/// </summary>
internal sealed class CallBinder
{
    private readonly SemanticModel _model;
    private readonly INamedTypeSymbol _caller;
    private readonly ImmutableHashSet<IMethodSymbol> _inProgress;
    private readonly CancellationToken _cancellationToken;

    public CallBinder(SemanticModel model, INamedTypeSymbol caller, ImmutableHashSet<IMethodSymbol> inProgress, CancellationToken cancellationToken)
    {
        _model = model;
        _caller = caller;
        _inProgress = inProgress;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Calls already hoisted in this method, by callee and arguments.</summary>
    public Dictionary<string, (Invocation Call, Symbol Result)> Hoisted { get; } = new();

    /// <summary>The callee's gradient and which argument each of its out parameters belongs to.</summary>
    public sealed record Binding(string Method, string Gradient, int[] Outs);

    public Binding Bind(IMethodSymbol callee, InvocationExpressionSyntax call)
    {
        callee = callee.OriginalDefinition;
        if (callee.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } })
            throw new NotDifferentiableException(call,
                $"LINQ ({callee.Name}) runs lambdas the generator cannot see into; write the loop out with for or foreach");
        if (callee.MethodKind == MethodKind.DelegateInvoke)
            throw new NotDifferentiableException(call,
                "a call through a delegate or lambda cannot be differentiated; write the arithmetic inline or call a [Differentiable] method");
        if (callee.IsGenericMethod || callee.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.SpecialType != SpecialType.System_Double) ||
            callee.ReturnType.SpecialType != SpecialType.System_Double || !callee.IsStatic)
        {
            throw new NotDifferentiableException(call,
                $"'{callee.Name}' is not a static method of double parameters returning double, so it has no derivative to call");
        }

        if (HasAttribute(callee, KnownNames.DifferentiableAttribute)) return BindDifferentiable(callee, call);
        if (CustomDerivative(callee) is { } custom)
        {
            var outs = Enumerable.Range(0, callee.Parameters.Length).ToArray();
            return new Binding(Access(callee.ContainingType, callee.Name), Access(custom.ContainingType, custom.Name), outs);
        }
        throw new NotDifferentiableException(call,
            $"the call to '{callee.Name}' has no derivative: mark '{callee.Name}' [Differentiable], or give it one with [DerivativeOf(nameof({callee.Name}))]");
    }

    private Binding BindDifferentiable(IMethodSymbol callee, InvocationExpressionSyntax call)
    {
        if (_inProgress.Contains(callee))
            throw new NotDifferentiableException(call, $"'{callee.Name}' calls itself, directly or through other methods; recursion cannot be differentiated");

        var syntax = callee.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (syntax is null) throw new IncompleteCodeException();
#pragma warning disable RS1030 // the callee may be in another file; the caller's model cannot answer for it
        var model = syntax.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        var parsed = MethodParser.Parse(syntax, callee, model, _cancellationToken, _inProgress.Add(callee)).Model;
        if (parsed is null)
            throw new NotDifferentiableException(call, $"'{callee.Name}' cannot be differentiated itself; see its diagnostics");

        var parameters = callee.Parameters.Select(p => p.Name).ToList();
        var outs = parsed.Wrt.Select(w => parameters.IndexOf(w)).ToArray();
        return new Binding(Access(callee.ContainingType, callee.Name), Access(callee.ContainingType, callee.Name + KnownNames.GradientSuffix), outs);
    }

    /// <summary>A [DerivativeOf] method for the callee, declared beside it or beside the caller.</summary>
    private IMethodSymbol? CustomDerivative(IMethodSymbol callee)
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
                    if (name == callee.Name && SymbolEqualityComparer.Default.Equals(target?.OriginalDefinition, callee.ContainingType.OriginalDefinition) &&
                        HasGradientShape(candidate, callee))
                        return candidate;
                }
            }
        }
        return null;
    }

    private static bool HasGradientShape(IMethodSymbol gradient, IMethodSymbol callee)
    {
        var n = callee.Parameters.Length;
        return gradient.IsStatic && gradient.ReturnType.SpecialType == SpecialType.System_Double && gradient.Parameters.Length == 2 * n &&
               gradient.Parameters.Select((p, i) => p.Type.SpecialType == SpecialType.System_Double && p.RefKind == (i < n ? RefKind.None : RefKind.Out)).All(x => x);
    }

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>Members of the caller's own type by simple name (the generated code lives there), others fully qualified.</summary>
    private string Access(INamedTypeSymbol type, string member) =>
        SymbolEqualityComparer.Default.Equals(type, _caller)
            ? member
            : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member;
}
