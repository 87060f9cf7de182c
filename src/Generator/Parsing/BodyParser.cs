using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Emit;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Reads a method body into SSA statements ending in one <see cref="Return"/>.</summary>
internal sealed class BodyParser
{
    private readonly SemanticModel _model;
    private readonly SsaScope _scope;
    private readonly ExpressionParser _expressions;
    private readonly CancellationToken _cancellationToken;
    private List<Statement> _statements = new();
    private Expr? _guard;
    private LoopContext? _loop;
    private bool _inRecurrence;
    private StatementSyntax? _skip; // a while loop's own i++, which the loop shape already says
    private readonly Dictionary<ISymbol, string> _whileIndices = new(SymbolEqualityComparer.Default);

    public BodyParser(SemanticModel model, SsaScope scope, INamedTypeSymbol containingType, ISet<string> variableNames, CallBinder calls, CancellationToken cancellationToken)
    {
        _model = model;
        _scope = scope;
        _cancellationToken = cancellationToken;
        _expressions = new ExpressionParser(model, scope, containingType, variableNames, calls, Add, cancellationToken);
    }

    public IReadOnlyList<Statement> Parse(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            _statements.Add(new Return(_expressions.Parse(arrow.Expression)));
        }
        else if (method.Body is { } body)
        {
            var result = ParseSequence(body.Statements, 0) ?? throw new IncompleteCodeException();
            _statements.Add(new Return(result));
        }
        else if (method.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText,
                "this declares a partial method without its body; put [Differentiable] on the part that implements it");
        }
        else
        {
            throw new NotDifferentiableException(method.Identifier.GetLocation(), method.Identifier.ValueText,
                "the method has no body to differentiate");
        }
        return _statements;
    }

    /// <summary>
    /// Reads statements from <paramref name="start"/> on, under the current guard.
    /// </summary>
    /// <returns>The value returned when every path through them returns; null when they fall through.</returns>
    private Expr? ParseSequence(IReadOnlyList<StatementSyntax> statements, int start)
    {
        for (var i = start; i < statements.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var statement = statements[i];
            if (statement == _skip) continue;
            Expr? returned = statement switch
            {
                ReturnStatementSyntax { Expression: { } value } => _expressions.Parse(value),
                ReturnStatementSyntax => throw new IncompleteCodeException(),
                BlockSyntax block => ParseSequence(block.Statements, 0),
                IfStatementSyntax branch => ParseIf(branch, statements, i + 1),
                _ => ParseSimpleStatement(statement),
            };
            if (returned is null) continue;
            if (statement is IfStatementSyntax { Condition: var c } && !IsConstant(c)) return returned; // ParseIf has read the rest of the list
            if (i + 1 < statements.Count)
                throw new NotDifferentiableException(statements[i + 1], "a statement after 'return' is never run");
            return returned;
        }
        return null;
    }

    /// <summary>
    /// Both branches are read in turn from the same state. Where one returns, the statements after the <c>if</c>
    /// belong to the other; where both fall through, each variable they left different meets in
    /// <c>v = condition ? v_then : v_else</c>.
    /// </summary>
    private Expr? ParseIf(IfStatementSyntax branch, IReadOnlyList<StatementSyntax> rest, int next)
    {
        var condition = _expressions.ParseCondition(branch.Condition);
        if (condition is Constant constant)
        {
            // `if (true)`, `if (Debug)`: only the branch that runs is read; the rest follows as usual unless it returns.
            var taken = constant.IsZero ? branch.Else?.Statement : branch.Statement;
            return taken is null ? null : ParseSequence(Statements(taken), 0);
        }
        var outer = _guard;
        var before = _scope.Snapshot();

        _guard = And(outer, condition);
        var thenReturns = ParseSequence(Statements(branch.Statement), 0);
        var afterThen = _scope.Snapshot();

        _scope.Restore(before);
        _guard = And(outer, Not(condition));
        var elseReturns = branch.Else is { } elseClause ? ParseSequence(Statements(elseClause.Statement), 0) : null;
        var afterElse = _scope.Snapshot();

        Expr? result;
        if (thenReturns is not null && elseReturns is not null)
        {
            if (next < rest.Count) throw new NotDifferentiableException(rest[next], "a statement after 'return' is never run");
            result = new Conditional(condition, thenReturns, elseReturns);
        }
        else if (thenReturns is not null)
        {
            // The else path (guard still "not condition") goes on with the rest of the block.
            result = new Conditional(condition, thenReturns, ParseSequence(rest, next) ?? throw new IncompleteCodeException());
        }
        else if (elseReturns is not null)
        {
            _scope.Restore(afterThen);
            _guard = And(outer, condition);
            result = new Conditional(condition, ParseSequence(rest, next) ?? throw new IncompleteCodeException(), elseReturns);
        }
        else
        {
            _guard = outer;
            Merge(condition, before, afterThen, afterElse);
            return null;
        }
        _guard = outer;
        return result;
    }

    private bool IsConstant(ExpressionSyntax condition) => _model.GetConstantValue(condition, _cancellationToken).HasValue;

    private static IReadOnlyList<StatementSyntax> Statements(StatementSyntax statement) =>
        statement is BlockSyntax block ? block.Statements : new[] { statement };

    private void Merge(Expr condition, Dictionary<ISymbol, Symbol> before, Dictionary<ISymbol, Symbol> afterThen, Dictionary<ISymbol, Symbol> afterElse)
    {
        _scope.Restore(before);
        foreach (var variable in afterThen.Keys.Concat(afterElse.Keys).Distinct(SymbolEqualityComparer.Default))
        {
            afterThen.TryGetValue(variable, out var whenTrue);
            afterElse.TryGetValue(variable, out var whenFalse);
            if (whenTrue is null || whenFalse is null) continue; // declared in one branch only: out of scope after it
            if (whenTrue.Equals(whenFalse))
            {
                _scope.Restore(Set(_scope.Snapshot(), variable, whenTrue));
                continue;
            }
            var merged = new Conditional(condition, whenTrue, whenFalse);
            Add(new Assignment(_scope.Write(variable, merged), merged));
        }
    }

    private static Dictionary<ISymbol, Symbol> Set(Dictionary<ISymbol, Symbol> state, ISymbol variable, Symbol value)
    {
        state[variable] = value;
        return state;
    }

    private static Expr And(Expr? outer, Expr condition) => outer is null ? condition : new Binary(BinaryOperator.And, outer, condition);

    private static Expr Not(Expr condition) => new Unary(UnaryOperator.Not, condition);

    /// <summary>Adds a statement under the current guard.</summary>
    private void Add(Assignment assignment) => _statements.Add(_guard is null ? assignment : assignment with { Guard = _guard });

    private Expr? ParseSimpleStatement(StatementSyntax statement)
    {
        ParseStatement(statement);
        return null;
    }

    private void ParseStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax declaration:
                ParseDeclaration(declaration);
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                ParseExpressionStatement(expression);
                break;
            case ForStatementSyntax loop:
                ParseFor(loop);
                break;
            case ForEachStatementSyntax loop:
                ParseForEach(loop);
                break;
            case WhileStatementSyntax loop when WhileIndex(loop) is { } index:
                ParseWhile(loop, index);
                break;
            case WhileStatementSyntax:
                throw new NotDifferentiableException(statement,
                    "a while loop is differentiated in the form int i = start; while (i < end) { …; i++; } with i not used after it; or write it as for (int i = start; i < end; i++)");
            case DoStatementSyntax:
                throw new NotDifferentiableException(statement, "do loops are not differentiated; write it as for (int i = start; i < end; i++)");
            case SwitchStatementSyntax:
                throw new NotDifferentiableException(statement, "a switch statement is not differentiated; write it as if/else");
            default:
                throw new NotDifferentiableException(statement,
                    $"a {SyntaxDescriptions.Describe(statement)} is not supported in a differentiable method");
        }
    }

    private static string FirstToken(SyntaxNode node) => node.GetFirstToken().Text;

    private void ParseDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.IsConst) return; // uses are folded to their value by the expression parser
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            throw new NotDifferentiableException(declaration, "a using declaration is not supported in a differentiable method");

        foreach (var declarator in declaration.Declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local)
                throw new IncompleteCodeException();
            var method = declaration.Ancestors().OfType<MethodDeclarationSyntax>().First();
            if (local.Type.SpecialType == SpecialType.System_Int32 && declarator.Initializer is { Value: var first } &&
                CountedBy(method, local) is not null)
            {
                _whileIndices[local] = _expressions.IntText(first, 0); // int i = start; while (i < end) { …; i++; }
                continue;
            }
            if (local.Type.SpecialType == SpecialType.System_Int32 && declarator.Initializer is { Value: var count } &&
                !method.DescendantNodes().Any(n => Writes(n, local)))
            {
                // int n = x.Length; never reassigned: a name for an int expression, written out where it is used.
                _scope.IntLocals[local] = _expressions.IntText(count, 0);
                continue;
            }
            if (local.Type.SpecialType != SpecialType.System_Double)
            {
                throw new NotDifferentiableException(declarator,
                    $"the local '{local.Name}' is of type '{local.Type.ToDisplayString()}'; only double locals are differentiated");
            }
            if (declarator.Initializer is { Value: var initializer })
            {
                var value = _expressions.Parse(initializer);
                Add(new Assignment(_scope.Write(local, value), value));
            }
        }
    }

    private void ParseExpressionStatement(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                ParseAssignment(assignment);
                break;
            case PostfixUnaryExpressionSyntax { Operand: var operand } increment
                when increment.IsKind(SyntaxKind.PostIncrementExpression) || increment.IsKind(SyntaxKind.PostDecrementExpression):
                Step(expression, operand, increment.IsKind(SyntaxKind.PostIncrementExpression));
                break;
            case PrefixUnaryExpressionSyntax { Operand: var operand } increment
                when increment.IsKind(SyntaxKind.PreIncrementExpression) || increment.IsKind(SyntaxKind.PreDecrementExpression):
                Step(expression, operand, increment.IsKind(SyntaxKind.PreIncrementExpression));
                break;
            default:
                throw new NotDifferentiableException(expression,
                    "only assignments to locals can stand as statements in a differentiable method");
        }
    }

    private void ParseAssignment(AssignmentExpressionSyntax assignment)
    {
        var target = AssignedVariable(assignment, assignment.Left);
        if (_loop is not null && _loop.IsCarried(target))
        {
            Accumulate(assignment, target);
            return;
        }
        var right = _expressions.Parse(assignment.Right);
        Expr value;
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            value = right;
        }
        else
        {
            BinaryOperator? op = assignment.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => BinaryOperator.Add,
                SyntaxKind.SubtractAssignmentExpression => BinaryOperator.Subtract,
                SyntaxKind.MultiplyAssignmentExpression => BinaryOperator.Multiply,
                SyntaxKind.DivideAssignmentExpression => BinaryOperator.Divide,
                _ => null,
            };
            if (op is null)
            {
                throw new NotDifferentiableException(assignment,
                    $"the operator '{assignment.OperatorToken.Text}' has no derivative rule; use = += -= *= /=");
            }
            value = new Binary(op.Value, Current(target), right);
        }
        Add(new Assignment(_scope.Write(target, value), value));
    }

    private void Step(ExpressionSyntax statement, ExpressionSyntax operand, bool increment)
    {
        var target = AssignedVariable(statement, operand);
        if (_loop is not null && _loop.IsCarried(target))
        {
            _loop.Add(statement, target, new Constant(increment ? 1 : -1), _guard);
            return;
        }
        var op = increment ? BinaryOperator.Add : BinaryOperator.Subtract;
        var value = new Binary(op, Current(target), Constant.One); // read before the write makes a new version
        Add(new Assignment(_scope.Write(target, value), value));
    }

    /// <summary><c>s += t</c>, <c>s -= t</c>, <c>s = s + t</c>, <c>s = t + s</c>, <c>s = s - t</c> on a variable from outside the loop.</summary>
    private void Accumulate(AssignmentExpressionSyntax assignment, ISymbol target)
    {
        ExpressionSyntax? term = null;
        var sign = 1;
        switch (assignment.Kind())
        {
            case SyntaxKind.AddAssignmentExpression:
                term = assignment.Right;
                break;
            case SyntaxKind.SubtractAssignmentExpression:
                term = assignment.Right;
                sign = -1;
                break;
            case SyntaxKind.SimpleAssignmentExpression when assignment.Right is BinaryExpressionSyntax b:
                var leftIsTarget = SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(b.Left, _cancellationToken).Symbol, target);
                var rightIsTarget = SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(b.Right, _cancellationToken).Symbol, target);
                if (b.IsKind(SyntaxKind.AddExpression) && leftIsTarget) term = b.Right;
                else if (b.IsKind(SyntaxKind.AddExpression) && rightIsTarget) term = b.Left;
                else if (b.IsKind(SyntaxKind.SubtractExpression) && leftIsTarget)
                {
                    term = b.Right;
                    sign = -1;
                }
                break;
        }
        if (term is null)
        {
            throw new NotDifferentiableException(assignment,
                $"'{target.Name}' carries a value from one pass of the loop to the next other than by a sum; only sums (s += term) are differentiated in loops yet");
        }
        var value = _expressions.Parse(term);
        _loop!.Add(assignment, target, sign > 0 ? value : new Unary(UnaryOperator.Negate, value), _guard);
    }

    private void ParseFor(ForStatementSyntax loop)
    {
        // for (int i = start; i < end; i++), the shape every reader recognises as "once per index".
        if (loop.Declaration is not { Variables: { Count: 1 } variables } declaration || variables[0].Initializer is not { } initializer ||
            _model.GetDeclaredSymbol(variables[0], _cancellationToken) is not ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } index ||
            loop.Condition is not BinaryExpressionSyntax condition ||
            !(condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression)) ||
            !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(condition.Left, _cancellationToken).Symbol, index) ||
            loop.Incrementors.Count != 1 || !IsIncrementOf(loop.Incrementors[0], index) ||
            loop.Statement.DescendantNodes().Any(n => Writes(n, index)))
        {
            throw new NotDifferentiableException(loop,
                "a for loop is differentiated in the form for (int i = start; i < end; i++) with i not assigned in the body");
        }
        _ = declaration;
        var start = new IntValue(_expressions.IntText(initializer.Value, 0));
        var end = _expressions.IntText(condition.Right, 0);
        var stop = new IntValue(condition.IsKind(SyntaxKind.LessThanOrEqualExpression) ? "(" + end + ") + 1" : end);
        _scope.IntLocals[index] = null;
        ParseLoop(loop, index.Name, start, stop, loop.Statement, bind: null);
    }

    private void ParseForEach(ForEachStatementSyntax loop)
    {
        var collection = _model.GetSymbolInfo(loop.Expression, _cancellationToken).Symbol;
        if (collection is not IParameterSymbol parameter || !ParameterTypes.IsVector(parameter.Type) ||
            _model.GetDeclaredSymbol(loop, _cancellationToken) is not ILocalSymbol element)
        {
            throw new NotDifferentiableException(loop, "foreach is differentiated over a double[] or ReadOnlySpan<double> parameter");
        }
        var name = ExpressionFormatter.Identifier(parameter.Name);
        var index = _scope.FreshName("i");
        ParseLoop(loop, index, new IntValue("0"), new IntValue(name + ".Length"), loop.Statement, () =>
        {
            var value = _expressions.Element(parameter, index);
            Add(new Assignment(_scope.Write(element, value), value));
        });
    }

    /// <summary>
    /// The while loop that counts <paramref name="local"/>: its condition is <c>local &lt; end</c>, its last statement is
    /// <c>local++</c>, nothing else writes <paramref name="local"/>, and nothing reads it after the loop.
    /// </summary>
    private WhileStatementSyntax? CountedBy(MethodDeclarationSyntax method, ILocalSymbol local)
    {
        var writes = method.DescendantNodes().Where(n => Writes(n, local)).ToList();
        if (writes.Count != 1 || writes[0].Parent is not ExpressionStatementSyntax increment ||
            increment.Parent is not BlockSyntax { Parent: WhileStatementSyntax loop } block || block.Statements.Last() != increment ||
            !IsIncrementOf((ExpressionSyntax)writes[0], local) ||
            loop.Condition is not BinaryExpressionSyntax condition || !condition.IsKind(SyntaxKind.LessThanExpression) ||
            !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(condition.Left, _cancellationToken).Symbol, local))
            return null;
        var readAfter = method.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.SpanStart > loop.Span.End &&
            SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _cancellationToken).Symbol, local));
        // Declared beside the loop: inside an outer loop the index would not restart on each outer pass.
        var declaredBeside = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken)
            .FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()?.Parent == loop.Parent;
        return readAfter || !declaredBeside ? null : loop;
    }

    private ILocalSymbol? WhileIndex(WhileStatementSyntax loop) =>
        loop.Condition is BinaryExpressionSyntax { Left: var left } && _model.GetSymbolInfo(left, _cancellationToken).Symbol is ILocalSymbol local &&
        _whileIndices.ContainsKey(local)
            ? local
            : null;

    private void ParseWhile(WhileStatementSyntax loop, ILocalSymbol index)
    {
        var condition = (BinaryExpressionSyntax)loop.Condition;
        var end = new IntValue(_expressions.IntText(condition.Right, 0));
        _scope.IntLocals[index] = null;
        var outerSkip = _skip;
        _skip = ((BlockSyntax)loop.Statement).Statements.Last();
        ParseLoop(loop, index.Name, new IntValue(_whileIndices[index]), end, loop.Statement, bind: null);
        _skip = outerSkip;
    }

    private static bool IsIncrementOf(ExpressionSyntax incrementor, ILocalSymbol index) => incrementor switch
    {
        PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax i } p when p.IsKind(SyntaxKind.PostIncrementExpression) => i.Identifier.ValueText == index.Name,
        PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax i } p when p.IsKind(SyntaxKind.PreIncrementExpression) => i.Identifier.ValueText == index.Name,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax i, Right: LiteralExpressionSyntax { Token.Value: 1 } } a
            when a.IsKind(SyntaxKind.AddAssignmentExpression) => i.Identifier.ValueText == index.Name,
        _ => false,
    };

    private bool Writes(SyntaxNode node, ILocalSymbol index)
    {
        var target = node switch
        {
            AssignmentExpressionSyntax a => a.Left,
            PostfixUnaryExpressionSyntax p => p.Operand,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
            _ => null,
        };
        return target is not null && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(target, _cancellationToken).Symbol, index);
    }

    /// <summary>
    /// Reads the body into statements of its own; the one variable from outside that it adds to becomes
    /// <c>s = s + total</c> after the loop, with <c>total</c> the <see cref="Loop"/>.
    /// </summary>
    private void ParseLoop(StatementSyntax loop, string index, IntValue start, IntValue end, StatementSyntax body, System.Action? bind)
    {
        if (_guard is not null) throw new NotDifferentiableException(loop, "a loop inside an if branch is not differentiated yet; move it out of the branch");
        if (_inRecurrence) throw new NotDifferentiableException(loop, "a loop inside a loop that carries a recurrence is not differentiated yet");

        var outer = _statements;
        var before = _scope.Snapshot();
        if (RecurrenceVariable(body, before) is { } recurrent)
        {
            if (_loop is not null)
                throw new NotDifferentiableException(loop, "an inner loop may only sum (s += term); recurrences in nested loops are not differentiated yet");
            ParseRecurrence(loop, index, start, end, body, bind, recurrent);
            return;
        }
        var enclosing = _loop;
        _statements = new List<Statement>();
        _loop = new LoopContext(before);
        bind?.Invoke();
        if (ParseSequence(Statements(body), 0) is not null)
            throw new NotDifferentiableException(loop, "a return inside a loop is not differentiated; let the loop finish and return after it");
        var context = _loop;
        var bodyStatements = _statements.OfType<Assignment>().ToList();
        _statements = outer;
        _loop = enclosing;
        _scope.Restore(before);

        if (context.Sums.Count == 0)
            throw new NotDifferentiableException(loop, "the loop adds to no variable declared before it, so it does not change the result");
        var runnings = context.Sums.Select(sum => _scope.Read(sum.Variable) ?? throw new IncompleteCodeException()).ToList();
        foreach (var (sum, running) in context.Sums.Zip(runnings, (a, b) => (a, b)))
        {
            if (bodyStatements.Any(s => ExprWalker.Reads(s.Value, running)) || context.Sums.Any(other => ExprWalker.Reads(other.Term, running)))
                throw new NotDifferentiableException(sum.Node, $"the loop reads the running value of '{sum.Variable.Name}' while summing into more than it; a loop may carry one recurrence, or sums of independent terms");
        }

        // One loop node per sum: each is its own function of the body's values (emission keeps only what each needs).
        var defined = new HashSet<Symbol>(bodyStatements.Select(s => s.Target));
        foreach (var (sum, running) in context.Sums.Zip(runnings, (a, b) => (a, b)))
        {
            var arguments = bodyStatements.SelectMany(s => ExprWalker.Symbols(s.Value)).Concat(ExprWalker.Symbols(sum.Term))
                .Where(s => !defined.Contains(s) && s.Kind != NameKind.NamedConstant).Distinct().ToArray();
            var total = _scope.Fresh(sum.Variable.Name + "Terms");
            // Elements of a differentiated vector get no summed partial: each pass's derivative goes to its own element.
            var partials = arguments.Select(a => a.Kind != NameKind.Element && _scope.IsActive(a) ? _scope.Fresh("d" + total.Name + "_d" + a.Name) : null).ToArray();
            var node = new Loop(index, start, end, bodyStatements.ToEquatableArray(), sum.Term, arguments, partials);
            Add(new Assignment(total, node));
            if (arguments.Any(_scope.IsActive)) _scope.MarkActive(total);
            if (enclosing is not null && enclosing.IsCarried(sum.Variable))
            {
                // for j { for i { loss += … } }: the inner total is one term of the outer sum.
                enclosing.Add(sum.Node, sum.Variable, total, _guard);
                continue;
            }
            var value = new Binary(BinaryOperator.Add, running, total);
            Add(new Assignment(_scope.Write(sum.Variable, value), value));
        }
    }

    /// <summary>
    /// The variable from outside the loop that the body writes other than by a plain sum (or that it reads while
    /// summing into it), which makes the loop a recurrence; null when the loop only sums.
    /// </summary>
    private ISymbol? RecurrenceVariable(StatementSyntax body, Dictionary<ISymbol, Symbol> outside)
    {
        var nodes = body.DescendantNodesAndSelf().Where(n => _skip is null || !_skip.Span.Contains(n.Span)).ToList();
        var written = nodes.Select(WrittenVariable).Where(v => v is not null && (v is IParameterSymbol || outside.ContainsKey(v)))
            .Distinct(SymbolEqualityComparer.Default).ToList();
        if (written.Count != 1) return null; // none: refused later; several: refused by the sum path with its message
        var variable = written[0]!;
        foreach (var identifier in nodes.OfType<IdentifierNameSyntax>())
        {
            if (!SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(identifier, _cancellationToken).Symbol, variable)) continue;
            if (!IsPartOfSum(identifier)) return variable;
        }
        return null;
    }

    private ISymbol? WrittenVariable(SyntaxNode node)
    {
        var target = node switch
        {
            AssignmentExpressionSyntax a => a.Left,
            PostfixUnaryExpressionSyntax p => p.Operand,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
            _ => null,
        };
        return target is null ? null : _model.GetSymbolInfo(target, _cancellationToken).Symbol;
    }

    /// <summary>Whether a mention of a variable is only the running side of <c>s += t</c>, <c>s -= t</c>, <c>s = s ± t</c>, <c>s = t + s</c>, <c>s++</c>.</summary>
    private static bool IsPartOfSum(IdentifierNameSyntax identifier)
    {
        var parent = identifier.Parent;
        if (parent is AssignmentExpressionSyntax a && a.Left == identifier)
        {
            if (a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression)) return true;
            return a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a.Right is BinaryExpressionSyntax b &&
                   ((b.IsKind(SyntaxKind.AddExpression) && (Same(b.Left, identifier) || Same(b.Right, identifier))) ||
                    (b.IsKind(SyntaxKind.SubtractExpression) && Same(b.Left, identifier)));
        }
        if (parent is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax) return parent.Parent is ExpressionStatementSyntax;
        if (parent is BinaryExpressionSyntax binary && binary.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } owner &&
            owner.Right == binary && left.Identifier.ValueText == identifier.Identifier.ValueText)
            return binary.IsKind(SyntaxKind.AddExpression) || (binary.IsKind(SyntaxKind.SubtractExpression) && binary.Left == identifier);
        return false;
    }

    private static bool Same(ExpressionSyntax e, IdentifierNameSyntax identifier) =>
        e is IdentifierNameSyntax i && i.Identifier.ValueText == identifier.Identifier.ValueText;

    /// <summary>
    /// The body is read as one pass from a fresh value of the carried variable to its new value; the loop
    /// becomes <c>p = Recurrence(p before the loop, values the body reads)</c>.
    /// </summary>
    private void ParseRecurrence(StatementSyntax loop, string index, IntValue start, IntValue end, StatementSyntax body, System.Action? bind, ISymbol carried)
    {
        var outer = _statements;
        var before = _scope.Snapshot();
        var initial = _scope.Read(carried) ?? throw new IncompleteCodeException();
        var carriedIn = _scope.Fresh(carried.Name + "_in");
        _scope.MarkActive(carriedIn);
        _statements = new List<Statement>();
        _scope.Set(carried, carriedIn);
        _inRecurrence = true;
        bind?.Invoke();
        if (ParseSequence(Statements(body), 0) is not null)
            throw new NotDifferentiableException(loop, "a return inside a loop is not differentiated; let the loop finish and return after it");
        _inRecurrence = false;
        var carriedOut = _scope.Read(carried) ?? throw new IncompleteCodeException();
        var bodyStatements = _statements.OfType<Assignment>().ToList();
        _statements = outer;
        _scope.Restore(before);

        var defined = new HashSet<Symbol>(bodyStatements.Select(s => s.Target)) { carriedIn };
        var reads = bodyStatements.SelectMany(s => ExprWalker.Symbols(s.Value)).Concat(ExprWalker.Symbols(carriedOut))
            .Where(s => !defined.Contains(s) && s.Kind != NameKind.NamedConstant).Distinct().ToList();
        if (reads.Any(s => s.Kind == NameKind.Element))
            throw new NotDifferentiableException(loop, $"'{carried.Name}' carries a value from pass to pass while the loop reads a differentiated vector; such loops are not differentiated yet");
        var arguments = reads.Prepend(initial).ToArray();
        var partials = arguments.Select((a, i) => _scope.IsActive(a) || i == 0 ? _scope.Fresh("d" + carried.Name + "_d" + (i == 0 ? carried.Name + "0" : a.Name)) : null).ToArray();
        var node = new Recurrence(index, start, end, bodyStatements.ToEquatableArray(), carriedIn, carriedOut, arguments, partials);
        Add(new Assignment(_scope.Write(carried, node), node));
    }

    /// <summary>What a loop body being read has added to the variable it carries.</summary>
    private sealed class LoopContext
    {
        private readonly Dictionary<ISymbol, Symbol> _outside;

        public LoopContext(Dictionary<ISymbol, Symbol> outside) => _outside = outside;

        /// <summary>The variables the body adds to, in first-added order, with what it adds.</summary>
        public List<Sum> Sums { get; } = new();

        /// <summary>A variable that existed before the loop (a parameter or an earlier local).</summary>
        public bool IsCarried(ISymbol variable) => variable is IParameterSymbol || _outside.ContainsKey(variable);

        public void Add(SyntaxNode node, ISymbol variable, Expr term, Expr? guard)
        {
            var guarded = guard is null ? term : new Conditional(guard, term, Constant.Zero);
            var index = Sums.FindIndex(s => SymbolEqualityComparer.Default.Equals(s.Variable, variable));
            if (index < 0) Sums.Add(new Sum(variable, node, guarded));
            else Sums[index] = Sums[index] with { Term = new Binary(BinaryOperator.Add, Sums[index].Term, guarded) };
        }
    }

    private sealed record Sum(ISymbol Variable, SyntaxNode Node, Expr Term);

    private Symbol Current(ISymbol variable) => _scope.Read(variable) ?? throw new IncompleteCodeException();

    /// <summary>The local or parameter a statement writes; fields and elements cannot be written.</summary>
    private ISymbol AssignedVariable(ExpressionSyntax statement, ExpressionSyntax target)
    {
        var symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        switch (symbol)
        {
            case null:
                throw new IncompleteCodeException();
            case ILocalSymbol { Type.SpecialType: SpecialType.System_Double } or IParameterSymbol { Type.SpecialType: SpecialType.System_Double }:
                return symbol;
            default:
                throw new NotDifferentiableException(statement,
                    $"only double locals and parameters can be assigned in a differentiable method, not '{symbol.Name}'");
        }
    }
}
