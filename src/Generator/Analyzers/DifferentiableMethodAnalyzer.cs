using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradientDescent.Generator.Analyzers;

/// <summary>
/// Reports why a [Differentiable] method gets no gradient (GD0002–GD0011), from the same parser the generator
/// uses. An analyzer rather than the generator reports them, so #pragma and .editorconfig severities apply.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DifferentiableMethodAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.TypeNotPartial,
        Descriptors.MethodNotStatic,
        Descriptors.ReturnTypeNotDouble,
        Descriptors.ParameterTypeNotSupported,
        Descriptors.WrtNotAParameter,
        Descriptors.WrtListedTwice,
        Descriptors.NotDifferentiable,
        Descriptors.GenericMethod,
        Descriptors.GradientNameTaken,
        Descriptors.FileLocalType);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Without the attribute type in the compilation there is nothing to analyze.
            if (start.Compilation.GetTypeByMetadataName(KnownNames.DifferentiableAttribute) is null) return;
            start.RegisterSyntaxNodeAction(AnalyzeMethod, SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(AnalyzeLocalFunction, SyntaxKind.LocalFunctionStatement);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method) return;

        var result = MethodParser.Parse(syntax, method, context.SemanticModel, context.CancellationToken);
        foreach (var diagnostic in result.Diagnostics) context.ReportDiagnostic(diagnostic);
    }

    /// <summary>C# allows the attribute on a local function, but the generator has no type to add a gradient to.</summary>
    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context)
    {
        var syntax = (LocalFunctionStatementSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol function) return;
        if (!function.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.DifferentiableAttribute)) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDifferentiable, syntax.Identifier.GetLocation(), function.Name,
            "a local function gets no generated gradient; make it a static method of a partial type"));
    }
}
