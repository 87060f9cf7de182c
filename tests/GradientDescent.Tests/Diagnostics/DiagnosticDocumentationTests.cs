using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using GradientDescent.Generator.Analyzers;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradientDescent.Tests.Diagnostics;

/// <summary>
/// Every diagnostic has a docs page (docs/diagnostics/&lt;ID&gt;.md, its help link) and a release-tracking line, and the
/// code on each page does what the page says: an example under "What triggers it" reports exactly the IDs its
/// comments name, an example under "How to fix" reports nothing and gets a gradient.
/// </summary>
public class DiagnosticDocumentationTests
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(
        typeof(DiagnosticDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!,
        "..", ".."));

    private static readonly string DocsDirectory = Path.Combine(RepositoryRoot, "docs", "diagnostics");

    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() => typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    private static IReadOnlyList<string> AllIds() => typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var d in AllDescriptors()) data.Add(d.Id);
        return data;
    }

    [Fact]
    public void Descriptors_are_GD0001_to_GD0016_and_all_are_supported_by_an_analyzer()
    {
        var ids = AllDescriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"GD{i:0000}"), ids);

        var supported = new DifferentiableMethodAnalyzer().SupportedDiagnostics
            .Concat(new SignOfUpdateAnalyzer().SupportedDiagnostics)
            .Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal);
        Assert.Equal(ids, supported);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_descriptor_has_a_docs_page_as_its_help_link(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);

        // Absolute, so the IDE can open it outside this repository; its path is the page's path in the repository.
        Assert.True(System.Uri.TryCreate(descriptor.HelpLinkUri, System.UriKind.Absolute, out var link), descriptor.HelpLinkUri);
        Assert.Equal(System.Uri.UriSchemeHttps, link!.Scheme);
        Assert.EndsWith($"/main/docs/diagnostics/{id}.md", link.AbsolutePath);
        var page = Path.Combine(RepositoryRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_descriptor_has_a_line_in_the_unshipped_release_file(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, "src", "Generator", "AnalyzerReleases.Unshipped.md"));

        var line = Assert.Single(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(new[] { id, descriptor.Category, descriptor.DefaultSeverity.ToString(), descriptor.Title.ToString() }, cells);
    }

    [Fact]
    public void Every_id_constant_has_a_descriptor()
    {
        Assert.Equal(AllIds().OrderBy(i => i, StringComparer.Ordinal), AllDescriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
    }

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var d in AllDescriptors())
        {
            var page = Path.Combine(DocsDirectory, d.Id + ".md");
            if (!File.Exists(page)) continue; // reported by Every_descriptor_has_a_docs_page_as_its_help_link
            var count = CodeBlocks(File.ReadAllText(page)).Count;
            for (var i = 0; i < count; i++) data.Add(d.Id, i);
        }
        return data;
    }

    /// <summary>An internal error has no code that triggers it on purpose; InternalErrorTests forces one.</summary>
    private static readonly string[] WithoutTriggerExample = { Descriptors.InternalErrorId };

    [Fact]
    public void Every_page_shows_a_trigger_and_a_fix()
    {
        foreach (var d in AllDescriptors().Where(d => !WithoutTriggerExample.Contains(d.Id)))
        {
            var blocks = CodeBlocks(File.ReadAllText(Path.Combine(DocsDirectory, d.Id + ".md")));
            Assert.True(blocks.Any(b => !b.IsFix), $"{d.Id}: no example under 'What triggers it'");
            Assert.True(blocks.Any(b => b.IsFix), $"{d.Id}: no example under 'How to fix'");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Docs_examples_do_what_the_page_says(string id, int index)
    {
        var block = CodeBlocks(File.ReadAllText(Path.Combine(DocsDirectory, id + ".md")))[index];

        var result = GeneratorHarness.Run(block.Code);

        Assert.Null(result.GeneratorException);
        Assert.Empty(result.CompilationDiagnostics());
        var reported = result.AnalyzerDiagnostics.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToArray();
        if (block.IsFix)
        {
            Assert.Empty(result.AnalyzerDiagnostics);
            Assert.NotEmpty(result.RunResult.Results.Single().GeneratedSources);
        }
        else
        {
            var annotated = Regex.Matches(block.Code, @"//.*?\b(GD\d{4})\b").Select(m => m.Groups[1].Value)
                .Distinct().OrderBy(i => i, StringComparer.Ordinal).ToArray();
            Assert.Contains(id, annotated);
            Assert.Equal(annotated, reported);
        }
    }

    private sealed record CodeBlock(string Code, bool IsFix);

    private static List<CodeBlock> CodeBlocks(string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n");
        var fixAt = markdown.IndexOf("\n## How to fix", StringComparison.Ordinal);
        return Regex.Matches(markdown, "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => new CodeBlock(m.Groups[1].Value, fixAt >= 0 && m.Index > fixAt))
            .ToList();
    }
}
