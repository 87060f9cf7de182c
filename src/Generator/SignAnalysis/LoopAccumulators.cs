using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// Batch accumulation: <c>gw += T;</c> (or <c>-=</c>, <c>gw = gw + T</c>) as a statement of a loop's body, the only
/// write of a double <c>gw</c> from before the loop and its only read in the loop. Where T is k times the gradient,
/// with respect to a weight the loop does not change, of a cost the same pass evaluated (k the same every pass), the
/// loop leaves gw = gw₀ + k·Σ ∂cost/∂weight, and an update after the loop is judged against that sum.
/// </summary>
internal sealed class LoopAccumulators
{
    private readonly Dictionary<AssignmentExpressionSyntax, ISymbol> _candidates;
    private readonly HashSet<ISymbol> _written;
    private readonly int _costsBefore;
    private readonly List<(ISymbol Variable, Expr Term, bool Adds)> _terms = new();

    private LoopAccumulators(Dictionary<AssignmentExpressionSyntax, ISymbol> candidates, HashSet<ISymbol> written, int costsBefore)
    {
        _candidates = candidates;
        _written = written;
        _costsBefore = costsBefore;
    }

    public static LoopAccumulators Find(StatementSyntax? body, IReadOnlyCollection<ISymbol> written, int costsBefore, SemanticModel model, CancellationToken ct)
    {
        var candidates = new Dictionary<AssignmentExpressionSyntax, ISymbol>();
        var statements = body is BlockSyntax block ? block.Statements.ToList() : body is null ? new List<StatementSyntax>() : new List<StatementSyntax> { body };
        foreach (var statement in statements)
        {
            if (statement is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } ||
                !assignment.IsKind(SyntaxKind.AddAssignmentExpression) && !assignment.IsKind(SyntaxKind.SubtractAssignmentExpression) && !IsSelfSum(assignment, model, ct) ||
                model.GetSymbolInfo(assignment.Left, ct).Symbol is not { } variable || variable is not (ILocalSymbol or IParameterSymbol or IFieldSymbol) ||
                model.GetTypeInfo(assignment.Left, ct).Type?.SpecialType != SpecialType.System_Double) continue;
            // Read or written anywhere else in the loop, it is not a plain sum of the passes' terms.
            var uses = body!.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Count(i => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(i, ct).Symbol, variable));
            var own = assignment.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Count(i => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(i, ct).Symbol, variable));
            if (uses != own || own != (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? 2 : 1)) continue;
            candidates[assignment] = variable;
        }
        return new LoopAccumulators(candidates, new HashSet<ISymbol>(written, SymbolEqualityComparer.Default), costsBefore);
    }

    /// <summary>Whether the interpreter should show this assignment its step (it is one of the loop's sums).</summary>
    public bool IsTerm(AssignmentExpressionSyntax assignment) => _candidates.ContainsKey(assignment);

    public void Record(AssignmentExpressionSyntax assignment, Expr term, bool adds) => _terms.Add((_candidates[assignment], term, adds));

    /// <summary>At the end of the pass (its state still there): each accumulator's weight, sign and cost, where one fits.</summary>
    public List<(ISymbol Accumulator, ISymbol Weight, int Sign, CostDerivatives Cost)> Judge(Trace trace)
    {
        var found = new List<(ISymbol, ISymbol, int, CostDerivatives)>();
        bool Invariant(Symbol atom) => trace.VariableOf(atom) is { } v && !_written.Contains(v);
        foreach (var (accumulator, term, adds) in _terms)
        {
            var matches = new List<(ISymbol Weight, int Sign, CostDerivatives Cost)>();
            var expandedTerm = trace.Expand(term);
            for (var k = trace.Costs.Count - 1; k >= _costsBefore && matches.Count == 0; k--)
            {
                var evaluation = trace.Costs[k];
                if (evaluation.Summed is not null) continue;
                // The values the arguments name (a local's version, a parameter's atom) first; what those were computed from after.
                var direct = evaluation.Arguments.SelectMany(ExprWalker.Symbols).Distinct().ToList();
                var upstream = evaluation.Arguments.SelectMany(a => ExprWalker.Symbols(trace.Expand(a))).Distinct().Except(direct).ToList();
                foreach (var candidates in new[] { direct, upstream })
                {
                    foreach (var weight in candidates.Where(a => Invariant(a) && IsDouble(trace.VariableOf(a)!)))
                    {
                        var (derivative, _) = TotalDerivative.Of(trace, evaluation, weight);
                        if (Ex.IsZero(derivative)) continue;
                        if (DirectionJudge.ConstantMultiple(expandedTerm, trace.Expand(derivative), Invariant) is { } sign)
                            matches.Add((trace.VariableOf(weight)!, adds ? sign : -sign, evaluation.Cost));
                    }
                    if (matches.Count > 0) break;
                }
            }
            // A term that is a multiple of two weights' gradients says nothing certain about either.
            if (matches.Count == 1) found.Add((accumulator, matches[0].Weight, matches[0].Sign, matches[0].Cost));
        }
        return found;
    }

    private static bool IsDouble(ISymbol variable) => variable switch
    {
        ILocalSymbol l => l.Type.SpecialType == SpecialType.System_Double,
        IParameterSymbol p => p.Type.SpecialType == SpecialType.System_Double,
        IFieldSymbol f => f.Type.SpecialType == SpecialType.System_Double,
        _ => false,
    };

    /// <summary><c>gw = gw + T</c> or <c>gw = T + gw</c>.</summary>
    private static bool IsSelfSum(AssignmentExpressionSyntax assignment, SemanticModel model, CancellationToken ct) =>
        assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum &&
        model.GetSymbolInfo(assignment.Left, ct).Symbol is { } target &&
        (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(sum.Left, ct).Symbol, target) ||
         SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(sum.Right, ct).Symbol, target));
}
