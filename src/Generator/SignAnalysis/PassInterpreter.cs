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
/// Runs a body symbolically, once, top to bottom, and shows each update candidate (an assignment statement) the state
/// of the pass that reaches it: assignments define locals, cost and gradient calls are recorded, and whatever it does
/// not follow (calls it cannot see into, switch, local functions) makes the variables it writes unknown. A compound
/// statement (loop, if, block, using, …) is entered with a snapshot and left by restoring it and forgetting what the
/// statement writes, so the statements after it see it as a whole, and each statement is read once however many
/// updates the body has. Nested lambdas and local functions are bodies of their own. Never throws on incomplete code:
/// unknown constructs become opaque values.
/// </summary>
internal sealed class PassInterpreter : IExpressionHost
{
    private readonly SemanticModel _model;
    private readonly CostCatalog _catalog;
    private readonly CancellationToken _cancellationToken;
    private readonly System.Action<PassInterpreter, AssignmentExpressionSyntax> _onAssignment;
    private readonly ExpressionReader _reader;
    private LoopAccumulators? _accumulators;

    private PassInterpreter(SyntaxNode body, SemanticModel model, CostCatalog catalog, CancellationToken cancellationToken,
        System.Action<PassInterpreter, AssignmentExpressionSyntax> onAssignment)
    {
        _model = model;
        _catalog = catalog;
        _cancellationToken = cancellationToken;
        _onAssignment = onAssignment;
        Trace = new Trace();
        // The parser's expression reader, with this interpreter resolving names and calls through the trace.
        var owner = model.GetEnclosingSymbol(body.SpanStart, cancellationToken);
        var type = owner as INamedTypeSymbol ?? owner?.ContainingType ?? model.Compilation.ObjectType;
        var context = new ParseContext(model, Trace.Scope, UsageIndex.Empty, type,
            new HashSet<string>(), new CallBinder(model, type, cancellationToken), cancellationToken);
        _reader = new ExpressionReader(context, this);
    }

    public Trace Trace { get; }

    /// <summary>
    /// Runs <paramref name="body"/>, calling <paramref name="onAssignment"/> before each assignment statement runs
    /// (with this interpreter holding the pass up to it). What the callback does to the trace is undone.
    /// </summary>
    public static void Run(BlockSyntax body, SemanticModel model, CostCatalog catalog, CancellationToken cancellationToken,
        System.Action<PassInterpreter, AssignmentExpressionSyntax> onAssignment) =>
        new PassInterpreter(body, model, catalog, cancellationToken, onAssignment).Walk(body);

    /// <summary>The top-level statements of a program (its Program.cs), in order, as one body.</summary>
    public static void Run(CompilationUnitSyntax program, IReadOnlyList<StatementSyntax> statements, SemanticModel model, CostCatalog catalog,
        CancellationToken cancellationToken, System.Action<PassInterpreter, AssignmentExpressionSyntax> onAssignment)
    {
        var interpreter = new PassInterpreter(statements[0], model, catalog, cancellationToken, onAssignment);
        foreach (var statement in statements) interpreter.Walk(statement);
    }

