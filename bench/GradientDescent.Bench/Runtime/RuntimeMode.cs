using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GradientDescent.Bench.Runtime;

/// <summary><c>runtime [BenchmarkDotNet args]</c> and <c>check</c>.</summary>
internal static class RuntimeMode
{
    public static int Check()
    {
        try
        {
            foreach (var line in GradientCheck.Run()) Console.WriteLine(line);
            foreach (var c in Cases.CaseCheck.All) Console.WriteLine(Cases.CaseCheck.Run(c));
            Console.WriteLine("check: generated and hand-written gradients agree to 1e-9 relative");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    public static int Run(string[] args)
    {
        // Verify once before anything is timed (each benchmark's [GlobalSetup] checks again in its own process).
        if (Check() != 0) return 1;

        // BenchmarkSwitcher asks on the console which benchmarks to run when given no filter: run them all instead.
        bool everything = !args.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal) || a is "--list" or "--help" or "-h");
        if (everything) args = [.. args, "--filter", "*"];
        // ShortRun's 3 iterations move a ratio by ±0.15 on a shared 2-core machine; 15 after 5 warm-ups hold it to a few hundredths.
        if (!args.Contains("--iterationCount")) args = [.. args, "--iterationCount", "15"];
        if (!args.Contains("--warmupCount")) args = [.. args, "--warmupCount", "5"];

        var summaries = BenchmarkSwitcher.FromTypes([typeof(SeedCost), typeof(Cases.Neuron), typeof(Cases.Rosenbrock), typeof(Cases.Mse4096),
            typeof(Cases.Dot256), typeof(Cases.Logistic512), typeof(Network), typeof(Cases.Softmax256), typeof(Cases.SeedTraining),
            typeof(Cases.Mse4096Simd), typeof(Cases.Dot256Simd), typeof(Cases.Logistic512Simd), typeof(Cases.Softmax256Simd), typeof(Cases.NetworkSimd)]).Run(args).ToList();
        PrintRatios(summaries, save: everything);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }

    /// <summary>generated/hand-written and gradient/primal per case, from the summaries' mean times.</summary>
    /// <param name="save">Only a run of every case replaces the saved table and chart.</param>
    private static void PrintRatios(IEnumerable<Summary> summaries, bool save)
    {
        var means = new Dictionary<(string Case, string Method), double>();
        foreach (var summary in summaries)
            foreach (var report in summary.Reports)
                if (report.ResultStatistics is { } stats)
                    means[(report.BenchmarkCase.Descriptor.Type.Name, report.BenchmarkCase.Descriptor.WorkloadMethod.Name)] = stats.Mean;
        if (means.Count == 0) return;

        string Ns(string c, string m) => means.TryGetValue((c, m), out var v) ? v.ToString("N2", CultureInfo.InvariantCulture) : "-";
        string Ratio(string c, string a, string b) =>
            means.TryGetValue((c, a), out var x) && means.TryGetValue((c, b), out var y) && y > 0 ? (x / y).ToString("F2", CultureInfo.InvariantCulture) : "-";

        var table = new List<string>
        {
            "## Ratios (mean times from the BenchmarkDotNet summary)",
            "",
            "| case | primal ns | generated ns | hand-written ns | finite differences ns | generated / hand-written | generated / primal | hand-written / primal | finite differences / generated |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var c in means.Keys.Select(k => k.Case).Distinct())
            table.Add($"| {c} | {Ns(c, "Primal")} | {Ns(c, "Generated")} | {Ns(c, "HandWritten")} | {Ns(c, "FiniteDifferences")} | " +
                $"{Ratio(c, "Generated", "HandWritten")} | {Ratio(c, "Generated", "Primal")} | {Ratio(c, "HandWritten", "Primal")} | {Ratio(c, "FiniteDifferences", "Generated")} |");
        Console.WriteLine();
        foreach (var line in table) Console.WriteLine(line);
        // Run from the repository root, the table and its chart are kept for the README.
        if (save && Directory.Exists("bench") && Directory.Exists("docs"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ResultsChart.TablePath)!);
            File.WriteAllLines(ResultsChart.TablePath, table);
            ResultsChart.Draw(table, ResultsChart.ChartPath);
            Console.WriteLine($"saved {ResultsChart.TablePath} and {ResultsChart.ChartPath}");
        }
    }
}
