using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using GradientDescent.Generator;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Sdk;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>The pipeline caches: edits elsewhere re-run nothing, and its models hold no Roslyn objects.</summary>
public class IncrementalTests
{
    /// <summary>Every step name the generator declares, read from <see cref="TrackingNames"/> so a new one is covered.</summary>
    private static readonly string[] Steps = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

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
    public void The_harness_checks_exactly_the_steps_the_generator_names()
    {
        // PipelineChecks tells the generator's steps from Roslyn's own by name; they must be exactly TrackingNames.
        var (first, _) = RunTwice(c => c);
        Assert.Equal(Steps.OrderBy(s => s, StringComparer.Ordinal), PipelineChecks.GeneratorSteps(first).Select(s => s.Key));
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
    public void Turning_a_zero_into_a_negative_zero_regenerates_the_method()
    {
        // Found by review: 0.0 and -0.0 compared equal in the model, so the incremental run kept Atan2(w, 0.0), whose
        // derivative at w = 0 differs from Atan2(w, -0.0)'s.
        const string Zero = "using System; using GradientDescent; namespace Signs; public static partial class Z { [Differentiable] public static double A(double w) => Math.Atan2(w, 0.0) * w; }";
        var compilation = GeneratorHarness.Compile(Zero, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = ReplaceSource(compilation, 0, Zero.Replace("0.0)", "-0.0)"));
        var incremental = driver.RunGenerators(edited).GetRunResult();
        var fresh = GeneratorHarness.CreateDriver().RunGenerators(edited).GetRunResult();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(incremental, TrackingNames.Methods));
        string Text(GeneratorDriverRunResult r) => r.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(Text(fresh), Text(incremental));
        Assert.Contains("-0.0", Text(incremental));
    }

    [Fact]
    public void Step_outputs_hold_no_roslyn_objects()
    {
        var (first, _) = RunTwice(c => c);

        foreach (var step in Steps) Assert.NotEmpty(first.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs));
        PipelineChecks.AssertNoRoslynObjects(first);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Editing_a_callee_in_another_file_regenerates_the_callers_gradient(bool samePartialType)
    {
        // Outer in Source0.cs calls Inner in Source1.cs; the edit touches only Source1.cs.
        var calleeType = samePartialType ? "Calls" : "Callees";
        var caller = $"using GradientDescent; namespace Demo; public static partial class Calls {{ [Differentiable] public static double Outer(double x) => {calleeType}.Inner(x) * 2; }}";
        string Callee(string body) => $"using GradientDescent; namespace Demo; public static partial class {calleeType} {{ [Differentiable] public static double Inner(double x) => {body}; }}";
        var compilation = GeneratorHarness.Compile(caller, Callee("x * x"));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var before, out _);
        Assert.Equal(new[] { 8.0 }, CompiledModel.Load(before).Gradient("Demo.Calls", "Outer", 2).Gradient); // d(2x²)/dx = 4x

        driver = driver.RunGeneratorsAndUpdateCompilation(ReplaceSource(compilation, 1, Callee("x * x * x")), out var after, out _);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver.GetRunResult(), TrackingNames.Gradients)); // the edit was seen
        var (value, gradient) = CompiledModel.Load(after).Gradient("Demo.Calls", "Outer", 2);
        Assert.Equal(16, value);
        Assert.Equal(new[] { 24.0 }, gradient); // d(2x³)/dx = 6x²
    }

    // The checks every test runs through GeneratorHarness.Run must be able to fail: two generators that break the rules.

    [Fact]
    public void The_harness_fails_a_step_that_reruns_after_an_unrelated_edit()
    {
        // An array compares by reference, so the step's output is "Modified" whenever the compilation changes.
        var driver = RunOnce(context => context.RegisterSourceOutput(
            context.CompilationProvider.Select((c, _) => new[] { c.AssemblyName }).WithTrackingName("ArrayOfNames"), (_, _) => { }), out var compilation);
        var second = driver.RunGenerators(PipelineChecks.WithUnrelatedEdit(compilation)).GetRunResult();

        var failure = Assert.Throws<XunitException>(() => PipelineChecks.AssertNothingReran(second, "the edit"));
        Assert.Contains("step 'ArrayOfNames': Modified", failure.Message);
    }

    private sealed record Holder(string Name, ImmutableArray<object> Parts);

    [Fact]
    public void The_harness_fails_a_step_output_that_holds_a_syntax_node()
    {
        var driver = RunOnce(context => context.RegisterSourceOutput(
            context.SyntaxProvider.CreateSyntaxProvider((n, _) => n is ClassDeclarationSyntax,
                (ctx, _) => new Holder("class", ImmutableArray.Create<object>(1, ctx.Node))).WithTrackingName("HoldsSyntax"), (_, _) => { }), out _);

        var failure = Assert.Throws<XunitException>(() => PipelineChecks.AssertNoRoslynObjects(driver.GetRunResult()));
        Assert.Contains("step 'HoldsSyntax' output 0.Parts.array[1] holds a ClassDeclarationSyntax", failure.Message);
    }

    private static GeneratorDriver RunOnce(Action<IncrementalGeneratorInitializationContext> initialize, out CSharpCompilation compilation)
    {
        compilation = GeneratorHarness.Compile(Unrelated);
        return CSharpGeneratorDriver.Create(new[] { new InlineGenerator(initialize).AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGenerators(compilation);
    }

    private sealed class InlineGenerator(Action<IncrementalGeneratorInitializationContext> initialize) : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) => initialize(context);
    }
}
