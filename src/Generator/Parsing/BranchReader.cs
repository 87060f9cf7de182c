using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// <c>if</c>/<c>else</c>: both branches are read in turn from the same state, each under its condition. Where both
/// fall through, each variable they left different meets in <c>v = condition ? v_then : v_else</c>; where one
/// returns, what follows belongs to the other; returns inside a branch narrow the path that goes on.
/// </summary>
internal sealed class BranchReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;
    private readonly BodyReader _body;

    public BranchReader(ParseContext context, ExpressionReader expressions, BodyReader body)
    {
        _context = context;
        _expressions = expressions;
        _body = body;
    }

    public void Read(IfStatementSyntax branch)
    {
        var condition = _expressions.ReadCondition(branch.Condition);
        if (condition is Constant constant)
        {
            // `if (true)`, `if (Debug)`: only the branch that runs is read.
            var taken = constant.IsZero ? branch.Else?.Statement : branch.Statement;
            if (taken is not null) _body.ReadStatements(BodyReader.Statements(taken));
            return;
        }

        var path = _body.Path;
        var scope = _context.Scope;
        var outer = path.Conditions;
        var before = scope.Snapshot();
        var mark = scope.WriteMark;
        var returnsBefore = path.ReturnCount;

        path.Set(outer.Add(condition), live: true);
        _body.ReadStatements(BodyReader.Statements(branch.Statement));
        var (afterThen, thenLive, thenConditions) = (scope.Snapshot(), path.IsLive, path.Conditions);

        scope.Restore(before);
        path.Set(outer.Add(PathState.Negate(condition)), live: true);
        if (branch.Else is { } elseClause) _body.ReadStatements(BodyReader.Statements(elseClause.Statement));
        var (afterElse, elseLive, elseConditions) = (scope.Snapshot(), path.IsLive, path.Conditions);

        if (!thenLive || !elseLive)
        {
            // At most one branch goes on: its state is the state after the if.
            scope.Restore(thenLive ? afterThen : afterElse);
            path.Set(thenLive ? thenConditions : elseLive ? elseConditions : outer, live: thenLive || elseLive);
            return;
        }

        scope.Restore(before);
        path.Set(outer, live: true);
        if (path.ReturnCount > returnsBefore)
        {
            // Some paths through the branches returned: the rest runs where either branch fell through.
            var thenRest = PathState.And(thenConditions.Skip(outer.Count).ToList())!;
            var elseRest = PathState.And(elseConditions.Skip(outer.Count).ToList())!;
            path.Set(outer.Add(new Binary(BinaryOperator.Or, thenRest, elseRest)), live: true);
        }
        Merge(condition, mark, afterThen, afterElse);
    }

    private void Merge(Expr condition, int mark, System.Collections.Immutable.ImmutableDictionary<ISymbol, Expr> afterThen,
        System.Collections.Immutable.ImmutableDictionary<ISymbol, Expr> afterElse)
    {
        var scope = _context.Scope;
        foreach (var variable in scope.WrittenSince(mark).Distinct(SymbolEqualityComparer.Default).ToList())
        {
            afterThen.TryGetValue(variable, out var whenTrue);
            afterElse.TryGetValue(variable, out var whenFalse);
            if (whenTrue is null || whenFalse is null) continue; // declared in one branch only: out of scope after it
            if (whenTrue.Equals(whenFalse))
            {
                scope.Set(variable, whenTrue);
                continue;
            }
            var merged = new Conditional(condition, whenTrue, whenFalse);
            _context.Add(new Assign(scope.Write(variable, merged), merged, _body.Path.Guard));
        }
    }
}
