using System.Collections.Immutable;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// What parsing a [Differentiable] method produced. <see cref="Model"/> is null when the method has a
/// GradientDescent diagnostic or does not compile yet; the generator keeps only the model, the analyzer
/// reports the diagnostics, so both see the same verdict.
/// </summary>
internal sealed class ParseResult
{
    public static readonly ParseResult Skipped = new(null, ImmutableArray<Diagnostic>.Empty);

    public ParseResult(MethodModel? model, ImmutableArray<Diagnostic> diagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    public MethodModel? Model { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }
}
