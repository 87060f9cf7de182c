using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GradientDescent.Generator;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>The pipeline caches: edits elsewhere re-run nothing, and its models hold no Roslyn objects.</summary>
public class IncrementalTests
{
    private static readonly string[] Steps = { TrackingNames.Methods, TrackingNames.Gradients, TrackingNames.Files };

    private const string Unrelated = "namespace Other; public class Unrelated { public int X => 1; }";

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.Compile(SnapshotSources.BiasSigmoid, SnapshotSources.SeedCost, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult();
        driver = driver.RunGenerators(edit(compilation));
        return (first, driver.GetRunResult());
    }

    private static CSharpCompilation ReplaceSource(CSharpCompilation compilation, int index, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(index),
            CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: $"Source{index}.cs"));

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult result, string step) =>
        result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var (_, second) = RunTwice(c => ReplaceSource(c, 2, Unrelated.Replace("=> 1", "=> 2")));

        foreach (var step in Steps)
        {
            var reasons = Reasons(second, step).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Adding_a_file_leaves_every_step_cached_or_unchanged()
    {
        var (_, second) = RunTwice(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Added { }", GeneratorHarness.ParseOptions)));

        foreach (var step in Steps)
            Assert.All(Reasons(second, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
    }

    [Fact]
    public void Editing_a_cost_reruns_only_that_method()
    {
        var (_, second) = RunTwice(c => ReplaceSource(c, 1, SnapshotSources.SeedCost.Replace("0.5 *", "0.25 *")));

        var methods = Reasons(second, TrackingNames.Methods).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, methods);
        Assert.Contains(IncrementalStepRunReason.Cached, methods); // the sigmoid's model was not rebuilt
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Files));
        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(second, TrackingNames.Files)); // the other type's file
    }

    [Fact]
    public void Step_outputs_hold_no_roslyn_objects()
    {
        var (first, _) = RunTwice(c => c);

        foreach (var step in Steps)
        {
            foreach (var output in first.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs))
                AssertNoRoslynObjects(output.Value, step, 0);
        }
    }

    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };

    private static void AssertNoRoslynObjects(object? value, string path, int depth)
    {
        if (value is null || depth > 40 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.Name}");
        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence) AssertNoRoslynObjects(item, $"{path}[{i++}]", depth + 1);
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            AssertNoRoslynObjects(property.GetValue(value), $"{path}.{property.Name}", depth + 1);
        }
    }
}
