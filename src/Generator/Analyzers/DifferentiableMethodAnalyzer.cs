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
/// Reports why a [Differentiable] method gets no gradient (GD0002–GD0012), from the same parser the generator
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
        Descriptors.FileLocalType,
        Descriptors.ZeroDerivative);

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
        if (result.Model is { } model) ReportZeroDerivatives(context, syntax, model);
    }

    /// <summary>GD0012, as Swift warns: a wrt parameter the result does not depend on gets a derivative of zero.</summary>
    private static void ReportZeroDerivatives(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax, Model.MethodModel model)
    {
        Differentiation.GradientModel gradient;
        try
        {
            gradient = Differentiation.ReverseSweep.Differentiate(model, context.CancellationToken);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return; // the generator skips such a method too; a warning is not worth an AD0001
        }
        var arguments = syntax.AttributeLists.SelectMany(l => l.Attributes)
            .FirstOrDefault(a => context.SemanticModel.GetSymbolInfo(a, context.CancellationToken).Symbol?.ContainingType?.ToDisplayString() == KnownNames.DifferentiableAttribute)
            ?.ArgumentList?.Arguments;
        for (var i = 0; i < model.Wrt.Count; i++)
        {
            if (!gradient.IsAlwaysZero(i)) continue;
            var location = arguments is { Count: var n } args && n == model.Wrt.Count ? args[i].GetLocation() : syntax.Identifier.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ZeroDerivative, location, model.Name, model.Wrt[i]));
        }
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
