using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>Declarations, assignments, increments; loops go to the <see cref="LoopReader"/>; anything else is refused by name.</summary>
internal sealed class SimpleStatementReader
{
    private readonly ParseContext _context;
    private readonly ExpressionReader _expressions;
    private readonly LoopReader _loops;

    public SimpleStatementReader(ParseContext context, ExpressionReader expressions, LoopReader loops)
    {
        _context = context;
        _expressions = expressions;
        _loops = loops;
    }

    public void Read(StatementSyntax statement)
    {
        switch (statement)
        {
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax declaration:
                ReadDeclaration(declaration);
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                ReadExpressionStatement(expression);
                break;
            case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                _loops.Read(statement);
                break;
            default:
                throw new NotDifferentiableException(statement,
                    $"a {SyntaxDescriptions.Describe(statement)} is not supported in a differentiable method");
        }
    }

    private void ReadDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.IsConst) return; // uses are folded to their value by the expression reader
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            throw new NotDifferentiableException(declaration, "a using declaration is not supported in a differentiable method");

        foreach (var declarator in declaration.Declaration.Variables)
        {
            if (_context.Model.GetDeclaredSymbol(declarator, _context.CancellationToken) is not ILocalSymbol local)
                throw new IncompleteCodeException();
            if (local.Type.SpecialType == SpecialType.System_Int32 && declarator.Initializer is { Value: var first } &&
                _loops.IsWhileCounter(local, declarator))
            {
                _loops.DeclareWhileCounter(local, _expressions.Ints.Read(first)); // int i = start; while (i < end) { …; i++; }
                continue;
            }
            if (local.Type.SpecialType == SpecialType.System_Int32 && declarator.Initializer is { Value: var count } &&
                _context.Usages.Writes(local).Count == 0)
            {
                // int n = x.Length; never reassigned: a named int value, as the user wrote it.
                var value = _expressions.Ints.Read(count);
                var symbol = _context.Scope.Fresh(local.Name, ScalarType.Int);
                _context.Scope.Set(local, symbol);
                _context.Add(new Assign(symbol, value));
                continue;
            }
            if (local.Type.SpecialType == SpecialType.System_Int32)
            {
                // int count = 0; reassigned later (a counter, an index found on the way): each value a version.
                if (declarator.Initializer is { Value: var start })
                {
                    var startValue = _expressions.Ints.Read(start);
                    _context.Add(new Assign(_context.Scope.Write(local, startValue, ScalarType.Int), startValue));
                }
                continue;
            }
            if (local.Type.SpecialType == SpecialType.System_Boolean && declarator.Initializer is { Value: var flag })
            {
                // bool done = x > 1; a condition with a name, as the user wrote it (reassigned: each value a version).
                var condition = _expressions.ReadCondition(flag);
                _context.Add(new Assign(_context.Scope.Write(local, condition, ScalarType.Bool), condition));
                continue;
            }
            if (LocalArrays.IsArrayType(local.Type))
            {
                _context.Arrays.Declare(declarator, local, _expressions);
                continue;
            }
            if (local.Type.SpecialType != SpecialType.System_Double)
            {
                throw new NotDifferentiableException(declarator,
                    $"the local '{local.Name}' is of type '{local.Type.ToDisplayString()}'; only double locals and double[] or Span<double> arrays are differentiated");
            }
            if (declarator.Initializer is { Value: var initializer })
            {
                var value = _expressions.Read(initializer);
                _context.Add(new Assign(_context.Scope.Write(local, value), value));
            }
        }
    }

    private void ReadExpressionStatement(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                ReadAssignment(assignment);
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

    private void ReadAssignment(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Left is TupleExpressionSyntax or DeclarationExpressionSyntax)
            throw new NotDifferentiableException(assignment, Deconstruction);
        var target = AssignedVariable(assignment, assignment.Left);
        if (_context.Loop is { } loop && loop.IsCarried(target))
        {
            Accumulate(assignment, target, loop);
            return;
        }
        if (target is ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean })
        {
            if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                throw new NotDifferentiableException(assignment, $"the operator '{assignment.OperatorToken.Text}' on a bool is not read; write {target.Name} = {target.Name} {BoolOperator(assignment)} …");
            var condition = _expressions.ReadCondition(assignment.Right);
            _context.Add(new Assign(_context.Scope.Write(target, condition, ScalarType.Bool), condition));
            return;
        }
        if (target is ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 })
        {
            var count = IntAssignment(assignment, target);
            _context.Add(new Assign(_context.Scope.Write(target, count, ScalarType.Int), count));
            return;
        }
        var right = _expressions.Read(assignment.Right);
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
        _context.Add(new Assign(_context.Scope.Write(target, value), value));
    }

    private const string Deconstruction =
        "a deconstruction is not differentiated; assign each variable on its own (double a = …; double b = …;), through a temporary where they swap";

    private void Step(ExpressionSyntax statement, ExpressionSyntax operand, bool increment)
    {
        var target = AssignedVariable(statement, operand);
        if (_context.Loop is { } loop && loop.IsCarried(target))
        {
            loop.Add(statement, target, SsaScope.TypeOf(target) == ScalarType.Int ? new IntLiteral(increment ? 1 : -1) : new Constant(increment ? 1 : -1), _context.Path.Guard);
            return;
        }
        if (SsaScope.TypeOf(target) == ScalarType.Int)
        {
            var next = new IntOperation(increment ? IntOperator.Add : IntOperator.Subtract, Current(target), IntLiteral.One);
            _context.Add(new Assign(_context.Scope.Write(target, next, ScalarType.Int), next));
            return;
        }
        var op = increment ? BinaryOperator.Add : BinaryOperator.Subtract;
        var value = new Binary(op, Current(target), Constant.One); // read before the write makes a new version
        _context.Add(new Assign(_context.Scope.Write(target, value), value));
    }

    /// <summary><c>s += t</c>, <c>s -= t</c>, <c>s = s + t</c>, <c>s = t + s</c>, <c>s = s - t</c> on a variable from outside the loop.</summary>
    private void Accumulate(AssignmentExpressionSyntax assignment, ISymbol target, LoopBodyContext loop)
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
                var leftIsTarget = IsTarget(b.Left, assignment.Left, target);
                var rightIsTarget = IsTarget(b.Right, assignment.Left, target);
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
        if (SsaScope.TypeOf(target) == ScalarType.Int)
        {
            var count = _expressions.Ints.Read(term);
            loop.Add(assignment, target, sign > 0 ? count : new IntOperation(IntOperator.Negate, count), _context.Path.Guard);
            return;
        }
        var value = _expressions.Read(term);
        loop.Add(assignment, target, sign > 0 ? value : new Unary(UnaryOperator.Negate, value), _context.Path.Guard);
    }

    /// <summary>Whether an operand is the assignment's target: the same variable, or the same element of an array being filled.</summary>
    private bool IsTarget(ExpressionSyntax operand, ExpressionSyntax left, ISymbol target) =>
        left is ElementAccessExpressionSyntax
            ? SyntaxFactory.AreEquivalent(operand, left)
            : SymbolEqualityComparer.Default.Equals(_context.Model.GetSymbolInfo(operand, _context.CancellationToken).Symbol, target);

    /// <summary>The operator to write a compound bool assignment with: &amp;= is &amp;&amp;, |= is ||, ^= is !=.</summary>
    private static string BoolOperator(AssignmentExpressionSyntax assignment) => assignment.Kind() switch
    {
        SyntaxKind.OrAssignmentExpression => "||",
        SyntaxKind.ExclusiveOrAssignmentExpression => "!=",
        _ => "&&",
    };

    private Expr Current(ISymbol variable) => _context.Scope.Read(variable) ?? throw new IncompleteCodeException();

    /// <summary>The local or parameter a statement writes, or the array whose pass's own element it writes; fields cannot be written.</summary>
    private ISymbol AssignedVariable(ExpressionSyntax statement, ExpressionSyntax target)
    {
        if (target is ElementAccessExpressionSyntax element)
        {
            if (_context.Model.GetSymbolInfo(element.Expression, _context.CancellationToken).Symbol is { } array && _context.Arrays.IsArray(array))
                return _context.Arrays.WriteTarget(statement, element, array);
            throw new NotDifferentiableException(statement,
                $"writing an element of '{element.Expression}' is not differentiated yet; compute the value in a double local or a local array instead");
        }
        if (target is TupleExpressionSyntax or DeclarationExpressionSyntax) throw new NotDifferentiableException(statement, Deconstruction);
        var symbol = _context.Model.GetSymbolInfo(target, _context.CancellationToken).Symbol;
        switch (symbol)
        {
            case null:
                throw new IncompleteCodeException();
            case ILocalSymbol { Type.SpecialType: SpecialType.System_Double } or IParameterSymbol { Type.SpecialType: SpecialType.System_Double }:
            case ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean } when statement is AssignmentExpressionSyntax:
            case ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 }:
                return symbol;
            case IDiscardSymbol:
                throw new NotDifferentiableException(statement, "a discard (_ = …) computes nothing the result reads; drop the statement");
            default:
                throw new NotDifferentiableException(statement,
                    $"only double locals and parameters can be assigned in a differentiable method, not '{symbol.Name}'");
        }
    }

    /// <summary>The new value of an int local: <c>k = …</c>, or <c>k op= …</c> with C#'s int arithmetic.</summary>
    private Expr IntAssignment(AssignmentExpressionSyntax assignment, ISymbol target)
    {
        var right = _expressions.Ints.Read(assignment.Right);
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)) return right;
        IntOperator? op = assignment.Kind() switch
        {
            SyntaxKind.AddAssignmentExpression => IntOperator.Add,
            SyntaxKind.SubtractAssignmentExpression => IntOperator.Subtract,
            SyntaxKind.MultiplyAssignmentExpression => IntOperator.Multiply,
            SyntaxKind.DivideAssignmentExpression => IntOperator.Divide,
            SyntaxKind.ModuloAssignmentExpression => IntOperator.Remainder,
            _ => null,
        };
        if (op is null) throw new NotDifferentiableException(assignment, $"the operator '{assignment.OperatorToken.Text}' on an int is not read; use = += -= *= /= %=");
        return new IntOperation(op.Value, Current(target), right);
    }
}
