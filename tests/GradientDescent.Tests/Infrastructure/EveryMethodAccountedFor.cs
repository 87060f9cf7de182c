using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Sdk;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// The core's promise, checked on every generator run of every test: each [Differentiable] method ends in its
/// generated <c>…Gradient</c> member or in an error located in the method (or on its containing type's
/// declaration, where GD0002 and GD0011 point, or in a
/// broken declaration around it) — never neither, the silent drop that leaves the user with only
/// CS0103 at the call site.
/// </summary>
internal static class EveryMethodAccountedFor
{
    public static void Assert(Compilation input, Compilation output, IEnumerable<Diagnostic> analyzerDiagnostics)
    {
        var errors = input.GetDiagnostics().Concat(analyzerDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource)
            .ToList();
        var silent = new List<string>();
        foreach (var tree in input.SyntaxTrees)
        {
            var model = output.GetSemanticModel(output.SyntaxTrees.First(t => t.FilePath == tree.FilePath));
            foreach (var syntax in model.SyntaxTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (syntax.AttributeLists.Count == 0 || model.GetDeclaredSymbol(syntax) is not IMethodSymbol method) continue;
                if (WrtAttribute.Find(method) is null) continue;
                if (method.ContainingType.GetMembers(method.Name + KnownNames.GradientSuffix)
                    .Any(m => m.Locations.Any(l => l.SourceTree is { } t && !input.SyntaxTrees.Contains(t))))
                    continue; // declared in a generated file
                if (errors.Any(e => e.Location.SourceTree?.FilePath == tree.FilePath && Covers(syntax, e.Location.SourceSpan))) continue;
                // Where the file does not parse, a method's extent is a guess (its tokens may land in the next member):
                // any syntax error in its type is the user's sign that something is wrong.
                var type = syntax.Ancestors().OfType<TypeDeclarationSyntax>().First();
                if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && type.FullSpan.Contains(d.Location.SourceSpan))) continue;
                silent.Add($"{method.ContainingType.Name}.{method.Name} ({tree.FilePath})");
            }
        }
        if (silent.Count > 0)
            throw new XunitException("[Differentiable] methods with neither a generated gradient nor an error diagnostic:\n  " + string.Join("\n  ", silent));
    }

    /// <summary>
    /// Whether the error belongs to the method: it lies in the method, or in a declaration around it and in none of
    /// that declaration's other members (a broken <c>namespace ;</c> line, the type's header).
    /// </summary>
    private static bool Covers(MethodDeclarationSyntax method, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var node = method.SyntaxTree.GetRoot().FindNode(span, getInnermostNodeForTie: true);
        var owner = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        return owner is null || owner == method || owner.Span.Contains(method.Span);
    }
}
