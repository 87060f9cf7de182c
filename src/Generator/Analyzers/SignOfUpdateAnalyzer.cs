using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using GradientDescent.Generator.SignAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradientDescent.Generator.Analyzers;

/// <summary>
/// GD0001: an update <c>p += t</c> (or <c>p = p + t</c>, <c>p -= t</c>, …) whose step moves p along the derivative of a
/// [Differentiable] cost evaluated earlier in the same pass, so it climbs the cost. Decided by the mathematics: the
/// total derivative of the cost with respect to p (chain rule through the locals) is compared with the step by
/// evaluation, never by the operator. Each body (method, accessor, local function, lambda) is read once, top to
/// bottom, and every update in it is judged on the way.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SignOfUpdateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SignOfUpdate);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.DifferentiableAttribute) is not { } attribute) return;
            var catalog = new CostCatalog(start.Compilation, attribute);
            start.RegisterSyntaxNodeAction(c => AnalyzeBody(c, catalog),
                SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
                SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.LocalFunctionStatement,
                SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration, SyntaxKind.InitAccessorDeclaration,
                SyntaxKind.AddAccessorDeclaration, SyntaxKind.RemoveAccessorDeclaration,
                SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
            start.RegisterSyntaxNodeAction(c => AnalyzeProgram(c, catalog), SyntaxKind.CompilationUnit);
        });
    }

    private static void AnalyzeBody(SyntaxNodeAnalysisContext context, CostCatalog catalog)
    {
        var body = context.Node switch
        {
            BaseMethodDeclarationSyntax m => m.Body,
            LocalFunctionStatementSyntax f => f.Body,
            AccessorDeclarationSyntax a => a.Body,
            AnonymousFunctionExpressionSyntax l => l.Block,
            _ => null,
        };
        if (body is null || !ContainsAssignment(body)) return;
        PassInterpreter.Run(body, context.SemanticModel, catalog, context.CancellationToken,
            (interpreter, assignment) => Judge(context, interpreter, assignment));
    }

    /// <summary>Top-level statements: the body of the program's entry point, spread over the file's global statements.</summary>
    private static void AnalyzeProgram(SyntaxNodeAnalysisContext context, CostCatalog catalog)
    {
        var statements = ((CompilationUnitSyntax)context.Node).Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList();
        if (statements.Count == 0 || !statements.Any(s => s.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is AssignmentExpressionSyntax))) return;
        PassInterpreter.Run((CompilationUnitSyntax)context.Node, statements, context.SemanticModel, catalog, context.CancellationToken,
            (interpreter, assignment) => Judge(context, interpreter, assignment));
    }

    /// <summary>Most bodies update nothing: they are not interpreted at all.</summary>
    private static bool ContainsAssignment(BlockSyntax body) =>
        body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is AssignmentExpressionSyntax);

    private static void Judge(SyntaxNodeAnalysisContext context, PassInterpreter interpreter, AssignmentExpressionSyntax assignment)
    {
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (UpdateForm.Match(assignment, (a, b) => SameVariable(model, a, b, ct)) is not { } update) return;
        if (model.GetTypeInfo(update.Target, ct).Type?.SpecialType != SpecialType.System_Double) return;

        var trace = interpreter.Trace;
        if (trace.Costs.Count == 0) return;
        if (Target(interpreter, model, update.Target, ct) is not { } target) return;
        var step = interpreter.Read(update.Step);
        // Moving back by the step an earlier update moved (a rejected step undone, a probe restored) is not descent
        // or ascent of anything: it returns to a point already judged.
        if (trace.IsUndo(target.Variable, target.Normalise(trace.Expand(step)), update.Adds)) return;

        var guarded = interpreter.GuardAtoms(assignment);
        foreach (var evaluation in Enumerable.Reverse(trace.Costs))
        {
            var (derivative, display) = target.DerivativeOf(evaluation);
            if (Ex.IsZero(derivative)) continue;

            var (expandedStep, expandedDerivative) = (trace.Expand(step), trace.Expand(derivative));
            var direction = DirectionJudge.Judge(expandedStep, expandedDerivative, trace.StepFactorsIn(expandedDerivative), guarded);
            // A momentum buffer (or moment estimate) holds past gradients the pass cannot see; on the loop's first pass
            // it holds its initial value, and that step's direction is exact.
            if (direction == Direction.Undecided && trace.OnFirstPass(expandedStep, expandedDerivative, target.Variable) is { } first)
                direction = DirectionJudge.Judge(first.Step, first.Derivative, trace.StepFactorsIn(first.Derivative), guarded);
            var derivativeAtoms = ExprWalker.Symbols(expandedDerivative);
            foreach (var factor in ExprWalker.Symbols(expandedStep).Where(s => !derivativeAtoms.Contains(s))) trace.MarkStepFactor(factor);
            var climbs = (direction == Direction.Along && update.Adds) || (direction == Direction.Against && !update.Adds);
            var descends = (direction == Direction.Along && !update.Adds) || (direction == Direction.Against && update.Adds);
            var maximizes = evaluation.Cost.Maximizes;
            if (maximizes ? descends : climbs)
            {
                var formula = display is null ? "its generated gradient" : ExpressionFormatter.Math.Format(trace.ForDisplay(display));
                // A batch update is judged against the cost summed over the loop's passes, and says so.
                var costName = evaluation.Summed is null ? evaluation.Cost.Name : "Σ" + evaluation.Cost.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SignOfUpdate, assignment.GetLocation(),
                    target.Name, costName, formula, maximizes ? "descends" : "climbs",
                    maximizes ? $"'{evaluation.Cost.Name}' is declared Goal.Maximize, and gradient ascent moves along it" : "gradient descent moves against it"));
            }
            return; // the latest evaluation of a cost that depends on p decides
        }
    }

    /// <summary>
    /// What an update moves: a scalar variable, or one element <c>w[j]</c> of a double array or span. Null for
    /// anything else (a property, an element of an array the analysis does not see).
    /// </summary>
    private static UpdateTarget? Target(PassInterpreter interpreter, SemanticModel model, ExpressionSyntax syntax, System.Threading.CancellationToken ct)
    {
        var trace = interpreter.Trace;
        var stripped = Strip(syntax);
        if (stripped is ElementAccessExpressionSyntax { ArgumentList.Arguments: [{ NameColon: null, Expression: var indexSyntax } argument] } element &&
            argument.RefKindKeyword.IsKind(SyntaxKind.None) && indexSyntax is not RangeExpressionSyntax &&
            interpreter.Variable(element.Expression) is { } array)
            return UpdateTarget.Element(element.WithoutTrivia().ToString(), array, trace.Read(array), interpreter.Read(indexSyntax));

        // A field of another instance (g.W) is not the variable a cost was given the same field of (p.W).
        if (stripped is MemberAccessExpressionSyntax && interpreter.Variable(stripped) is null) return null;
        var variable = model.GetSymbolInfo(stripped, ct).Symbol;
        if (variable is not (ILocalSymbol or IParameterSymbol or IFieldSymbol)) return null;
        // p is the value the variable holds now: after an earlier update in the pass, that update's result, so only a
        // cost evaluated since (on it) can decide this one (two samples per pass; weight decay after a step is not judged).
        if ((trace.WasAssigned(variable) ? trace.Read(variable) : trace.Atom(variable)) is not Symbol p) return null;
        return UpdateTarget.Scalar(trace, variable, p);
    }

    private static bool SameVariable(SemanticModel model, ExpressionSyntax a, ExpressionSyntax b, System.Threading.CancellationToken ct)
    {
        var (x, y) = (Strip(a), Strip(b));
        if (x is ElementAccessExpressionSyntax ex && y is ElementAccessExpressionSyntax ey)
            return SyntaxFactory.AreEquivalent(ex.ArgumentList, ey.ArgumentList) && SameVariable(model, ex.Expression, ey.Expression, ct);
        return x is IdentifierNameSyntax or MemberAccessExpressionSyntax && model.GetSymbolInfo(x, ct).Symbol is { } s &&
               SymbolEqualityComparer.Default.Equals(s, model.GetSymbolInfo(y, ct).Symbol);
    }

    private static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }
}