    private void Walk(StatementSyntax statement)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (statement)
        {
            case BlockSyntax block:
                foreach (var inner in block.Statements) Walk(inner);
                return;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                if (_accumulators is { } sums && sums.IsTerm(assignment)) RecordTerm(sums, assignment);
                var before = Trace.Snapshot();
                _onAssignment(this, assignment);
                Trace.RestoreKeepingReads(before);
                Trace.CommitUpdate();
                Execute(statement);
                return;
            case ForEachStatementSyntax { Type: RefTypeSyntax } refLoop:
                // foreach (ref double g in dw.AsSpan()): the elements are written through g.
                EscapeArrays(refLoop.Expression);
                Enter(statement, LoopBody(statement), loop: true);
                return;
            case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                Enter(statement, LoopBody(statement), loop: true);
                return;
            case IfStatementSyntax ifStatement:
                // Both branches start from the state before the if; after it, what either writes is unknown.
                var snapshot = Trace.Snapshot();
                Walk(ifStatement.Statement);
                Trace.Restore(snapshot);
                if (ifStatement.Else is { } elseClause) Walk(elseClause.Statement);
                Trace.Restore(snapshot);
                InvalidateWrittenIn(statement);
                return;
            case UsingStatementSyntax u: Enter(statement, u.Statement, loop: false); return;
            case LockStatementSyntax l: Enter(statement, l.Statement, loop: false); return;
            case CheckedStatementSyntax c: Enter(statement, c.Block, loop: false); return;
            case UnsafeStatementSyntax u: Enter(statement, u.Block, loop: false); return;
            case FixedStatementSyntax f: Enter(statement, f.Statement, loop: false); return;
            case LabeledStatementSyntax l: Enter(statement, l.Statement, loop: false); return;
            case TryStatementSyntax t: Enter(statement, t.Block, loop: false); return; // catch and finally are not followed
            default:
                Execute(statement);
                return;
        }
    }

    /// <summary>
    /// Walks the inside of a compound statement from the state before it, then leaves the state as if the statement
    /// had run without being followed. Each pass of a loop starts with whatever the previous passes left: nothing
    /// the loop writes is known.
    /// </summary>
    private void Enter(StatementSyntax compound, StatementSyntax? inside, bool loop)
    {
        var snapshot = Trace.Snapshot();
        var written = WrittenIn(compound).Distinct<ISymbol>(SymbolEqualityComparer.Default).ToList();
        var elementsWritten = ElementsWrittenIn(compound).Distinct<ISymbol>(SymbolEqualityComparer.Default).ToList();
        var outer = _accumulators;
        var sums = loop ? LoopAccumulators.Find(inside, written, Trace.Costs.Count, _model, _cancellationToken) : null;
        if (loop)
        {
            _accumulators = sums;
            foreach (var variable in written) Trace.StartPass(variable);
            foreach (var array in elementsWritten)
            {
                Trace.MarkElementsWritten(array);
                // An array the loop writes other than element by element at its own index (w[j] in a loop over j) has
                // changed by a later pass: a cost evaluated before the loop does not decide updates in it.
                if (!WrittenAtOwnIndex(compound, array)) Trace.Invalidate(array);
            }
        }
        if (inside is not null) Walk(inside);
        var found = sums?.Judge(Trace) ?? new List<(ISymbol Accumulator, ISymbol Weight, int Sign, CostDerivatives Cost)>();
        _accumulators = outer;
        Trace.Restore(snapshot);
        var initial = found.Select(f => Trace.Read(f.Accumulator)).ToList();
        foreach (var variable in written) Trace.Invalidate(variable);
        if (loop) foreach (var variable in written) Trace.EndLoop(variable);
        foreach (var array in elementsWritten) RenewElements(array);
        // gw = gw₀ ± Σ ∂cost/∂w: the sum is a value of its own, and the latest gradient an update after the loop can be judged by.
        for (var k = 0; k < found.Count; k++)
        {
            var (accumulator, weight, sign, cost) = found[k];
            var sum = Trace.Sum($"Σ ∂{cost.Name}/∂{weight.Name}");
            Trace.Assign(accumulator, new Binary(BinaryOperator.Add, initial[k], sign > 0 ? sum : new Unary(UnaryOperator.Negate, sum)));
            Trace.Costs.Add(new CostEvaluation(cost, System.Array.Empty<Expr>()) { Summed = new SummedGradient(weight, Trace.Read(weight), sum) });
        }
    }

    /// <summary>The term a loop's accumulator adds in this pass, read where the pass reaches it.</summary>
    private void RecordTerm(LoopAccumulators sums, AssignmentExpressionSyntax assignment)
    {
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            var sum = (BinaryExpressionSyntax)assignment.Right;
            var term = SymbolEqualityComparer.Default.Equals(Variable(sum.Left), Variable(assignment.Left)) ? sum.Right : sum.Left;
            sums.Record(assignment, Read(term), adds: true);
            return;
        }
        sums.Record(assignment, Read(assignment.Right), adds: assignment.IsKind(SyntaxKind.AddAssignmentExpression));
    }

    private static StatementSyntax? LoopBody(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax f => f.Statement,
        ForEachStatementSyntax f => f.Statement,
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        _ => null,
    };

    private void Execute(StatementSyntax statement)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                foreach (var declarator in declaration.Declaration.Variables)
                {
                    if (_model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local) continue;
                    if (declarator.Initializer is not { Value: var value }) continue;
                    if (value is RefExpressionSyntax { Expression: var referenced })
                    {
                        // ref double g = ref x (or ref w[j]): writes through g are not followed, so x is unknown from here on.
                        if (Variable(referenced) is { } aliased) Trace.MarkRefAliased(aliased);
                        EscapeArrays(referenced);
                        InvalidateWrittenIn(value);
                        Trace.Invalidate(local);
                        continue;
                    }
                    if (IsDoubleVector(local.Type) && EscapeArrays(value))
                    {
                        // Another name for an array: writes through either are not followed, so neither holds what a cost saw.
                        Trace.MarkEscaped(local);
                        Trace.Invalidate(local);
                        continue;
                    }
                    Trace.Assign(local, Read(value));
                }
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                ExecuteExpression(expression);
                break;
            case EmptyStatementSyntax:
                break;
            default:
                InvalidateWrittenIn(statement);
                break;
        }
    }

    private void ExecuteExpression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment when Variable(assignment.Left) is { } target && IsDoubleVector(_model.GetTypeInfo(assignment.Left, _cancellationToken).Type):
                if (EscapeArrays(assignment.Right)) Trace.MarkEscaped(target);
                else Trace.MarkElementsWritten(target);
                Trace.Invalidate(target);
                break;
            case AssignmentExpressionSyntax assignment when Variable(assignment.Left) is { } target:
                var right = Read(assignment.Right);
                var value = assignment.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => right,
                    SyntaxKind.AddAssignmentExpression => new Binary(BinaryOperator.Add, Trace.Read(target), right),
                    SyntaxKind.SubtractAssignmentExpression => new Binary(BinaryOperator.Subtract, Trace.Read(target), right),
                    SyntaxKind.MultiplyAssignmentExpression => new Binary(BinaryOperator.Multiply, Trace.Read(target), right),
                    SyntaxKind.DivideAssignmentExpression => new Binary(BinaryOperator.Divide, Trace.Read(target), right),
                    _ => Trace.Opaque(),
                };
                Trace.Assign(target, value);
                break;
            case PostfixUnaryExpressionSyntax { Operand: var operand } u when Variable(operand) is { } counter:
                Step(counter, u.IsKind(SyntaxKind.PostIncrementExpression), u.IsKind(SyntaxKind.PostDecrementExpression));
                break;
            case PrefixUnaryExpressionSyntax { Operand: var operand } u when Variable(operand) is { } counter:
                Step(counter, u.IsKind(SyntaxKind.PreIncrementExpression), u.IsKind(SyntaxKind.PreDecrementExpression));
                break;
            case InvocationExpressionSyntax invocation:
                Read(invocation);
                break;
            default:
                InvalidateWrittenIn(expression);
                break;
        }
    }

    private void Step(ISymbol variable, bool increment, bool decrement)
    {
        if (increment || decrement)
            Trace.Assign(variable, new Binary(increment ? BinaryOperator.Add : BinaryOperator.Subtract, Trace.Read(variable), Constant.One));
        else
            Trace.Invalidate(variable);
    }

    /// <summary>
    /// The local, parameter or field an expression names, if it is a plain variable of a numeric type: <c>w</c>,
    /// <c>this.w</c>, <c>Model.w</c>. A field of another instance (<c>g.W</c>, <c>grad.w</c>) is not one: the same
    /// field of two instances would be taken for one variable (a gradient accumulator for the weights it accumulates).
    /// </summary>
    public ISymbol? Variable(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax p) expression = p.Expression;
        if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax })) return null;
        if (expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } && !NamesType(receiver)) return null;
        var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
        return symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol ? symbol : null;
    }

    private bool NamesType(IdentifierNameSyntax receiver) => _model.GetSymbolInfo(receiver, _cancellationToken).Symbol is INamedTypeSymbol;

    private void InvalidateWrittenIn(SyntaxNode node) => InvalidateWrittenIn(node, followCalls: true);

    /// <param name="followCalls">Also what the calls in it may write (not when invalidating a callee's own body).</param>
    private void InvalidateWrittenIn(SyntaxNode node, bool followCalls)
    {
        foreach (var variable in WrittenIn(node)) Trace.Invalidate(variable);
        foreach (var array in ElementsWrittenIn(node)) RenewElements(array);
        if (!followCalls) return;
        foreach (var call in node.DescendantNodesAndSelf(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (_model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol method && _catalog.Classify(method) is null)
                InvalidateWhatTheCalleeMayWrite(call, method);
        }
    }

    /// <summary>
    /// Elements of the array were written: its elements are no longer read as the ones a cost saw, and the array is a
    /// new value, so a cost evaluated before no longer decides an update of its elements (undoing a step, a
    /// finite-difference probe). Inside the loop that writes them, each pass still sees the array the loop started with.
    /// </summary>
    private void RenewElements(ISymbol array)
    {
        Trace.MarkElementsWritten(array);
        Trace.Invalidate(array);
    }

    /// <summary>
    /// Arrays (and spans) the expression hands on whole, not by element: to a method the analysis does not follow,
    /// or to another variable. What is done to them there is not seen, so their elements count as written.
    /// </summary>
    /// <returns>Whether there was one.</returns>
    private bool EscapeArrays(SyntaxNode node)
    {
        var escaped = false;
        foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Parent is ElementAccessExpressionSyntax access && access.Expression == identifier) continue;
            if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member && member.Expression == identifier) continue;
            if (Variable(identifier) is not { } variable || !IsDoubleVector(_model.GetTypeInfo(identifier, _cancellationToken).Type)) continue;
            RenewElements(variable);
            Trace.MarkEscaped(variable);
            escaped = true;
        }
        return escaped;
    }

    private IEnumerable<ISymbol> WrittenIn(SyntaxNode node) => WrittenVariables.In(node, _model, _cancellationToken);

    /// <summary>Whether every write of the array's elements in the loop is <c>a[i]</c> with i the loop's own index, outside any inner loop.</summary>
    private bool WrittenAtOwnIndex(StatementSyntax loop, ISymbol array)
    {
        if (loop is not ForStatementSyntax { Declaration.Variables: [var declarator] } f ||
            _model.GetDeclaredSymbol(declarator, _cancellationToken) is not { } index)
            return false;
        foreach (var access in f.Statement.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>())
        {
            if (!IsElementWrite(access) || !SymbolEqualityComparer.Default.Equals(Variable(access.Expression), array)) continue;
            if (access.ArgumentList.Arguments is not [{ Expression: IdentifierNameSyntax name }] ||
                !SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, index))
                return false;
            if (access.Ancestors().TakeWhile(a => a != f).Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
                return false;
        }
        return true;
    }

    /// <summary>An element assigned, incremented, passed by ref or taken by ref (<c>ref w[j]</c>).</summary>
    private static bool IsElementWrite(ElementAccessExpressionSyntax access) =>
        WrittenVariables.WritingNode(access) is not null || access.Parent is RefExpressionSyntax;

    /// <summary>The arrays (and spans) whose elements the node assigns, increments or passes by ref.</summary>
    private IEnumerable<ISymbol> ElementsWrittenIn(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>()
            .Where(IsElementWrite)
            .Select(e => Variable(e.Expression))
            .Where(v => v is not null)
            .Select(v => v!);

    /// <summary><c>dw.AsSpan()</c> passes dw itself.</summary>
    private static ExpressionSyntax SpanOf(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan", Expression: var array }, ArgumentList.Arguments.Count: 0 }
            ? array
            : expression;

    private ISymbol? DeclaredBy(ExpressionSyntax expression) =>
        expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax d }
            ? _model.GetDeclaredSymbol(d, _cancellationToken)
            : null;

    /// <summary>
    /// The atoms the conditions an update runs under multiply: of the <c>if</c> statements around it, and of those
    /// before it in the same blocks that leave (<c>if (y * z &gt; 0) continue;</c>). A value the step reads and a
    /// condition tests as a margin (the perceptron's label in <c>if (y * z &lt;= 0) w += lr * y * x</c>) is data, not a
    /// learning rate, and may take either sign. A <c>for</c> loop's counter is not data (<c>if (epoch &lt; 5)</c> warms up).
    /// </summary>
    public IReadOnlyCollection<Symbol> GuardAtoms(SyntaxNode update)
    {
        var atoms = new HashSet<Symbol>();
        for (var node = update; node.Parent is { } parent and not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = parent)
        {
            if (parent is IfStatementSyntax { Condition: var condition }) AddConditionAtoms(condition, atoms);
            if (parent is not BlockSyntax block) continue;
            foreach (var earlier in block.Statements.TakeWhile(s => s != node))
            {
                if (earlier is IfStatementSyntax { Condition: var exitCondition, Statement: var then } && Leaves(then)) AddConditionAtoms(exitCondition, atoms);
            }
        }
        return atoms;
    }

    /// <summary>A statement that always leaves the block it stands in: continue, break, return, throw (or a block ending in one).</summary>
    private static bool Leaves(StatementSyntax statement) => statement switch
    {
        ContinueStatementSyntax or BreakStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements: { Count: > 0 } statements } => Leaves(statements[statements.Count - 1]),
        _ => false,
    };

    /// <summary>
    /// The atoms of what a condition multiplies (a margin <c>y * z</c>): a label tested that way is data of either
    /// sign. A value merely compared (<c>lr &gt; 0</c>, <c>norm &gt; clip</c>, <c>epoch &lt; warmup</c>) keeps what it is.
    /// </summary>
    private void AddConditionAtoms(ExpressionSyntax condition, HashSet<Symbol> atoms, int depth = 0)
    {
        foreach (var identifier in condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (Variable(identifier) is not { } variable || IsForCounter(variable)) continue;
            // bool ok = y * z > 0; if (ok) continue; — the flag's own condition is the one tested.
            if (depth == 0 && variable is ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean } flag &&
                flag.DeclaringSyntaxReferences is [var reference] && reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var initializer })
                AddConditionAtoms(initializer, atoms, depth + 1);
            if (!identifier.Ancestors().TakeWhile(a => a != condition.Parent).Any(a => a.IsKind(SyntaxKind.MultiplyExpression))) continue;
            atoms.UnionWith(ExprWalker.Symbols(Trace.Expand(Trace.Read(variable))));
        }
    }

    private bool IsForCounter(ISymbol variable) =>
        variable is ILocalSymbol && variable.DeclaringSyntaxReferences is [var reference] &&
        reference.GetSyntax(_cancellationToken).Parent?.Parent is ForStatementSyntax;

    /// <summary>C# → IR through the parser's reader, leniently: what it refuses becomes an opaque value.</summary>
    public Expr Read(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return _reader.Read(expression);
    }

    Expr IExpressionHost.Variable(ISymbol variable)
    {
        if (Trace.IsRefAliased(variable)) return Trace.Opaque();
        if (variable is IFieldSymbol { IsReadOnly: true } field && ReadOnlyValue(field) is { } constant) return constant;
        return Trace.Read(variable);
    }

    /// <summary>A readonly field initialised with a constant in this file (a step size such as -0.05): its value.</summary>
    private Expr? ReadOnlyValue(IFieldSymbol field)
    {
        if (field.DeclaringSyntaxReferences is not [var reference] || reference.SyntaxTree != _model.SyntaxTree) return null;
        if (reference.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initializer }) return null;
        return _model.GetConstantValue(initializer, _cancellationToken) is { HasValue: true, Value: var v } && v is double or int or float or long
            ? new Constant(System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>
    /// An element or property read is a value the analysis cannot see into but recognises when repeated; anything else
    /// is opaque, and what it writes is no longer known.
    /// </summary>
    Expr IExpressionHost.Unreadable(ExpressionSyntax syntax)
    {
        if (syntax is ElementAccessExpressionSyntax element && ReadElement(element) is { } read) return read;
        if (syntax is ElementAccessExpressionSyntax or MemberAccessExpressionSyntax)
            return Trace.Value(Key(syntax), SyntaxDescriptions.Excerpt(syntax));
        InvalidateWrittenIn(syntax);
        return Trace.Opaque();
    }

    /// <summary>
    /// <c>dw[j]</c> of a gradient span is ∂cost/∂w[j]; <c>x[j]</c> of a double array or span the pass has not written
    /// an element of is that element of the array the variable holds (the array a cost given x sees). Null otherwise.
    /// </summary>
    private Expr? ReadElement(ElementAccessExpressionSyntax element)
    {
        if (element.ArgumentList.Arguments is not [{ NameColon: null, Expression: var index } argument] ||
            !argument.RefKindKeyword.IsKind(SyntaxKind.None) || index is RangeExpressionSyntax ||
            index is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } ||
            Variable(element.Expression) is not { } array)
            return null;
        var value = Trace.ValueOf(array);
        if (value is PartialVector partials) return Trace.HasWrittenElements(array) ? null : partials.Element(Read(index));
        if (value is Symbol { Kind: SymbolRole.Parameter } atom && Trace.VariableOf(atom) is not null && !Trace.HasWrittenElements(array) &&
            IsDoubleVector(_model.GetTypeInfo(element.Expression, _cancellationToken).Type))
            return new ElementRead(atom, Read(index));
        return null;
    }

    private static bool IsDoubleVector(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } => true,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments: [{ SpecialType: SpecialType.System_Double }] } named =>
            named.ContainingNamespace?.ToDisplayString() == "System",
        _ => false,
    };

    /// <summary>
    /// Names a read such as <c>xs[i]</c> or <c>sample.X</c> by its text and the versions of the variables in it, so
    /// the same read in the cost's arguments and in the step is one value.
    /// </summary>
    private string Key(ExpressionSyntax expression)
    {
        var versions = expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(i => _model.GetSymbolInfo(i, _cancellationToken).Symbol)
            .Where(v => v is ILocalSymbol or IParameterSymbol or IFieldSymbol)
            .Select(v => Trace.Read(v!) is Symbol s ? s.Name : "?");
        return expression.ToString() + "@" + string.Join(",", versions);
    }

    /// <summary>A cost or its generated gradient is recorded (with the gradient's outs bound); other calls are opaque.</summary>
    Expr IExpressionHost.Call(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var arguments = InParameterOrder(invocation.ArgumentList.Arguments, method);
        var classified = _catalog.Classify(method);
        var cost = classified is { } c ? _catalog.Derivatives(c.Cost, _cancellationToken) : null;
        if (arguments is null || cost is null || arguments.Count < cost.Parameters.Count ||
            Enumerable.Range(0, cost.Parameters.Count).Any(i => arguments[i] is null && ParameterDefaults.Number(method.Parameters[i]) is null))
        {
            InvalidateWrittenIn(invocation);
            EscapeArrays(invocation);
            InvalidateWhatTheCalleeMayWrite(invocation, method);
            return Trace.Opaque();
        }

        var values = arguments.Take(cost.Parameters.Count).Select((a, i) => a is null ? ParameterDefaults.Number(method.Parameters[i])! : Read(a.Expression)).ToList();
        Trace.Costs.Add(new CostEvaluation(cost, values));
        if (classified!.Value.IsGradient) BindGradientOuts(arguments, cost, values);
        return cost.ValueAt(values);
    }

    /// <summary>
    /// The arguments by parameter, named ones (<c>y: y, dw: out var dw</c>) where their parameter is; null for a
    /// parameter left out. Null for a call whose arguments do not map one to one (a params array).
    /// </summary>
    private static List<ArgumentSyntax?>? InParameterOrder(SeparatedSyntaxList<ArgumentSyntax> arguments, IMethodSymbol method)
    {
        if (arguments.Count > method.Parameters.Length || method.Parameters.Any(p => p.IsParams)) return null;
        var ordered = new List<ArgumentSyntax?>(method.Parameters.Select(_ => (ArgumentSyntax?)null));
        for (var i = 0; i < arguments.Count; i++)
        {
            var position = i;
            if (arguments[i].NameColon is { Name.Identifier.ValueText: var name })
            {
                position = -1;
                for (var k = 0; k < method.Parameters.Length; k++)
                    if (method.Parameters[k].Name == name) position = k;
            }
            if (position < 0 || ordered[position] is not null) return null;
            ordered[position] = arguments[i];
        }
        return ordered;
    }

    /// <summary>
    /// A call the analysis does not follow may write what it can reach: a local function or lambda the variables it
    /// captures (whatever its body writes), a method of the user's code any field.
    /// </summary>
    private void InvalidateWhatTheCalleeMayWrite(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction || method.MethodKind == MethodKind.DelegateInvoke || method.MethodKind == MethodKind.AnonymousFunction)
        {
            // Any local function or lambda of the enclosing member may be the one called.
            // (Top-level statements are one body spread over the file's global statements.)
            var member = invocation.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax or CompilationUnitSyntax);
            if (member is null) return;
            foreach (var function in member.DescendantNodes().Where(n => n is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
                InvalidateWrittenIn(function, followCalls: false);
            return;
        }
        if (!method.DeclaringSyntaxReferences.IsEmpty) Trace.InvalidateFields();
    }

    /// <summary>The generated gradient's out parameters are ∂cost/∂(wrt parameter) at the arguments.</summary>
    private void BindGradientOuts(IReadOnlyList<ArgumentSyntax?> arguments, CostDerivatives cost, IReadOnlyList<Expr> values)
    {
        for (var i = cost.Parameters.Count; i < arguments.Count; i++)
        {
            if (arguments[i] is null) continue;
            var target = Variable(SpanOf(arguments[i]!.Expression)) ?? DeclaredBy(arguments[i]!.Expression);
            if (target is null) continue;
            var wrtIndex = i - cost.Parameters.Count;
            var parameter = wrtIndex < cost.Wrt.Count ? cost.Parameters.ToList().IndexOf(cost.Wrt[wrtIndex]) : -1;
            // A vector's gradient is written into the span passed for it: its elements are ∂cost/∂w[j].
            if (parameter >= 0 && cost.HasElementPartials(parameter) && arguments[i]!.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                Trace.Assign(target, new PartialVector(cost, parameter, values.ToEquatableArray()));
                Trace.UnmarkElementsWritten(target);
                continue;
            }
            if (!arguments[i]!.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) || parameter < 0)
            {
                Trace.Invalidate(target);
                continue;
            }
            Trace.Assign(target, cost.PartialAt(parameter, values));
        }
    }
}
