using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientDescent.Generator;
using GradientDescent.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradientDescent.Bench.Scaling;

/// <summary>
/// <c>scaling [N ...] [--timeout S] [--methods M] [--no-many]</c> and <c>many [--methods M] [--timeout S]</c>:
/// generator and analyzer time as the method grows (driver timing info and analyzer telemetry), then the
/// many-small-methods workload, cold and after an unrelated edit.
/// </summary>
internal static class ScalingMode
{
    private static readonly int[] DefaultSizes = [250, 500, 1000, 2000, 3000, 4000];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args, bool chain)
    {
        var sizes = new List<int>();
        double timeoutSeconds = 120;
        int methods = 200;
        bool many = true;
        int repeat = 3;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--timeout" && i + 1 < args.Length) timeoutSeconds = double.Parse(args[++i], Inv);
            else if (a == "--methods" && i + 1 < args.Length) methods = int.Parse(args[++i], Inv);
            else if (a == "--no-many") many = false;
            else if (a == "--repeat" && i + 1 < args.Length) repeat = Math.Max(1, int.Parse(args[++i], Inv));
            else if (int.TryParse(a, NumberStyles.Integer, Inv, out int n) && n > 0) sizes.Add(n);
            else { Console.Error.WriteLine($"unknown argument '{a}'"); return 2; }
        }
        if (sizes.Count == 0) sizes.AddRange(DefaultSizes);
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);

        Console.WriteLine($"# Generator and analyzer scaling ({RuntimeInformationLine()})");
        Console.WriteLine();
        // The JIT's tier-1 code for the core appears only after a method has run a while; a mid-size warm-up gets it
        // there, so the first measured N is not charged for it.
        Console.Write("warm-up (N = 5 and 250, 10 small methods) ... ");
        MeasureChain(5, CancellationToken.None);
        MeasureChain(250, CancellationToken.None);
        MeasureMany(10, CancellationToken.None);
        Console.WriteLine("done");

        int exitCode = 0;
        if (chain) exitCode |= RunChain(sizes, timeout, repeat);
        if (chain) exitCode |= RunUpdates(sizes.Select(n => n / 4).Where(n => n > 0).ToList(), timeout);
        if (many || !chain) exitCode |= RunMany(methods, timeout);
        return exitCode;
    }

    // ---- the chain --------------------------------------------------------------------------------------------

    private sealed record ChainResult(
        int N, double GeneratorSeconds, IReadOnlyList<(string Name, double Seconds)> PerGenerator,
        IReadOnlyList<(string Name, double Seconds)> PerAnalyzer, double WallSeconds, int GeneratedChars, int GeneratedLines,
        bool GradientGenerated, string Notes)
    {
        public double AnalyzerSeconds => PerAnalyzer.Sum(a => a.Seconds);
        public double TotalSeconds => GeneratorSeconds + AnalyzerSeconds;
    }

    private static int RunChain(List<int> sizes, TimeSpan timeout, int repeat)
    {
        Console.WriteLine();
        Console.WriteLine($"## Chain: one method of N statements `v(i) = v(i-1) * 0.999 + Math.Sin(v(i-1)) * b` (timeout {timeout.TotalSeconds.ToString(Inv)} s per N; best of {repeat} runs)");
        Console.WriteLine();
        Console.WriteLine("| N | generator s | analyzers s | generator+analyzers s | generated chars | generated lines | ratio of time to previous N | ratio of chars to previous N |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<ChainResult>();
        ChainResult? previous = null;
        int exitCode = 0;
        foreach (int n in sizes)
        {
            // Best of several runs: on a shared two-core machine a run's time is the work plus whatever else (GC of the
            // previous compilation, background JIT) happened to land in it; the minimum is the work.
            ChainResult? outcome = null;
            for (int attempt = 0; attempt < repeat; attempt++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var run = WithTimeout(ct => MeasureChain(n, ct), timeout);
                if (run is null) { outcome = null; break; }
                if (outcome is null || run.TotalSeconds < outcome.TotalSeconds) outcome = run;
            }
            if (outcome is null)
            {
                Console.WriteLine($"| {n} | timeout | timeout | timeout (> {timeout.TotalSeconds.ToString(Inv)} s) | - | - | - | - |");
                var skipped = sizes.SkipWhile(s => s != n).Skip(1).ToList();
                if (skipped.Count > 0) Console.WriteLine($"| {string.Join(", ", skipped)} | skipped | | | | | | |");
                break;
            }
            var r = outcome;
            results.Add(r);
            string timeRatio = previous is { TotalSeconds: > 0 } ? (r.TotalSeconds / previous.TotalSeconds).ToString("F2", Inv) : "-";
            string charRatio = previous is { GeneratedChars: > 0 } ? ((double)r.GeneratedChars / previous.GeneratedChars).ToString("F2", Inv) : "-";
            Console.WriteLine($"| {r.N} | {S(r.GeneratorSeconds)} | {S(r.AnalyzerSeconds)} | {S(r.TotalSeconds)} | {r.GeneratedChars} | {r.GeneratedLines} | {timeRatio} | {charRatio} |");
            if (!r.GradientGenerated) exitCode = 1;
            previous = r;
        }

        if (results.Count > 0)
        {
            var generatorNames = results[0].PerGenerator.Select(g => g.Name).ToList();
            var analyzerNames = results[0].PerAnalyzer.Select(a => a.Name).ToList();
            Console.WriteLine();
            Console.WriteLine("Per generator and analyzer (s); wall is the driver run plus the analyzer pass, compiler binding included:");
            Console.WriteLine();
            Console.WriteLine("| N | " + string.Join(" | ", generatorNames.Concat(analyzerNames)) + " | wall s | notes |");
            Console.WriteLine("|---:|" + string.Concat(Enumerable.Repeat("---:|", generatorNames.Count + analyzerNames.Count + 1)) + "---|");
            foreach (var r in results)
                Console.WriteLine($"| {r.N} | " + string.Join(" | ", r.PerGenerator.Concat(r.PerAnalyzer).Select(x => S(x.Seconds))) + $" | {S(r.WallSeconds)} | {r.Notes} |");
        }
        return exitCode;
    }

    /// <summary>GD0001 on a training method of N updates (N/4 of the chain's sizes: each update is three statements).</summary>
    private static int RunUpdates(List<int> sizes, TimeSpan timeout)
    {
        Console.WriteLine();
        Console.WriteLine("## Training code: one method of N hand-written updates, each after a cost evaluation (half of them climb)");
        Console.WriteLine();
        Console.WriteLine("| N updates | SignOfUpdateAnalyzer s | GD0001 reported | ratio of time to previous N |");
        Console.WriteLine("|---:|---:|---:|---:|");
        double previous = 0;
        int exitCode = 0;
        foreach (int n in sizes)
        {
            GC.Collect();
            var outcome = WithTimeout(ct =>
            {
                var compilation = Workloads.Compile(Workloads.Training(n));
                GeneratorDriver driver = CSharpGeneratorDriver.Create([new DifferentiableGenerator().AsSourceGenerator()], parseOptions: Workloads.ParseOptions);
                driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, ct);
                var (perAnalyzer, diagnostics) = RunAnalyzers(output, ct);
                return Tuple.Create(perAnalyzer, diagnostics);
            }, timeout);
            if (outcome is null)
            {
                Console.WriteLine($"| {n} | timeout | - | - |");
                return 1;
            }
            var (perAnalyzer, diagnostics) = outcome;
            double seconds = perAnalyzer.Single(a => a.Name == nameof(SignOfUpdateAnalyzer)).Seconds;
            int reported = diagnostics.Count(d => d.Id == "GD0001");
            if (reported != n / 2) exitCode = 1;
            string ratio = previous > 0 ? (seconds / previous).ToString("F2", Inv) : "-";
            Console.WriteLine($"| {n} | {S(seconds)} | {reported} of {n / 2} expected | {ratio} |");
            previous = seconds;
        }
        return exitCode;
    }

    private static ChainResult MeasureChain(int n, CancellationToken ct)
    {
        var input = Workloads.Compile(Workloads.Chain(n));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DifferentiableGenerator().AsSourceGenerator()],
            parseOptions: Workloads.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

        var wall = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics, ct);
        var timing = driver.GetTimingInfo();
        var run = driver.GetRunResult().Results[0];

        var (perAnalyzer, analyzerDiagnostics) = RunAnalyzers(output, ct);
        wall.Stop();
        var diagnostics = analyzerDiagnostics.AddRange(output.GetDiagnostics(ct));

        var sources = run.GeneratedSources;
        int chars = sources.Sum(s => s.SourceText.Length);
        int lines = sources.Sum(s => s.SourceText.Lines.Count);
        bool generated = sources.Any(s => s.SourceText.ToString().Contains("FGradient(", StringComparison.Ordinal));

        var notes = new List<string>();
        if (run.Exception is { } e) notes.Add($"generator exception {e.GetType().Name}: {e.Message}");
        if (!generated) notes.Add("no FGradient generated");
        notes.AddRange(generatorDiagnostics.Concat(diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .GroupBy(d => d.Id).Select(g => $"{g.Key}×{g.Count()}"));

        return new ChainResult(n, timing.ElapsedTime.TotalSeconds,
            timing.GeneratorTimes.Select(g => (g.Generator.GetGeneratorType().Name, g.ElapsedTime.TotalSeconds)).ToList(),
            perAnalyzer, wall.Elapsed.TotalSeconds, chars, lines, generated, notes.Count == 0 ? "ok" : string.Join("; ", notes));
    }

    /// <summary>
    /// Both analyzers through CompilationWithAnalyzers, serially, with execution time logged per analyzer.
    /// GetAnalysisResultAsync, not GetAllDiagnosticsAsync: only the former records the execution times that
    /// the telemetry reports (with the latter they read 0 here, Roslyn 4.14).
    /// </summary>
    private static (IReadOnlyList<(string Name, double Seconds)> PerAnalyzer, ImmutableArray<Diagnostic> Diagnostics) RunAnalyzers(Compilation compilation, CancellationToken ct)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DifferentiableMethodAnalyzer(), new SignOfUpdateAnalyzer());
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {exception.Message}"); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var result = withAnalyzers.GetAnalysisResultAsync(ct).GetAwaiter().GetResult();
        var perAnalyzer = analyzers
            .Select(a => (a.GetType().Name, result.AnalyzerTelemetryInfo.TryGetValue(a, out var t) ? t.ExecutionTime.TotalSeconds : 0))
            .ToList();
        if (exceptions.Count > 0) throw new InvalidOperationException("analyzer exception: " + string.Join("; ", exceptions));
        return (perAnalyzer, result.GetAllDiagnostics());
    }

    // ---- many small methods ------------------------------------------------------------------------------------

    private sealed record EditResult(string What, double Seconds, double WallSeconds,
        IReadOnlyList<(string Step, IReadOnlyDictionary<IncrementalStepRunReason, int> Reasons)> Steps)
    {
        /// <summary>Steps with an output that is New, Modified or Removed.</summary>
        public IEnumerable<string> Rerun => Steps
            .Where(s => s.Reasons.Keys.Any(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
            .Select(s => s.Step);

        /// <summary>Rerun steps other than Roslyn's own carriers of the edited compilation.</summary>
        public IEnumerable<string> Failing => Rerun.Where(s => !CompilationCarriers.Contains(s));
    }

    private sealed record ManyResult(int Methods, int Files, double ColdSeconds, double ColdWallSeconds, double AnalyzerSeconds,
        IReadOnlyList<EditResult> Edits, string Notes);

    private const int ManyTypes = 5;

    /// <summary>
    /// Roslyn's input node for the compilation and ForAttributeWithMetadataName's join of it with the candidate
    /// nodes: both hold the compilation itself, so any edit modifies them. Every step after them, the generator's
    /// own (Methods, Gradients, Files) and its SourceOutput included, must be Cached or Unchanged.
    /// </summary>
    private static readonly HashSet<string> CompilationCarriers = ["Compilation", "compilationAndGroupedNodes_ForAttributeWithMetadataName"];

    private static int RunMany(int methods, TimeSpan timeout)
    {
        Console.WriteLine();
        Console.WriteLine($"## Many: {methods} small [Differentiable] methods (the seed cost, varied constants) over {ManyTypes} types, one file each, plus one unrelated file");
        Console.WriteLine();
        var r = WithTimeout(ct => MeasureMany(methods, ct), timeout);
        if (r is null)
        {
            Console.WriteLine($"timeout (> {timeout.TotalSeconds.ToString(Inv)} s)");
            return 1;
        }
        Console.WriteLine("| run | generator s (GetTimingInfo) | wall s |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| cold (new driver, {r.Files} files generated) | {S(r.ColdSeconds)} | {S(r.ColdWallSeconds)} |");
        foreach (var e in r.Edits) Console.WriteLine($"| after an unrelated edit: {e.What} | {S(e.Seconds)} | {S(e.WallSeconds)} |");
        Console.WriteLine($"| analyzers on the cold compilation (telemetry) | {S(r.AnalyzerSeconds)} | |");

        var reasons = Enum.GetValues<IncrementalStepRunReason>();
        bool ok = r.Notes.Length == 0;
        foreach (var e in r.Edits)
        {
            Console.WriteLine();
            Console.WriteLine($"Tracked step outputs after the edit ({e.What}), by reason:");
            Console.WriteLine();
            Console.WriteLine("| step | " + string.Join(" | ", reasons) + " |");
            Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", reasons.Length)));
            foreach (var (step, counts) in e.Steps)
                Console.WriteLine($"| {step} | " + string.Join(" | ", reasons.Select(x => counts.TryGetValue(x, out int c) ? c : 0)) + " |");
            Console.WriteLine();
            var carriers = e.Rerun.Where(CompilationCarriers.Contains).ToList();
            var failing = e.Failing.ToList();
            if (failing.Count == 0)
                Console.WriteLine("incremental: OK, every tracked step output is Cached or Unchanged" +
                    (carriers.Count > 0 ? $", except Roslyn's {string.Join(" and ", carriers)}, which hold the edited compilation itself" : ""));
            else
            {
                Console.WriteLine($"incremental: FAILED, New/Modified/Removed outputs in {string.Join(", ", failing)}");
                ok = false;
            }
        }
        if (r.Notes.Length > 0) Console.WriteLine("notes: " + r.Notes);
        return ok ? 0 : 1;
    }

    private static ManyResult MeasureMany(int methods, CancellationToken ct)
    {
        var sources = Workloads.Many(methods, ManyTypes).Append(Workloads.Unrelated(0)).ToArray();
        var input = Workloads.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DifferentiableGenerator().AsSourceGenerator()],
            parseOptions: Workloads.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        var wall = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics, ct);
        double coldWall = wall.Elapsed.TotalSeconds;
        double cold = driver.GetTimingInfo().ElapsedTime.TotalSeconds;
        var first = driver.GetRunResult().Results[0];
        int gradients = first.GeneratedSources.Sum(s => CountOf(s.SourceText.ToString(), "Gradient(double w"));

        var (perAnalyzer, analyzerDiagnostics) = RunAnalyzers(output, ct);
        var diagnostics = analyzerDiagnostics.AddRange(output.GetDiagnostics(ct));

        var notes = new List<string>();
        if (first.Exception is { } e1) notes.Add($"generator exception {e1.Message}");
        if (gradients != methods) notes.Add($"{gradients} of {methods} gradients generated");
        notes.AddRange(generatorDiagnostics.Concat(diagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .GroupBy(d => d.Id).Select(g => $"{g.Key}×{g.Count()}"));

        // Edit 1: the unrelated file's text changes. Edit 2 (on top of it): a new unrelated file is added.
        var unrelated = input.SyntaxTrees.Last();
        var replaced = input.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(Workloads.Unrelated(1), Workloads.ParseOptions, path: unrelated.FilePath));
        var added = replaced.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Many; public static class Added { }", Workloads.ParseOptions, path: "Added.cs"));
        var edits = new List<EditResult>();
        foreach (var (what, compilation) in new[] { ("unrelated file replaced", replaced), ("unrelated file added", added) })
        {
            wall.Restart();
            driver = driver.RunGenerators(compilation, ct);
            double editWall = wall.Elapsed.TotalSeconds;
            var run = driver.GetRunResult().Results[0];
            if (run.Exception is { } e2) notes.Add($"generator exception after the edit ({what}): {e2.Message}");
            var steps = run.TrackedSteps
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => (s.Key, (IReadOnlyDictionary<IncrementalStepRunReason, int>)s.Value
                    .SelectMany(step => step.Outputs)
                    .GroupBy(o => o.Reason)
                    .ToDictionary(g => g.Key, g => g.Count())))
                .ToList();
            edits.Add(new EditResult(what, driver.GetTimingInfo().ElapsedTime.TotalSeconds, editWall, steps));
        }
        return new ManyResult(methods, first.GeneratedSources.Length, cold, coldWall, perAnalyzer.Sum(a => a.Seconds), edits, string.Join("; ", notes));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs the work on its own thread and stops waiting after the timeout (then asks it to cancel; a thread that
    /// does not listen is abandoned, and Program ends the process with Environment.Exit).
    /// </summary>
    private static T? WithTimeout<T>(Func<CancellationToken, T> work, TimeSpan timeout) where T : class
    {
        var cts = new CancellationTokenSource();
        var task = Task.Factory.StartNew(() => work(cts.Token), cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (task.Wait(timeout)) return task.Result;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        cts.Cancel();
        return null;
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string S(double seconds) => seconds.ToString("F4", Inv);

    private static string RuntimeInformationLine() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}";
}
