using System.Collections.Generic;
using System.Collections.Immutable;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// What parsing a [Differentiable] method produced. <see cref="Model"/> is null when the method has a
/// GradientDescent diagnostic or does not compile yet; the generator keeps only the model, the analyzer
/// reports the diagnostics, so both see the same verdict.
/// </summary>
internal sealed class ParseResult
{
    public static readonly ParseResult Skipped = new(null, ImmutableArray<Diagnostic>.Empty, new List<(IMethodSymbol, InvocationExpressionSyntax)>());

    public ParseResult(MethodModel? model, ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<(IMethodSymbol Callee, InvocationExpressionSyntax Call)> differentiableCalls,
        bool incomplete = false)
    {
        Model = model;
        Diagnostics = diagnostics;
        DifferentiableCalls = differentiableCalls;
        Incomplete = incomplete;
    }

    public MethodModel? Model { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The calls of other [Differentiable] methods, for the analyzer to check that each can be differentiated itself.</summary>
    public IReadOnlyList<(IMethodSymbol Callee, InvocationExpressionSyntax Call)> DifferentiableCalls { get; }

    /// <summary>
    /// The parser met code it could not bind (a name that does not resolve, a type that is an error). The compiler
    /// reports that; if it does not, the parser is wrong, and the analyzer says so rather than dropping the method.
    /// </summary>
    public bool Incomplete { get; }
}
