using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// A switch statement as the if/else chain it means: each section runs where one of its case labels matches the
/// governing value (read once), the section with <c>default</c> where none does. Sections end in break, return or
/// throw, so there is no fall-through to follow; a break elsewhere in a section is refused.
/// </summary>
internal sealed class SwitchStatementReader
{
    private readonly ExpressionReader _expressions;
    private readonly BranchReader _branches;
    private readonly BodyReader _body;

    public SwitchStatementReader(ExpressionReader expressions, BranchReader branches, BodyReader body)
    {
        _expressions = expressions;
        _branches = branches;
        _body = body;
    }

    public void Read(SwitchStatementSyntax statement)
    {
        _expressions.RequireDouble(statement.Expression);
        var value = _expressions.Read(statement.Expression);
        var cases = new List<(Expr Condition, IReadOnlyList<StatementSyntax> Body)>();
        IReadOnlyList<StatementSyntax>? fallback = null;
        foreach (var section in statement.Sections)
        {
            var body = Body(section);
            if (section.Labels.Any(l => l is DefaultSwitchLabelSyntax))
            {
                fallback = body; // its case labels match nothing the other sections do: it is the final else
                continue;
            }
            Expr? condition = null;
            foreach (var label in section.Labels) condition = condition is null ? Label(label, value) : new Binary(BinaryOperator.Or, condition, Label(label, value));
            cases.Add((condition!, body));
        }
        ReadFrom(cases, 0, fallback);
    }

    private void ReadFrom(List<(Expr Condition, IReadOnlyList<StatementSyntax> Body)> cases, int index, IReadOnlyList<StatementSyntax>? fallback)
    {
        if (index == cases.Count)
        {
            if (fallback is not null) _body.ReadStatements(fallback);
            return;
        }
        var rest = index + 1 < cases.Count || fallback is not null ? () => ReadFrom(cases, index + 1, fallback) : (System.Action?)null;
        _branches.Read(cases[index].Condition, () => _body.ReadStatements(cases[index].Body), rest);
    }

    private Expr Label(SwitchLabelSyntax label, Expr value) => label switch
    {
        CaseSwitchLabelSyntax c => _expressions.Switches.Matches(c.Value, value),
        CasePatternSwitchLabelSyntax { WhenClause: { } when } => throw new NotDifferentiableException(when,
            "a when clause of a switch case is not differentiated; join the condition into the pattern, or write the switch as if/else"),
        CasePatternSwitchLabelSyntax p => _expressions.Switches.Condition(p.Pattern, value),
        _ => throw new NotDifferentiableException(label, "this switch label is not differentiated; use case constants, comparisons (case < 0:) or default"),
    };

    /// <summary>The section's statements without the break that ends it.</summary>
    private static IReadOnlyList<StatementSyntax> Body(SwitchSectionSyntax section)
    {
        var statements = section.Statements.SelectMany(s => s is BlockSyntax b && section.Statements.Count == 1 ? b.Statements : (IEnumerable<StatementSyntax>)new[] { s }).ToList();
        if (statements.Count > 0 && statements[statements.Count - 1] is BreakStatementSyntax) statements.RemoveAt(statements.Count - 1);
        foreach (var node in statements.SelectMany(s => s.DescendantNodesAndSelf(n => !(LoopShapes.IsLoop(n) || n is SwitchStatementSyntax))))
        {
            if (node is BreakStatementSyntax inner)
                throw new NotDifferentiableException(inner, "a break before the end of a switch section is not differentiated; end the section with it, or use if/else");
            if (node is GotoStatementSyntax jump)
                throw new NotDifferentiableException(jump, "goto is not differentiated; write the switch as if/else");
        }
        return statements;
    }
}
