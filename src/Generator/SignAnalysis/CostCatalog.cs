using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using GradientDescent.Generator.Simplification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// Recognises calls of [Differentiable] costs and of their generated gradients, and differentiates each cost once
/// per compilation, and each [Differentiable] method a cost calls (for the evaluator to run its gradient).
/// </summary>
internal sealed class CostCatalog
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _attribute;
    private readonly ConcurrentDictionary<IMethodSymbol, CostDerivatives?> _costs = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, GradientModel?> _callees = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, IMethodSymbol> _keys = new();

    public CostCatalog(Compilation compilation, INamedTypeSymbol attribute)
    {
        _compilation = compilation;
        _attribute = attribute;
    }

    /// <summary>The cost a call evaluates, and whether the call is the generated gradient (which has out parameters).</summary>
    public (IMethodSymbol Cost, bool IsGradient)? Classify(IMethodSymbol called)
    {
        called = called.OriginalDefinition;
        if (IsDifferentiable(called)) return (called, false);
        if (!called.Name.EndsWith(KnownNames.GradientSuffix, System.StringComparison.Ordinal)) return null;
        var costName = called.Name.Substring(0, called.Name.Length - KnownNames.GradientSuffix.Length);
        var cost = called.ContainingType.GetMembers(costName).OfType<IMethodSymbol>()
            .FirstOrDefault(m => IsDifferentiable(m) && called.Parameters.Length > m.Parameters.Length &&
                                 called.Parameters.Take(m.Parameters.Length).Select(p => p.Type)
                                     .SequenceEqual(m.Parameters.Select(p => p.Type), SymbolEqualityComparer.Default));
        return cost is null ? null : (cost, true);
    }

    public CostDerivatives? Derivatives(IMethodSymbol cost, CancellationToken cancellationToken) =>
        _costs.GetOrAdd(cost, c => Differentiate(c, cancellationToken));

    private bool IsDifferentiable(IMethodSymbol method) =>
        method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _attribute));

    private CostDerivatives? Differentiate(IMethodSymbol cost, CancellationToken cancellationToken)
    {
        if (Parse(cost, cancellationToken) is not { } parsed) return null;
        try
        {
            return CostDerivatives.From(parsed, key => Callee(key, cancellationToken), cancellationToken);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return null; // the other analyzer reports the failure (GD0013); this one judges no update against it
        }
    }

    /// <summary>The gradient generated for a [Differentiable] method a cost calls (its own wrt parameters), by key.</summary>
    private GradientModel? Callee(string key, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(key, out var method)) return null;
        return _callees.GetOrAdd(method, m =>
        {
            try
            {
                return Parse(m, cancellationToken) is { } parsed ? GradientPipeline.Run(parsed, cancellationToken) : null;
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                return null;
            }
        });
    }

    /// <summary>The method's model, its calls of other [Differentiable] methods remembered by key for <see cref="Callee"/>.</summary>
    private MethodModel? Parse(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: not null } and not MethodDeclarationSyntax { ExpressionBody: not null })
                continue;
            var syntax = (MethodDeclarationSyntax)reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The method may live in another file; its model is built once per compilation and cached.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var result = MethodParser.Parse(syntax, method, model, cancellationToken);
            foreach (var (callee, _) in result.DifferentiableCalls)
            {
                var original = callee.OriginalDefinition;
                _keys.TryAdd(MethodKey.Of(MethodParser.MetadataName(original.ContainingType), original.Name, original.Parameters.Length), original);
            }
            return result.Model;
        }
        return null;
    }
}
