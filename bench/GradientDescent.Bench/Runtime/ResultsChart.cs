using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GradientDescent.Bench.Runtime;

/// <summary>
/// The runtime mode's ratio table, kept as <c>bench/results/runtime.md</c>, and its chart (ScottPlot):
/// generated / hand-written per case, with the 1.0 and 1.10 lines the targets are read against.
/// </summary>
internal static class ResultsChart
{
    public const string TablePath = "bench/results/runtime.md";
    public const string ChartPath = "docs/benchmarks.png";

    /// <summary><c>chart [table]</c>: draws the chart from a saved table.</summary>
    public static int Run(string[] args)
    {
        var table = args.Length > 0 ? args[0] : TablePath;
        if (!File.Exists(table))
        {
            Console.Error.WriteLine($"no table at {table}: run the runtime mode first, from the repository root");
            return 1;
        }
        Draw(File.ReadAllLines(table), ChartPath);
        Console.WriteLine($"chart: {ChartPath}");
        return 0;
    }

    /// <summary>The ratio column of each row of the markdown table whose header names "generated / hand-written".</summary>
    public static void Draw(IReadOnlyList<string> lines, string path)
    {
        var header = lines.FirstOrDefault(l => l.StartsWith("| case |", StringComparison.Ordinal))
                     ?? throw new InvalidOperationException("no ratio table");
        var columns = Cells(header);
        int ratioColumn = columns.IndexOf("generated / hand-written");
        var rows = lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')).Select(Cells)
            .Where(c => double.TryParse(c[ratioColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();

        var plot = new ScottPlot.Plot();
        var values = rows.Select(r => double.Parse(r[ratioColumn], CultureInfo.InvariantCulture)).ToArray();
        plot.Add.Bars(values);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r[0]).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Add.HorizontalLine(1.0, 1, ScottPlot.Colors.Black);
        plot.Add.HorizontalLine(1.10, 1, ScottPlot.Colors.Red, ScottPlot.LinePattern.Dashed);
        // The axis stops at 2 so the ratios near 1 can be read; a bar above it is cut there and labelled.
        const double top = 2.0;
        for (int i = 0; i < values.Length; i++)
        {
            var label = plot.Add.Text(values[i].ToString("F2", CultureInfo.InvariantCulture), i, Math.Min(values[i], top - 0.12) + 0.03);
            label.LabelAlignment = ScottPlot.Alignment.LowerCenter;
            label.LabelFontSize = 12;
        }
        // Room on the right for the last rotated label.
        plot.Axes.SetLimits(-0.6, values.Length + 0.4, 0, top);
        plot.Title("Generated / hand-written gradient time (lower is faster; dashed: 1.10)");
        plot.YLabel("ratio");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 900, 450);
    }

    private static List<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
}
