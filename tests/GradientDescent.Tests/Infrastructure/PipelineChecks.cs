using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// What every generator run must satisfy, checked by <see cref="GeneratorHarness.Run"/> on every test (the way
/// NetEscapades.EnumGenerators' TestHelpers does): after an unrelated edit the same driver re-runs nothing, and no
/// step output holds a Roslyn object (which would root a whole compilation in the IDE and defeat the cache).
/// </summary>
internal static class PipelineChecks
{
    /// <summary>A file the user did not touch in any way that matters to the generator.</summary>
    public const string UnrelatedEdit = "namespace __Unrelated { internal static class Edit { } }";

    public static CSharpCompilation WithUnrelatedEdit(CSharpCompilation compilation) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedEdit, GeneratorHarness.ParseOptions, path: "__Unrelated.cs"));

    /// <summary>
    /// Roslyn's own tracked steps: the inputs (<see cref="WellKnownGeneratorInputs"/>: Compilation, ParseOptions, …),
    /// the outputs (<see cref="WellKnownGeneratorOutputs"/>), and the internal stages of ForAttributeWithMetadataName
    /// (named <c>…_ForAttribute…</c>). They carry the compilation and syntax trees by design and rerun on any edit.
    /// Every other tracked step is the generator's, whatever its name: a step added tomorrow is checked without
    /// touching this file.
    /// </summary>
    private static readonly ImmutableHashSet<string> RoslynStepNames =
        new[] { typeof(WellKnownGeneratorInputs), typeof(WellKnownGeneratorOutputs) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)) // CompilationOptions is internal
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToImmutableHashSet(StringComparer.Ordinal);

    public static bool IsRoslynStep(string name) =>
        RoslynStepNames.Contains(name) || name.Contains("_ForAttribute", StringComparison.Ordinal);

    /// <summary>The generator's tracked steps of a run (every step not Roslyn's own), by name.</summary>
    public static IEnumerable<KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>>> GeneratorSteps(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.TrackedSteps).Where(s => !IsRoslynStep(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal);

    /// <summary>
    /// Fails unless every output of every generator step, and every source output, of <paramref name="second"/> (a run
    /// of the same driver after <paramref name="edit"/>) is Cached or Unchanged.
    /// </summary>
    public static void AssertNothingReran(GeneratorDriverRunResult second, string edit)
    {
        var reran = GeneratorSteps(second)
            .Concat(second.Results.SelectMany(r => r.TrackedOutputSteps))
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs)
                .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(o => $"step '{step.Key}': {o.Reason} ({o.Value?.GetType().Name ?? "null"})"))
            .ToList();
        if (reran.Count > 0)
            throw new XunitException($"After {edit}, the generator's pipeline re-ran instead of staying Cached/Unchanged " +
                                     $"(a model that is not value-equatable, or a step reading the whole compilation):\n  " +
                                     string.Join("\n  ", reran));
    }

    /// <summary>Fails if any output of any generator step holds an ISymbol, SyntaxNode, Compilation, SemanticModel, Location or SyntaxTree.</summary>
    public static void AssertNoRoslynObjects(GeneratorDriverRunResult result)
    {
        foreach (var step in GeneratorSteps(result))
        {
            var i = 0;
            foreach (var output in step.Value.SelectMany(run => run.Outputs))
                AssertNoRoslynObjects(output.Value, $"step '{step.Key}' output {i++}");
        }
    }

    private static readonly Type[] Forbidden =
        { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };

    private sealed record Visit(object Value, string Name, Visit? Parent)
    {
        public string Path()
        {
            var names = new List<string>();
            for (var v = this; v is not null; v = v.Parent) names.Add(v.Name);
            names.Reverse();
            return string.Concat(names);
        }
    }

    /// <summary>
    /// Walks the object graph by its fields (what is actually stored, backing fields of records included; no property
    /// getter or enumerator runs, so a default ImmutableArray or a lazy property cannot throw), arrays by element, each object once (the IR shares subexpressions, so a tree walk could be exponential), with an
    /// explicit stack (a 2000-statement chain nests that deep).
    /// </summary>
    public static void AssertNoRoslynObjects(object? root, string name)
    {
        if (root is null) return;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Visit>();
        stack.Push(new Visit(root, name, null));
        while (stack.Count > 0)
        {
            var visit = stack.Pop();
            var value = visit.Value;
            var type = value.GetType();
            if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
                throw new XunitException($"{visit.Path()} holds a {type.Name} ({forbidden.Name}): step outputs must be value-equatable models, never Roslyn objects");
            if (IsLeaf(type) || (!type.IsValueType && !seen.Add(value))) continue;

            if (value is Array array)
            {
                if (IsLeaf(type.GetElementType()!)) continue;
                var i = 0;
                foreach (var item in array)
                {
                    if (item is not null) stack.Push(new Visit(item, $"[{i}]", visit));
                    i++;
                }
                continue;
            }
            for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } child) stack.Push(new Visit(child, "." + FieldName(field), visit));
                }
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsPointer ||
        typeof(MemberInfo).IsAssignableFrom(type); // a Type or MethodInfo (e.g. in a delegate) is metadata, not a Roslyn object

    /// <summary><c>&lt;Left&gt;k__BackingField</c> reads as <c>Left</c>.</summary>
    private static string FieldName(FieldInfo field) =>
        field.Name.StartsWith("<", StringComparison.Ordinal) && field.Name.IndexOf('>') is var end and > 0 ? field.Name.Substring(1, end - 1) : field.Name;
}
