using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Parsing;
using GradientDescent.Generator.Simplification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Analyzers;

/// <summary>
/// What the generator will make of each [Differentiable] method of a compilation, worked out once per method by the
/// same stages the generator runs (parse, differentiate, simplify, emit), so the analyzers judge callers and
/// calls from the generator's own verdict.
/// </summary>
internal sealed class MethodVerdicts
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<Verdict>> _verdicts = new(SymbolEqualityComparer.Default);

    public MethodVerdicts(Compilation compilation) => _compilation = compilation;

    /// <summary>The verdict for a method, computed with the given semantic model when it is not known yet.</summary>
    public Verdict For(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken) =>
        _verdicts.GetOrAdd(method.OriginalDefinition, _ => new Lazy<Verdict>(() => Verdict.Compute(syntax, method, model, cancellationToken))).Value;

    /// <summary>
    /// The methods that keep the generator from producing a gradient for the callee: it, or any method it reaches
    /// through calls (recursion included), that does not parse and differentiate. Empty when the gradient will exist.
    /// </summary>
    public IReadOnlyCollection<IMethodSymbol> FailingReach(IMethodSymbol callee, CancellationToken cancellationToken)
    {
        lock (_reachable)
        {
            callee = callee.OriginalDefinition;
            if (_reachable.TryGetValue(callee, out var known)) return known;
            var failing = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(callee);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (!seen.Add(next)) continue;
                var verdict = VerdictOf(next, cancellationToken);
                if (verdict?.Gradient is null) failing.Add(next);
                if (verdict is null) continue;
                foreach (var (reached, _) in verdict.Parse.DifferentiableCalls) pending.Push(reached.OriginalDefinition);
            }
            _reachable[callee] = failing;
            return failing;
        }
    }

    private readonly Dictionary<IMethodSymbol, IReadOnlyCollection<IMethodSymbol>> _reachable = new(SymbolEqualityComparer.Default);

    private Verdict? VerdictOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (syntax is null) return null;
#pragma warning disable RS1030 // the callee may be in another file; its verdict is computed once per compilation and cached
        return For(method, syntax, _compilation.GetSemanticModel(syntax.SyntaxTree), cancellationToken);
#pragma warning restore RS1030
    }
}

/// <summary>One method's parse and, where it parsed, its gradient or the exception the core threw.</summary>
internal sealed class Verdict
{
    private Verdict(ParseResult parse, GradientModel? gradient, Exception? failure)
    {
        Parse = parse;
        Gradient = gradient;
        Failure = failure;
    }

    public ParseResult Parse { get; }

    public GradientModel? Gradient { get; }

    /// <summary>An unexpected exception from a stage of the core: an internal error, reported as GD0013.</summary>
    public Exception? Failure { get; }

    public static Verdict Compute(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        ParseResult parse;
        try
        {
            parse = MethodParser.Parse(syntax, method, model, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Verdict(ParseResult.Skipped, null, e);
        }
        if (parse.Model is not { } parsed) return new Verdict(parse, null, null);
        try
        {
            var gradient = GradientPipeline.Run(parsed, cancellationToken);
            GradientEmitter.EmitMembers(gradient);
            return new Verdict(parse, gradient, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Verdict(parse, null, e);
        }
    }
}
