using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Parsing;
using GradientDescent.Generator.Vectorization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradientDescent.Generator.Analyzers;

/// <summary>
/// Reports why a [Differentiable] method gets no gradient (GD0002–GD0011, GD0013) or gets one that never moves a
/// parameter (GD0012) or asks for SIMD no loop can have (GD0014), from the same stages the generator runs. An analyzer rather than the generator reports them,
/// so #pragma and .editorconfig severities apply. Every [Differentiable] method ends in its generated members or
/// an error here (or a compiler error in the method itself).
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
        Descriptors.ZeroDerivative,
        Descriptors.VectorizeIneffective,
        Descriptors.TrainOverloadOmitted,
        Descriptors.NothingDifferentiated,
        Descriptors.InternalError);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Without the attribute type in the compilation there is nothing to analyze.
            if (start.Compilation.GetTypeByMetadataName(KnownNames.DifferentiableAttribute) is null) return;
            var verdicts = new MethodVerdicts(start.Compilation);
            start.RegisterSyntaxNodeAction(c => AnalyzeMethod(c, verdicts), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(AnalyzeLocalFunction, SyntaxKind.LocalFunctionStatement);
            start.RegisterSyntaxNodeAction(AnalyzeOtherFunction, SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration,
                SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration, SyntaxKind.InitAccessorDeclaration,
                SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, MethodVerdicts verdicts)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method) return;
        if (WrtAttribute.Find(method) is null) return;

        var verdict = verdicts.For(method, syntax, context.SemanticModel, context.CancellationToken);
        foreach (var diagnostic in verdict.Parse.Diagnostics) context.ReportDiagnostic(diagnostic);
        if (verdict.Failure is { } failure)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, syntax.Identifier.GetLocation(), method.Name,
                failure.GetType().Name, failure.Message));
            return;
        }
        if (verdict.Parse.Incomplete && verdict.Parse.Diagnostics.IsEmpty && !HasErrors(context, syntax))
        {
            // The parser gave up on code the compiler accepts: say so rather than let the method go without a gradient.
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, syntax.Identifier.GetLocation(), method.Name,
                "IncompleteCode", "the differentiator could not read a construct the compiler accepts"));
            return;
        }

        foreach (var (callee, call) in verdict.Parse.DifferentiableCalls)
        {
            if (SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, method.OriginalDefinition))
                continue; // recursion: the method's own diagnostics speak for it
            // A cycle that fails only at this method is this method's own diagnostics' business.
            if (verdicts.FailingReach(callee, context.CancellationToken).Any(m => !SymbolEqualityComparer.Default.Equals(m, method.OriginalDefinition)))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDifferentiable, call.GetLocation(), SyntaxDescriptions.Excerpt(call),
                    $"'{callee.Name}' cannot be differentiated itself; see its diagnostics"));
        }
        if (verdict.Gradient is not { } gradient) return;
        ReportZeroDerivatives(context, syntax, gradient);
        if (gradient.Vectorization is { Vectorised: 0, FirstRefusal: { } refusal } report && WrtAttribute.Find(method) is { } attribute)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.VectorizeIneffective, VectorSupport.Location(attribute), method.Name,
                refusal.Describe(report.Function, report.Element is { } element ? ExpressionFormatter.CSharp.Format(element) : null)));
    }

    private static bool HasErrors(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax) =>
        context.SemanticModel.GetDiagnostics(syntax.Span, context.CancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>GD0012, as Swift warns: a wrt parameter the result does not depend on gets a derivative of zero.</summary>
    private static void ReportZeroDerivatives(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax, Simplification.GradientModel gradient)
    {
        var arguments = syntax.AttributeLists.SelectMany(l => l.Attributes)
            .FirstOrDefault(a => context.SemanticModel.GetSymbolInfo(a, context.CancellationToken).Symbol?.ContainingType?.ToDisplayString() == KnownNames.DifferentiableAttribute)
            ?.ArgumentList?.Arguments;
        var model = gradient.Method;
        for (var i = 0; i < model.Wrt.Count; i++)
        {
            if (!gradient.AlwaysZero[i]) continue;
            var location = arguments is { Count: var n } args && n == model.Wrt.Count ? args[i].GetLocation() : syntax.Identifier.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ZeroDerivative, location, model.Name, model.WrtParameter(i).Name));
        }
    }

    /// <summary>C# allows the attribute on a local function, but the generator has no type to add a gradient to.</summary>
    /// <summary>
    /// [Differentiable] on an operator, an accessor or a lambda (the attribute targets methods, and these are methods
    /// too): none of them gets a gradient, so say so rather than stay silent.
    /// </summary>
    private static void AnalyzeOtherFunction(SyntaxNodeAnalysisContext context)
    {
        var (lists, location, construct, what) = context.Node switch
        {
            OperatorDeclarationSyntax o => (o.AttributeLists, o.OperatorToken.GetLocation(), "operator " + o.OperatorToken.Text, "an operator"),
            ConversionOperatorDeclarationSyntax c => (c.AttributeLists, c.OperatorKeyword.GetLocation(), "operator " + c.Type, "a conversion operator"),
            AccessorDeclarationSyntax a => (a.AttributeLists, a.Keyword.GetLocation(), a.Keyword.Text, "a property accessor"),
            LambdaExpressionSyntax l => (l.AttributeLists, l.ArrowToken.GetLocation(), SyntaxDescriptions.Excerpt(l.WithAttributeLists(default)).Trim(), "a lambda"),
            _ => (default(SyntaxList<AttributeListSyntax>), Location.None, "", ""),
        };
        if (lists.Count == 0) return;
        var function = context.Node is LambdaExpressionSyntax
            ? context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol as IMethodSymbol
            : context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) as IMethodSymbol;
        if (function is null || WrtAttribute.Find(function) is null) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDifferentiable, location, construct,
            $"{what} gets no generated gradient; put the cost in a static method of a partial type and call it here"));
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context)
    {
        var syntax = (LocalFunctionStatementSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol function) return;
        if (WrtAttribute.Find(function) is null) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotDifferentiable, syntax.Identifier.GetLocation(), function.Name,
            "a local function gets no generated gradient; make it a static method of a partial type"));
    }
}
