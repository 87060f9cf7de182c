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
        Read(condition, () => _body.ReadStatements(BodyReader.Statements(branch.Statement)),
            branch.Else is { } elseClause ? () => _body.ReadStatements(BodyReader.Statements(elseClause.Statement)) : null);
    }

    /// <summary>Two paths from here: <paramref name="readThen"/> where <paramref name="condition"/> holds, <paramref name="readElse"/> (if any) where not.</summary>
    public void Read(Expr condition, System.Action readThen, System.Action? readElse)
    {
        if (condition is Constant constant)
        {
            // `if (true)`, `if (Debug)`: only the branch that runs is read.
            var taken = constant.IsZero ? readElse : readThen;
            taken?.Invoke();
            return;
        }

        var path = _body.Path;
        var scope = _context.Scope;
        var outer = path.Conditions;
        var before = scope.Snapshot();
        var mark = scope.WriteMark;
        var returnsBefore = path.ExitCount;

        path.Set(outer.Add(condition), live: true);
        readThen();
        var (afterThen, thenLive, thenConditions) = (scope.Snapshot(), path.IsLive, path.Conditions);

        scope.Restore(before);
        path.Set(outer.Add(PathState.Negate(condition)), live: true);
        readElse?.Invoke();
        var (afterElse, elseLive, elseConditions) = (scope.Snapshot(), path.IsLive, path.Conditions);

        if (!thenLive || !elseLive)
        {
            // At most one branch goes on: its state is the state after the if. Past a branch that only threw, no
            // path needs telling apart: the condition that led to the throw is known false, not a guard to carry.
            scope.Restore(thenLive ? afterThen : afterElse);
            var conditions = thenLive ? thenConditions : elseLive ? elseConditions : outer;
            if ((thenLive || elseLive) && path.ExitCount == returnsBefore && conditions.Count > outer.Count) conditions = conditions.RemoveAt(outer.Count);
            path.Set(conditions, live: thenLive || elseLive);
            return;
        }

        scope.Restore(before);
        path.Set(outer, live: true);
        if (path.ExitCount > returnsBefore)
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
            _context.Add(new Assign(scope.Write(variable, merged, whenTrue.Type), merged, _body.Path.Guard));
        }
    }
}
