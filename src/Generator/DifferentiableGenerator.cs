using System;
using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator;

/// <summary>
/// [Differentiable] method → parse (semantic work, to an equatable model) → differentiate → emit one file per type.
/// Diagnostics come from <see cref="Analyzers.DifferentiableMethodAnalyzer"/>, which runs the same parser.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.DifferentiableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => MethodParser.Parse((MethodDeclarationSyntax)ctx.TargetNode, (IMethodSymbol)ctx.TargetSymbol, ctx.SemanticModel, ct).Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Methods);

        var gradients = methods
            .Select(static (m, ct) => TryDifferentiate(m, ct))
            .Where(static g => g is not null)
            .Select(static (g, _) => g!)
            .WithTrackingName(TrackingNames.Gradients);

        var files = gradients
            .Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(g => g.Method.TypeKey, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => GradientEmitter.Emit(g.OrderBy(m => m.Method.Name, StringComparer.Ordinal).ToList())))
            .WithTrackingName(TrackingNames.Files);

        context.RegisterSourceOutput(files, static (spc, file) => spc.AddSource(file.HintName, file.Source));
    }

    /// <summary>A bug in the differentiator must cost the user one method's gradient, never the whole generator run.</summary>
    private static GradientModel? TryDifferentiate(MethodModel method, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return ReverseSweep.Differentiate(method, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
