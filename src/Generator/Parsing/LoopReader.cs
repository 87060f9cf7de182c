using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Reads a loop of one of the <see cref="LoopShapes"/> into a <see cref="SumLoop"/> (passes independent but for the
/// sums they add to) or a <see cref="RecurrenceLoop"/> (one variable carried from pass to pass), by
/// <see cref="LoopClassifier"/>'s verdict.
/// </summary>
internal sealed class LoopReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;
    private readonly BodyReader _body;
    private readonly Dictionary<ISymbol, Expr> _whileStarts = new(SymbolEqualityComparer.Default);

    public LoopReader(ParseContext context, ExpressionReader expressions, BodyReader body)
    {
        _context = context;
        _expressions = expressions;
        _body = body;
    }

    public bool IsWhileCounter(ILocalSymbol local, VariableDeclaratorSyntax declarator) => LoopShapes.CountedWhile(local, declarator, _context) is not null;

    public void DeclareWhileCounter(ILocalSymbol local, Expr start) => _whileStarts[local] = start;

    public void Read(StatementSyntax loop)
    {
        switch (loop)
        {
            case ForStatementSyntax { Declaration: null, Initializers.Count: 0, Condition: null, Incrementors.Count: 0 } forever:
                ReadConditionLoop(loop, forever.Statement, condition: null, checkedFirst: true); // for (;;), as while (true)
                break;
            case ForStatementSyntax f:
                var (index, start, end) = LoopShapes.For(f, _context, _expressions.Ints);
                var startValue = _expressions.Ints.Read(start);
                ReadLoop(loop, index, Index(index.Name), startValue, end, f.Statement, bind: null);
                break;
            case ForEachStatementSyntax f:
                ReadForEach(f);
                break;
            case WhileStatementSyntax w when WhileCounter(w) is { } counter:
                var condition = (BinaryExpressionSyntax)w.Condition;
                var outerSkip = _context.SkipStatement;
                _context.SkipStatement = ((BlockSyntax)w.Statement).Statements.Last();
                ReadLoop(loop, counter, Index(counter.Name), _whileStarts[counter], LoopShapes.Bound(condition.Right, w.Statement, _context, _expressions.Ints), w.Statement, bind: null);
                _context.SkipStatement = outerSkip;
                break;
            case WhileStatementSyntax w:
                ReadConditionLoop(loop, w.Statement, w.Condition, checkedFirst: true);
                break;
            case DoStatementSyntax d:
                ReadConditionLoop(loop, d.Statement, d.Condition, checkedFirst: false);
                break;
            default:
                throw new NotDifferentiableException(loop, $"a {SyntaxDescriptions.Describe(loop)} is not differentiated");
        }
    }

    /// <summary>
    /// <c>while (c) { … }</c> and <c>do { … } while (c);</c>: the data decides how many passes run, so the loop carries
    /// every value it changes, and whether it goes on is one more carried value, read from the condition where a pass
    /// ends (and, for while, before the first).
    /// </summary>
    /// <param name="condition">Null for <c>for (;;)</c>, which goes on as <c>while (true)</c> does.</param>
    private void ReadConditionLoop(StatementSyntax loop, StatementSyntax body, ExpressionSyntax? condition, bool checkedFirst)
    {
        var returns = Returns(body);
        var carried = LoopClassifier.WrittenOutside(body, _context.Scope.Snapshot(), _context);
        if (carried.Count == 0 && !returns)
            throw new NotDifferentiableException(loop, "the loop changes no variable declared before it, so its condition would never change");
        var header = new LoopHeader(_context.Scope.Fresh("pass", ScalarType.Int), IntLiteral.Zero, new IntLiteral(int.MaxValue));
        Expr Going() => condition is null ? Constant.One : _expressions.ReadCondition(condition);
        var first = checkedFirst ? Going() : Constant.One;
        if (first is Constant { IsZero: true }) return; // while (false): no pass runs
        // while (true) { … if (done) return x; … } with no break is left only through its return (a Newton iteration).
        var forever = condition is null || _context.Model.GetConstantValue(condition, _context.CancellationToken) is { HasValue: true, Value: true };
        var onlyByReturn = returns && forever && !BreaksOut(body);
        ReadRecurrence(loop, header, null, body, null, carried, Going, first, returns, onlyByReturn);
    }

    /// <summary>Whether a break in the body leaves this loop (not a loop or switch inside it).</summary>
    private static bool BreaksOut(StatementSyntax body) =>
        body.DescendantNodesAndSelf(n => n is not (ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax
                or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<BreakStatementSyntax>().Any();

    /// <summary>The loop's own index keeps the user's name: loops that reuse a name are siblings, never nested.</summary>
    private Symbol Index(string name)
    {
        _context.Scope.Reserve(name);
        return new Symbol(name, SymbolRole.Local, ScalarType.Int);
    }

    private ILocalSymbol? WhileCounter(WhileStatementSyntax loop) =>
        loop.Condition is BinaryExpressionSyntax { Left: var left } &&
        _context.Model.GetSymbolInfo(left, _context.CancellationToken).Symbol is ILocalSymbol local && _whileStarts.ContainsKey(local)
            ? local
            : null;

    private void ReadForEach(ForEachStatementSyntax loop)
    {
        var collection = _context.Model.GetSymbolInfo(loop.Expression, _context.CancellationToken).Symbol;
        if (collection is { } local && _context.Arrays.IsArray(local) &&
            _context.Model.GetDeclaredSymbol(loop, _context.CancellationToken) is ILocalSymbol item)
        {
            var i = _context.Scope.Fresh("i", ScalarType.Int);
            ReadLoop(loop, null, i, IntLiteral.Zero, _context.Arrays.Length(local), loop.Statement, () =>
            {
                var value = _context.Arrays.Element(local, i, loop.Expression);
                _context.Add(new Assign(_context.Scope.Write(item, value), value));
            });
            return;
        }
        if (collection is not IParameterSymbol parameter || !ParameterTypes.IsVector(parameter.Type) ||
            _context.Model.GetDeclaredSymbol(loop, _context.CancellationToken) is not ILocalSymbol element)
        {
            throw new NotDifferentiableException(loop, "foreach is differentiated over a double[] or ReadOnlySpan<double> parameter or a local double array");
        }
        var index = _context.Scope.Fresh("i", ScalarType.Int);
        var array = new Symbol(parameter.Name, SymbolRole.Parameter, ScalarType.Double);
        ReadLoop(loop, null, index, IntLiteral.Zero, new Length(array), loop.Statement, () =>
        {
            var value = _expressions.Element(parameter, index);
            _context.Add(new Assign(_context.Scope.Write(element, value), value));
        });
    }

    private void ReadLoop(StatementSyntax loop, ILocalSymbol? indexLocal, Symbol index, Expr start, Expr end, StatementSyntax body, Action? bind)
    {
        var returns = Returns(body);

        var header = new LoopHeader(index, start, end);
        var before = _context.Scope.Snapshot();
        if (returns)
        {
            // A return stops the loop too, with the method's value: a loop the data stops, carrying what it changes.
            var changed = LoopClassifier.RecurrenceVariables(body, before, _context) ?? LoopClassifier.WrittenOutside(body, before, _context);
            ReadRecurrence(loop, header, indexLocal, body, bind, changed, () => Constant.One, Constant.One, returns: true);
            return;
        }
        if (LoopClassifier.RecurrenceVariables(body, before, _context) is { } carried)
        {
            // A break stops the loop on a condition of the data: whether the next pass runs is carried too.
            var hasBreak = LoopClassifier.HasOwnBreak(body);
            ReadRecurrence(loop, header, indexLocal, body, bind, carried, hasBreak ? () => Constant.One : null, hasBreak ? Constant.One : null);
            return;
        }

        var guard = _context.Path.Guard;
        var (statements, context, fills, pass) = ReadBody(loop, header, indexLocal, body, bind, new LoopBodyContext(before), inRecurrence: false);
        var enclosing = _context.Loop;
        if (context.Sums.Count == 0 && fills.Count == 0)
            throw new NotDifferentiableException(loop, "the loop adds to no variable declared before it, so it does not change the result");

        var runnings = context.Sums.Select(sum => _context.Scope.Read(sum.Variable) ?? throw new IncompleteCodeException()).ToList();
        var bodyReads = new HashSet<Symbol>(statements.SelectMany(StatementReads.Of));
        foreach (var (sum, running) in context.Sums.Zip(runnings, (a, b) => (a, b)))
        {
            if ((running is Symbol r && bodyReads.Contains(r)) || context.Sums.Any(other => running is Symbol s && StatementReads.Reads(other.Term, s)))
                throw new NotDifferentiableException(sum.Node, $"the loop reads the running value of '{sum.Variable.Name}' while summing into more than it; a loop may carry one recurrence, or sums of independent terms");
        }

        var sums = new List<Accumulation>();
        foreach (var (sum, running) in context.Sums.Zip(runnings, (a, b) => (a, b)))
        {
            var active = _context.Scope.IsActive(sum.Term) || _context.Scope.IsActive(running);
            if (enclosing is not null && enclosing.IsCarried(sum.Variable))
            {
                // for j { for i { loss += … } }: the inner total is one term of the outer sum.
                var total = _context.Scope.Fresh(sum.Variable.Name + "Terms", SsaScope.TypeOf(sum.Variable));
                if (active) _context.Scope.MarkActive(total);
                sums.Add(new Accumulation(total, Constant.Zero, sum.Term));
                enclosing.Add(sum.Node, sum.Variable, total, _context.Path.Guard);
                continue;
            }
            // The sum starts from the running value, so additions happen in the order the loop does them.
            var result = _context.Scope.Fresh(sum.Variable.Name, SsaScope.TypeOf(sum.Variable));
            if (active) _context.Scope.MarkActive(result);
            _context.Scope.Set(sum.Variable, result);
            sums.Add(new Accumulation(result, running, sum.Term));
        }
        _context.Add(new SumLoop(header, statements.ToEquatableArray(), sums.ToEquatableArray(), fills.ToEquatableArray(), guard, pass.ReadsEarlierPasses));
    }

    /// <summary>
    /// The body is read as one pass from fresh values of the carried variables to their new values; the loop
    /// becomes <c>(p, q) = Recurrence((p, q) before the loop, values the body reads)</c>.
    /// </summary>
    /// <param name="gate">For a loop the data stops: whether the next pass runs, read where a pass ends.</param>
    /// <param name="going">For such a loop: whether the first pass runs.</param>
    private void ReadRecurrence(StatementSyntax loop, LoopHeader header, ILocalSymbol? indexLocal, StatementSyntax body, Action? bind, IReadOnlyList<ISymbol> carried,
        Func<Expr>? gate = null, Expr? going = null, bool returns = false, bool onlyByReturn = false)
    {
        var guard = _context.Path.Guard;
        var returnedIn = returns ? _context.Scope.Fresh("returned_in", ScalarType.Bool) : null;
        var valueIn = returns ? _context.Scope.Fresh("value_in") : null;
        if (valueIn is not null) _context.Scope.MarkActive(valueIn);
        var initials = carried.Select(v => _context.Scope.Read(v) ?? throw new IncompleteCodeException()).ToList();
        var ins = carried.Select(v =>
        {
            var symbol = _context.Scope.Fresh(v.Name + "_in", SsaScope.TypeOf(v));
            if (symbol.ValueType == ScalarType.Double) _context.Scope.MarkActive(symbol);
            return symbol;
        }).ToList();
        var outs = new List<Expr>();
        var moreIn = gate is null ? null : _context.Scope.Fresh("more_in", ScalarType.Bool);
        var (statements, _, _, _) = ReadBody(loop, header, indexLocal, body, () =>
        {
            for (var k = 0; k < carried.Count; k++) _context.Scope.Set(carried[k], ins[k]);
            bind?.Invoke();
        }, new LoopBodyContext(_context.Scope.Snapshot()), inRecurrence: true,
            afterBody: () =>
            {
                for (var k = 0; k < carried.Count; k++)
                    outs.Add(_context.Path.CarriedOut(k, () => _context.Scope.Read(carried[k]) ?? throw new IncompleteCodeException()));
                if (gate is not null) outs.Add(_context.Path.CarriedOut(carried.Count, gate, logic: true));
                if (valueIn is not null)
                {
                    outs.Add(_context.Path.CarriedOut(carried.Count + 1, () => Constant.Zero, logic: true));
                    outs.Add(_context.Path.CarriedOut(carried.Count + 2, () => valueIn));
                }
            }, carried: carried, gate: gate, returnedValue: valueIn);
        var all = new List<Carried>();
        for (var k = 0; k < carried.Count; k++)
        {
            var result = _context.Scope.Fresh(carried[k].Name, SsaScope.TypeOf(carried[k]));
            if (result.ValueType == ScalarType.Double) _context.Scope.MarkActive(result);
            _context.Scope.Set(carried[k], result);
            all.Add(new Carried(ins[k], outs[k], result, initials[k]));
        }
        Symbol? goingIn = null;
        if (gate is not null)
        {
            goingIn = moreIn!;
            all.Add(new Carried(goingIn, outs[carried.Count], _context.Scope.Fresh("more", ScalarType.Bool), going!));
        }
        Symbol? returned = null, value = null;
        if (valueIn is not null)
        {
            returned = _context.Scope.Fresh("returned", ScalarType.Bool);
            value = _context.Scope.Fresh("value");
            _context.Scope.MarkActive(value);
            all.Add(new Carried(returnedIn!, outs[carried.Count + 1], returned, Constant.Zero));
            all.Add(new Carried(valueIn, outs[carried.Count + 2], value, Constant.Zero));
        }
        _context.Add(new RecurrenceLoop(header, statements.ToEquatableArray(), all.ToEquatableArray(), guard, goingIn));
        if (returned is null) return;
        // At the top level the method returns where the loop did (always, for a loop only a return leaves); in a pass of
        // an enclosing loop, that loop stops there too.
        if (_context.Pass.IsTopLevel && onlyByReturn) _context.Path.Return(value!);
        else if (_context.Pass.IsTopLevel) _context.Path.ReturnWhere(returned, value!);
        else _body.ReturnFromPassWhere(returned, value!);
    }

    /// <summary>Reads one pass in statements and a path of its own; the variables from before the loop are restored after.</summary>
    private (List<Statement> Statements, LoopBodyContext Context, List<ElementFill> Fills, Pass Pass) ReadBody(StatementSyntax loop, LoopHeader header, ILocalSymbol? indexLocal,
        StatementSyntax body, Action? bind, LoopBodyContext loopContext, bool inRecurrence, Action? afterBody = null, IReadOnlyList<ISymbol>? carried = null,
        Func<Expr>? gate = null, Symbol? returnedValue = null)
    {
        var saved = (_context.Statements, _context.Path, _context.Loop, _context.InRecurrence, _context.Hoisted, _context.Pass, _context.Carried, _context.Gate,
            _context.ReturnedValue);
        var before = _context.Scope.Snapshot();
        _context.Statements = new List<Statement>();
        _context.Path = new PathState();
        _context.Hoisted = new Dictionary<(Callee, EquatableArray<Expr>, Expr?), Symbol>();
        // In a recurrence, a sum into a variable from outside would read it mid-loop: the classifier made it the recurrence.
        _context.Loop = inRecurrence ? null : loopContext;
        _context.InRecurrence = inRecurrence;
        _context.Carried = carried;
        _context.Gate = gate;
        _context.ReturnedValue = returnedValue;
        _context.Pass = new Pass(indexLocal, saved.Pass);
        if (indexLocal is not null) _context.Scope.Set(indexLocal, header.Index);
        bind?.Invoke();
        _context.Arrays.BeginPass(_context.Pass, body, header, inRecurrence, guarded: saved.Path.Guard is not null, saved.Statements.Add);
        _body.ReadStatements(BodyReader.Statements(body));
        afterBody?.Invoke();
        var pass = _context.Pass;
        var fills = _context.Arrays.EndPass(pass, loop);
        var statements = _context.Statements;
        (_context.Statements, _context.Path, _context.Loop, _context.InRecurrence, _context.Hoisted, _context.Pass, _context.Carried, _context.Gate,
            _context.ReturnedValue) = saved;
        _context.Scope.Restore(before);
        return (statements, loopContext, fills, pass);
    }

    /// <summary>
    /// Whether the body returns from the method, itself or from a loop inside it: either way this loop stops there,
    /// and carries whether it returned and the value.
    /// </summary>
    private static bool Returns(StatementSyntax body) =>
        body.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any();
}
