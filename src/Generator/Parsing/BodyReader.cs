using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Reads a method body into SSA statements ending in one <see cref="Return"/>: statement sequences, returns and
/// blocks here; branches, simple statements and loops each in a reader of their own.
/// </summary>
internal sealed class BodyReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;
    private readonly BranchReader _branches;
    private readonly SimpleStatementReader _simple;
    private readonly LoopReader _loops;
    private readonly SwitchStatementReader _switches;

    public BodyReader(ParseContext context)
    {
        _context = context;
        _expressions = new ExpressionReader(context);
        _branches = new BranchReader(context, _expressions, this);
        _loops = new LoopReader(context, _expressions, this);
        _simple = new SimpleStatementReader(context, _expressions, _loops);
        _switches = new SwitchStatementReader(_expressions, _branches, this);
    }

    public PathState Path => _context.Path;

    public IReadOnlyList<Statement> Read(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            _context.Add(new Return(_expressions.Read(arrow.Expression)));
            return _context.Statements;
        }
        if (method.Body is { } body)
        {
            _context.Arrays.DeclareCopies(body);
            ReadStatements(body.Statements);
            if (!Path.IsLive && Path.ReturnCount == 0)
                throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText, "every path through the method throws, so it has no value to differentiate");
            if (Path.IsLive || Path.ReturnCount == 0) throw new IncompleteCodeException(); // falls off the end: the compiler says so
            _context.Add(new Return(Path.Result()));
            return _context.Statements;
        }
        if (method.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText,
                "this declares a partial method without its body; put [Differentiable] on the part that implements it");
        }
        throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText, "the method has no body to differentiate");
    }

    /// <summary>Reads statements in order on the current path; what follows a return on the same path is refused.</summary>
    public void ReadStatements(IReadOnlyList<StatementSyntax> statements)
    {
        foreach (var statement in statements)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            if (statement == _context.SkipStatement) continue;
            if (!Path.IsLive) throw new NotDifferentiableException(statement, "a statement after 'return' is never run");
            switch (statement)
            {
                case ReturnStatementSyntax { Expression: { } value } when _context.ReturnedValue is not null:
                    // Leaves the loop with the method's value: no pass follows, and the loop's result says it returned.
                    var returned = _expressions.Read(value);
                    Path.Continue(CarriedHere(goOn: () => Constant.Zero, returning: returned));
                    break;
                case ReturnStatementSyntax { Expression: { } value }:
                    // Every loop around a return carries the returned value (LoopReader), so only the top level gets here.
                    if (!_context.Pass.IsTopLevel)
                        throw new NotDifferentiableException(statement, "this return is not differentiated where it stands; let the loops finish and return after them");
                    Path.Return(_expressions.Read(value));
                    break;
                case ReturnStatementSyntax:
                    throw new IncompleteCodeException();
                case ContinueStatementSyntax:
                    if (_context.Pass.IsTopLevel) throw new IncompleteCodeException();
                    if (_context.Pass.Fills.Count > 0)
                        throw new NotDifferentiableException(statement, "a continue in a loop that fills an array is not differentiated; write each element on every path");
                    // The rest of the pass runs only where no continue was taken: its sums and statements carry that condition.
                    Path.Continue(CarriedHere(goOn: _context.Gate));
                    break;
                case BreakStatementSyntax:
                    if (_context.Pass.IsTopLevel) throw new IncompleteCodeException(); // a break outside a loop: the compiler says so
                    if (_context.Pass.Fills.Count > 0)
                        throw new NotDifferentiableException(statement, "a break in a loop that fills an array is not differentiated; write each element on every path");
                    if (_context.Gate is null)
                        throw new NotDifferentiableException(statement, "a break is differentiated in a loop that changes a variable declared before it; here nothing carries the loop's result");
                    Path.Continue(CarriedHere(goOn: () => Constant.Zero)); // a continue after which no pass runs
                    break;
                case ThrowStatementSyntax { Expression: { } thrown }:
                    // A guard: the gradient throws the same exception on the same path, which needs no derivative.
                    if (Path.Guard is null)
                        throw new NotDifferentiableException(statement, "this throw always runs, so the method has no value to differentiate; put it inside the if that guards it");
                    _context.AddCheck(Constant.Zero, ThrowReader.Read(thrown, _context));
                    Path.Throw();
                    break;
                case BlockSyntax block:
                    ReadStatements(block.Statements);
                    break;
                case IfStatementSyntax branch:
                    _branches.Read(branch);
                    break;
                case SwitchStatementSyntax choice:
                    _switches.Read(choice);
                    break;
                default:
                    _simple.Read(statement);
                    break;
            }
        }
    }

    /// <summary>
    /// After a loop that returned from inside, in a pass of a loop around it: where it returned, this pass leaves its
    /// loop too with the method's value, as a return statement here would.
    /// </summary>
    public void ReturnFromPassWhere(Symbol returned, Symbol value)
    {
        if (_context.ReturnedValue is null) throw new System.InvalidOperationException("an enclosing loop that returns carries the returned value");
        Path.ContinueWhere(returned, CarriedHere(goOn: () => Constant.Zero, returning: value)!);
    }

    /// <summary>What the carried variables (and, for a loop the data stops, whether it goes on) hold where a pass is left early.</summary>
    private List<Expr>? CarriedHere(System.Func<Expr>? goOn, Expr? returning = null)
    {
        if (_context.Carried is not { } carried) return null;
        var values = carried.Select(v => _context.Scope.Read(v) ?? throw new IncompleteCodeException()).ToList();
        if (_context.Gate is not null) values.Add(goOn!());
        if (_context.ReturnedValue is { } before)
        {
            values.Add(returning is null ? Constant.Zero : Constant.One); // whether the loop returned
            values.Add(returning ?? before);
        }
        return values;
    }

    public static IReadOnlyList<StatementSyntax> Statements(StatementSyntax statement) =>
        statement is BlockSyntax block ? block.Statements : new[] { statement };
}
