using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GradientDescent.Bench.Scaling;

/// <summary>The synthetic inputs: a chain of N statements in one method, and many small methods over a few types.</summary>
internal static class Workloads
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
        .ToImmutableArray();

    /// <summary><c>double v(i) = v(i-1) * 0.999 + Math.Sin(v(i-1)) * b;</c> for i = 1..N, returning vN.</summary>
    public static string Chain(int n)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using System; using GradientDescent;");
        sb.AppendLine("public static partial class Chain {");
        sb.AppendLine("    [Differentiable(nameof(w), nameof(b))]");
        sb.AppendLine("    public static double F(double w, double b) {");
        sb.AppendLine("        double v0 = w;");
        for (int i = 1; i <= n; i++)
            sb.Append("        double v").Append(i).Append(" = v").Append(i - 1).Append(" * 0.999 + Math.Sin(v").Append(i - 1).AppendLine(") * b;");
        sb.Append("        return v").Append(n).AppendLine(";");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>
    /// A training method of N hand-written updates, each after an evaluation of the seed cost: even updates descend
    /// (<c>w7 += lr * grad7</c>), odd ones climb (<c>w8 -= lr * grad8</c>), so GD0001 must fire N/2 times.
    /// </summary>
    public static string Training(int n)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using System; using GradientDescent;");
        sb.AppendLine("public static partial class Seed {");
        sb.AppendLine("    [Differentiable(nameof(w))]");
        sb.AppendLine("    public static double E(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }");
        // One weight per update (static fields): an update of a variable already written in the pass is not judged.
        for (int i = 0; i < n; i++) sb.Append("    static double w").Append(i).AppendLine(" = 0.1;");
        sb.AppendLine("    public static double Train(double x, double y, double lr) {");
        sb.AppendLine("        double total = 0;");
        for (int i = 0; i < n; i++)
        {
            sb.Append("        total += E(w").Append(i).AppendLine(", x, y);");
            sb.Append("        double grad").Append(i).Append(" = (y - w").Append(i).AppendLine(" * x) * x;");
            sb.Append("        w").Append(i).Append(i % 2 == 0 ? " += " : " -= ").Append("lr * grad").Append(i).AppendLine(";");
        }
        sb.AppendLine("        return total;");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary><paramref name="count"/> seed costs with varied constants, spread over <paramref name="types"/> types (one file each).</summary>
    public static string[] Many(int count, int types)
    {
        var files = new StringBuilder[types];
        for (int t = 0; t < types; t++)
            files[t] = new StringBuilder("using System; using GradientDescent;\nnamespace Many;\npublic static partial class Costs" + t + " {\n");
        for (int i = 0; i < count; i++)
        {
            string scale = (1 + i * 0.01).ToString("R", CultureInfo.InvariantCulture);
            string offset = (i % 7 * 0.5).ToString("R", CultureInfo.InvariantCulture);
            files[i % types]
                .Append("    [Differentiable(nameof(w))]\n")
                .Append("    public static double Cost").Append(i).Append("(double w, double x, double y) { double yOut = w * x * ")
                .Append(scale).Append(" + ").Append(offset).Append("; return 0.5 * (y - yOut) * (y - yOut); }\n");
        }
        return files.Select(f => f.Append("}\n").ToString()).ToArray();
    }

    /// <summary>A file with no [Differentiable] method; <paramref name="version"/> changes its text for the "unrelated edit".</summary>
    public static string Unrelated(int version) =>
        "namespace Many;\npublic static class Unrelated { public static int Version() => " + version.ToString(CultureInfo.InvariantCulture) + "; }\n";

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Bench",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));
}
