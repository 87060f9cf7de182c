using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// Recognises calls of [Differentiable] costs and of their generated gradients, and differentiates each cost once
/// per compilation.
/// </summary>
internal sealed class CostCatalog
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _attribute;
    private readonly ConcurrentDictionary<IMethodSymbol, CostDerivatives?> _costs = new(SymbolEqualityComparer.Default);

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
        foreach (var reference in cost.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: not null } and not MethodDeclarationSyntax { ExpressionBody: not null })
                continue;
            var syntax = (MethodDeclarationSyntax)reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The cost may live in another file; its model is built once per compilation and cached.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var parsed = MethodParser.Parse(syntax, cost, model, cancellationToken).Model;
            try
            {
                return parsed is null ? null : CostDerivatives.From(parsed, cancellationToken);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                return null; // the other analyzer reports the failure (GD0013); this one judges no update against it
            }
        }
        return null;
    }
}
