using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GradientDescent.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.CodeFixes;

/// <summary>
/// Fixes GD0001 by making the update descend: <c>+=</c> ↔ <c>-=</c>, <c>p + t</c> ↔ <c>p - t</c>, <c>t + p</c> → <c>p - t</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FlipUpdateSignCodeFix)), Shared]
public sealed class FlipUpdateSignCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "GradientDescent.FlipUpdateSign";
    private const string Title = "Flip the sign of the update (descend the gradient)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.SignOfUpdateId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment) continue;
            if (UpdateSignFlipper.Flip(assignment) is null) continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => Apply(context.Document, assignment, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> Apply(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var flipped = UpdateSignFlipper.Flip(assignment);
        return root is null || flipped is null ? document : document.WithSyntaxRoot(root.ReplaceNode(assignment, flipped));
    }
}
