using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using GradientDescent.Generator.Simplification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator;

/// <summary>
/// [Differentiable] method → parse (semantic work, to an equatable model) → differentiate and simplify → emit one
/// file per type. Diagnostics come from <see cref="Analyzers.DifferentiableMethodAnalyzer"/>, which runs the same
/// stages, so a method the generator drops is always one the analyzer reports.
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
                static (ctx, ct) => TryParse((MethodDeclarationSyntax)ctx.TargetNode, (IMethodSymbol)ctx.TargetSymbol, ctx.SemanticModel, ct))
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
            .SelectMany(static (all, _) => UniqueHintNames(WithCallees(all)
                .GroupBy(g => g.Method.TypeMetadataName, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => GradientEmitter.Emit(g.OrderBy(m => m.Method.Name, StringComparer.Ordinal).ThenBy(m => m.Method.Parameters.Count).ToList()))))
            .WithTrackingName(TrackingNames.Files);

        context.RegisterSourceOutput(files, static (spc, file) => spc.AddSource(file.HintName, file.Source));
    }

    /// <summary>
    /// Hint names are compared ignoring case (AddSource throws on Demo.Model and Demo.model, and every file is
    /// lost): a later file whose name an earlier one has, in ordinal order, gets a number.
    /// </summary>
    private static IEnumerable<GeneratedFile> UniqueHintNames(IEnumerable<GeneratedFile> files)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var name = file.HintName;
            var stem = name.Substring(0, name.Length - ".g.cs".Length);
            for (var k = 2; !taken.Add(name); k++) name = stem + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            yield return name == file.HintName ? file : file with { HintName = name };
        }
    }

    /// <summary>An unexpected failure costs the user one method's gradient, never the whole run; the analyzer reports it (GD0013).</summary>
    private static MethodModel? TryParse(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        try
        {
            return MethodParser.Parse(syntax, method, model, cancellationToken).Model;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static GradientModel? TryDifferentiate(MethodModel method, CancellationToken cancellationToken)
    {
        try
        {
            return GradientPipeline.Run(method, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps the gradients whose callees all have gradients too, recursion included (a call runs only where its
    /// branch is taken, so a recursion ends where the method's does). What is dropped has diagnostics of its own, so
    /// the generated code never calls a method that does not exist. Drops are repeated until none is left: a method
    /// in a cycle goes when any method of the cycle does.
    /// </summary>
    private static IEnumerable<GradientModel> WithCallees(ImmutableArray<GradientModel> all)
    {
        var kept = new Dictionary<string, GradientModel>(StringComparer.Ordinal);
        foreach (var g in all) kept[g.Method.Key] = g;
        var dropped = true;
        while (dropped)
        {
            dropped = false;
            foreach (var g in kept.Values.Where(g => g.Method.Callees.Any(c => !kept.ContainsKey(c))).ToList())
            {
                kept.Remove(g.Method.Key);
                dropped = true;
            }
        }
        return all.Where(g => kept.ContainsKey(g.Method.Key)).ToList();
    }
}
