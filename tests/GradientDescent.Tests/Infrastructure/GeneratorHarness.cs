using System;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using GradientDescent.Generator;
using GradientDescent.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>Runs the generator (and the analyzer) over source text in memory, offline, against .NET 10 references.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestModels",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error, // TreatWarningsAsErrors
                warningLevel: 9999,
                optimizationLevel: OptimizationLevel.Release));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator and the analyzers over <paramref name="sources"/>. Every call also checks the pipeline
    /// (<see cref="PipelineChecks"/>): no step output holds a Roslyn object, and the same driver run again after an
    /// unrelated edit re-runs nothing; every [Differentiable] method ends in
    /// its gradient or an error (<see cref="EveryMethodAccountedFor"/>). The edited compilation is thrown away: the result is the first run's.
    /// </summary>
    public static GenerationResult Run(params string[] sources)
    {
        var input = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        PipelineChecks.AssertNoRoslynObjects(driver.GetRunResult());
        PipelineChecks.AssertNothingReran(driver.RunGenerators(PipelineChecks.WithUnrelatedEdit(input)).GetRunResult(),
            "adding an unrelated file (" + PipelineChecks.UnrelatedEdit + ")");
        var analyzerExceptions = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => analyzerExceptions.Add(exception),
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var analyzerDiagnostics = output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableMethodAnalyzer(), new SignOfUpdateAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        EveryMethodAccountedFor.Assert(input, output, analyzerDiagnostics);
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics, analyzerDiagnostics, analyzerExceptions.ToImmutableArray());
    }
}

internal sealed record GenerationResult(
    GeneratorDriverRunResult RunResult,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Exception> AnalyzerExceptions)
{
    public string GeneratedSource(string hintNameEnd) =>
        RunResult.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>All generated files, in hint-name order, as one text (for snapshots).</summary>
    public string AllGeneratedSources() => string.Join("\n", RunResult.Results.Single().GeneratedSources
        .OrderBy(s => s.HintName, StringComparer.Ordinal)
        .Select(s => "//---- " + s.HintName + " ----\n" + s.SourceText));

    /// <summary>Compiler diagnostics of the generated output, warnings included (the compilation treats them as errors).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToImmutableArray();

    public Exception? GeneratorException => RunResult.Results.Single().Exception;

    /// <summary>Compiler errors located in generated files: the generator must never produce any.</summary>
    public ImmutableArray<Diagnostic> ErrorsInGeneratedFiles()
    {
        var generated = RunResult.GeneratedTrees.ToImmutableHashSet();
        return Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToImmutableArray();
    }
}
