using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The method's local double arrays (<c>new double[n]</c>, <c>stackalloc double[n]</c>, initialisers). An array is
/// filled by one loop per scope, each pass writing its own element <c>a[k]</c>; inside that pass the element is a
/// scalar like any local (its SSA versions live under the array's own name in the scope), and once the loop is done
/// the array's elements are read by any int index. Everything else (a second fill, a read before the fill, a write
/// at another index) is refused with the reason.
/// </summary>
internal sealed class LocalArrays
{
    private readonly ParseContext _context;
    private readonly Dictionary<ISymbol, LocalArray> _arrays = new(SymbolEqualityComparer.Default);

    public LocalArrays(ParseContext context) => _context = context;

    public static bool IsArrayType(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } ||
        type is INamedTypeSymbol { Name: "Span", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span &&
        span.TypeArguments[0].SpecialType == SpecialType.System_Double;

    public bool IsArray(ISymbol? symbol) => symbol is not null && _arrays.ContainsKey(symbol);

    /// <summary>
    /// A double[] parameter the method writes by element becomes a working copy, declared at the start: reads before
    /// its fill see the parameter, the fill writes the copy, and the generated gradient leaves the caller's array as
    /// it found it (its value and derivatives are those at the values passed in).
    /// </summary>
    public void DeclareCopies(SyntaxNode body)
    {
        foreach (var element in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                     .OfType<ElementAccessExpressionSyntax>())
        {
            if (WrittenVariables.WritingNode(element) is null ||
                _context.Model.GetSymbolInfo(element.Expression, _context.CancellationToken).Symbol is not IParameterSymbol
                {
                    Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double },
                } parameter ||
                _arrays.ContainsKey(parameter)) continue;
            var source = new Symbol(parameter.Name, SymbolRole.Parameter, ScalarType.Double);
            var symbol = new Symbol(_context.Scope.Fresh(parameter.Name + "_written").Name, SymbolRole.Array);
            if (_context.Scope.IsActive(source)) _context.Scope.MarkActive(symbol);
            var length = new Length(source);
            _arrays[parameter] = new LocalArray(symbol, length, _context.Pass) { Source = source };
            _context.Add(new NewArray(symbol, length, EquatableArray<Expr>.Empty, source));
        }
    }

    public void Declare(VariableDeclaratorSyntax declarator, ILocalSymbol local, ExpressionReader expressions)
    {
        if (_context.Usages.Writes(local).Count > 0)
            throw new NotDifferentiableException(_context.Usages.Writes(local)[0], $"the array '{local.Name}' is assigned again; give each array one declaration and fill it by element");
        if (declarator.Initializer is not { Value: var initializer })
            throw new NotDifferentiableException(declarator, $"declare the array with its size: {local.Name} = new double[n]");

        var (length, elements) = Shape(initializer, expressions);
        var pass = _context.Pass;
        if (!pass.IsTopLevel && !FixedPerCall(length))
            throw new NotDifferentiableException(initializer,
                $"the length of '{local.Name}' changes from pass to pass; declare the array before the loop, with a length the method knows from the start");
        var symbol = new Symbol(_context.Scope.Fresh(local.Name).Name, SymbolRole.Array);
        _arrays[local] = new LocalArray(symbol, length, pass) { FilledIn = elements.Count > 0 ? pass : null };
        _context.Add(new NewArray(symbol, length, elements.ToEquatableArray()));
    }

    /// <summary>The length the generated code knows the array by (a rented buffer may be longer).</summary>
    public Expr Length(ISymbol local) => _arrays[local].Length;

    /// <summary><c>a[index]</c>: the pass's own element while the loop fills it, else an element of the filled array.</summary>
    public Expr Read(ElementAccessExpressionSyntax element, ISymbol local, ExpressionReader expressions)
    {
        var array = _arrays[local];
        var index = SingleIndex(element);
        if (array.Filling is { } filling)
        {
            if (IsIndexOf(index, filling))
            {
                return _context.Scope.Read(local) ?? throw new NotDifferentiableException(element,
                    $"'{element}' is read before this pass writes it; set it first ({local.Name}[{filling.Index!.Name}] = …)");
            }
            switch (OffsetFrom(index, filling))
            {
                // An element an earlier pass wrote (or, before the loop's first, one it never writes): the array holds it
                // now and still holds it when the backward pass, running the passes last to first, replays this one.
                case < 0:
                    filling.ReadsEarlierPasses = true;
                    return new ElementRead(array.Symbol, expressions.Ints.Read(index));
                // An element a later pass writes: the value it had before the loop.
                case > 0 when array.Source is { } source:
                    return new ElementRead(source, expressions.Ints.Read(index));
            }
            var i = filling.Index!.Name;
            throw new NotDifferentiableException(element,
                $"'{local.Name}' is being filled by the loop over '{i}'; inside it read {local.Name}[{i}] or an element an earlier pass wrote ({local.Name}[{i} - 1]), or read the array after the loop");
        }
        return Element(local, expressions.Ints.Read(index), element);
    }

    /// <summary>An element of a filled array (a read by index, or a foreach pass), checked to see the fill's values.</summary>
    public Expr Element(ISymbol local, Expr index, SyntaxNode at)
    {
        var array = _arrays[local];
        if (array.Source is { } source && array.FilledIn is null && array.Filling is null) return new ElementRead(source, index);
        RequireFilled(local, array, at, "read its elements after that loop");
        return new ElementRead(array.Symbol, index);
    }

    /// <summary>The whole array, handed to a helper: the parameter itself before a written parameter's fill, else its filled values.</summary>
    public Expr Whole(ISymbol local, SyntaxNode at)
    {
        var array = _arrays[local];
        if (array.Source is { Kind: SymbolRole.Parameter } source && array.FilledIn is null && array.Filling is null) return source;
        RequireFilled(local, array, at, "pass it after that loop");
        return new ArraySlice(array.Symbol, IntLiteral.Zero, array.Length);
    }

    private void RequireFilled(ISymbol local, LocalArray array, SyntaxNode at, string whileFilling)
    {
        if (array.Filling is not null)
            throw new NotDifferentiableException(at, $"'{local.Name}' is being filled by the loop over '{array.Filling.Index!.Name}'; {whileFilling}");
        if (array.FilledIn is null)
            throw new NotDifferentiableException(at, $"'{local.Name}' is read before a loop fills it; fill it with for (int k = 0; k < {local.Name}.Length; k++) {local.Name}[k] = …;");
        if (!_context.Pass.IsWithin(array.FilledIn))
            throw new NotDifferentiableException(at, $"'{local.Name}' is filled anew in each pass of a loop; read it inside that loop");
    }

    /// <summary>The variable an element write <c>a[k] = …</c> stands for: the array local, whose scope value is the pass's element.</summary>
    public ISymbol WriteTarget(ExpressionSyntax statement, ElementAccessExpressionSyntax element, ISymbol local)
    {
        var array = _arrays[local];
        var index = SingleIndex(element);
        if (array.Filling is not { } filling || !IsIndexOf(index, filling))
        {
            var where = array.Source is { Kind: SymbolRole.Parameter } ? "of the method's own" : "declared after the array";
            throw new NotDifferentiableException(statement,
                $"an element of '{local.Name}' is written only as {local.Name}[k] inside a loop over k {where}, each pass writing its own element");
        }
        if (!statement.IsKind(SyntaxKind.SimpleAssignmentExpression) && _context.Scope.Read(local) is null)
            throw new NotDifferentiableException(statement, $"'{element}' is read before this pass writes it; set it first ({element} = …)");
        return local;
    }

    /// <summary>The array an element write targets when it is a pass's own element; null otherwise.</summary>
    public ISymbol? SlotOf(ElementAccessExpressionSyntax element)
    {
        if (_context.Model.GetSymbolInfo(element.Expression, _context.CancellationToken).Symbol is not { } local ||
            !_arrays.TryGetValue(local, out var array) || array.Filling is not { } filling) return null;
        return element.ArgumentList.Arguments.Count == 1 && IsIndexOf(element.ArgumentList.Arguments[0].Expression, filling) ? local : null;
    }

    /// <summary>
    /// At the start of a pass: the arrays whose element <c>a[index]</c> the body writes are filled by this loop. Each
    /// starts as 0 when the array is fresh from its declaration in the scope around the loop; otherwise the pass must
    /// write it before reading it, and the loop must cover the whole array (its other elements would be stale).
    /// </summary>
    /// <param name="declareBefore">Adds a statement to the block around the loop, ahead of the loop.</param>
    public void BeginPass(Pass pass, StatementSyntax body, LoopHeader header, bool inRecurrence, bool guarded, Action<Statement> declareBefore)
    {
        if (pass.Index is null || _arrays.Count == 0) return;
        foreach (var element in body.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                     .OfType<ElementAccessExpressionSyntax>())
        {
            if (WrittenVariables.WritingNode(element) is null || element.ArgumentList.Arguments.Count != 1 ||
                !IsIndexOf(element.ArgumentList.Arguments[0].Expression, pass) ||
                _context.Model.GetSymbolInfo(element.Expression, _context.CancellationToken).Symbol is not { } local ||
                !_arrays.TryGetValue(local, out var array) || pass.Fills.Contains(local, SymbolEqualityComparer.Default)) continue;
            if (inRecurrence)
                throw new NotDifferentiableException(element, $"'{local.Name}' is filled in a loop that carries a value from pass to pass; fill it in a loop of its own");
            if (guarded)
                throw new NotDifferentiableException(element, $"'{local.Name}' is filled by a loop inside an if branch; fill it before the if (or compute each element with a conditional)");
            if (array.Filling is not null)
                throw new NotDifferentiableException(element, $"'{local.Name}' is already being filled by an enclosing loop");
            if (array.DeclaredIn == pass || !pass.IsWithin(array.DeclaredIn))
                throw new NotDifferentiableException(element, $"'{local.Name}' is declared inside the loop that fills it; declare it before the loop");
            if (array.FilledIn is { } filled && pass.IsWithin(filled))
            {
                // In a pass of a loop around the fill, a refill would carry the array from pass to pass.
                if (!ReferenceEquals(filled, pass.Parent))
                    throw new NotDifferentiableException(element,
                        $"'{local.Name}' is filled before this loop's enclosing loop and filled again in each of its passes, so each pass would start from the last one's values; fill a new array in each pass");
                _arrays[local] = array = Renew(array, declareBefore);
            }
            var fresh = array.FilledIn is null && array.DeclaredIn == pass.Parent;
            if (array.Source is { Kind: SymbolRole.Parameter } && !fresh)
                throw new NotDifferentiableException(element,
                    $"the parameter '{local.Name}' is written in a loop inside another loop; write it in a loop of the method's own, once");
            if (!fresh && !(header.Start is IntLiteral { Value: 0 } && header.End.Equals(array.Length)))
                throw new NotDifferentiableException(element,
                    $"'{local.Name}' is filled again here, so this loop must write every element: for (int {pass.Index.Name} = 0; {pass.Index.Name} < {local.Name}.Length; {pass.Index.Name}++)");
            array.Filling = pass;
            pass.Fills.Add(local);
            if (fresh) _context.Scope.Set(local, array.Source is { } source ? new ElementRead(source, header.Index) : Constant.Zero);
            else _context.Scope.Forget(local);
        }
    }

    /// <summary>
    /// A second fill of a filled array writes a new version of it (arrays are SSA too): a copy of the filled values,
    /// declared ahead of the loop, so the backward pass still reads the values the first fill left, and the elements
    /// this loop reads before writing them (<c>z[j] = Math.Tanh(z[j])</c>) are those of the version before.
    /// </summary>
    private LocalArray Renew(LocalArray filled, Action<Statement> declareBefore)
    {
        var symbol = new Symbol(_context.Scope.Fresh(filled.Symbol.Name).Name, SymbolRole.Array);
        if (_context.Scope.IsActive(filled.Symbol)) _context.Scope.MarkActive(symbol);
        declareBefore(new NewArray(symbol, filled.Length, EquatableArray<Expr>.Empty, filled.Symbol));
        return new LocalArray(symbol, filled.Length, filled.FilledIn!) { Source = filled.Symbol };
    }

    /// <summary>At the end of a pass (before its scope is restored): what each array it fills receives.</summary>
    public List<ElementFill> EndPass(Pass pass, SyntaxNode loop)
    {
        var fills = new List<ElementFill>();
        foreach (var local in pass.Fills)
        {
            var array = _arrays[local];
            var value = _context.Scope.Read(local) ??
                        throw new NotDifferentiableException(loop, $"'{local.Name}[{pass.Index!.Name}]' is not written on every path through the loop's body");
            fills.Add(new ElementFill(array.Symbol, value));
            if (_context.Scope.IsActive(value)) _context.Scope.MarkActive(array.Symbol);
            array.Filling = null;
            array.FilledIn = pass.Parent;
        }
        return fills;
    }

    private (Expr Length, List<Expr> Elements) Shape(ExpressionSyntax initializer, ExpressionReader expressions)
    {
        switch (initializer)
        {
            case ArrayCreationExpressionSyntax { Initializer: null, Type.RankSpecifiers: [{ Sizes: [var size] }] }:
                return (expressions.Ints.Read(size), new List<Expr>());
            case StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax { RankSpecifiers: [{ Sizes: [var size] }] } }:
                return (expressions.Ints.Read(size), new List<Expr>());
            case ArrayCreationExpressionSyntax { Initializer: { } values }:
                return Elements(values.Expressions, expressions);
            case ImplicitArrayCreationExpressionSyntax { Initializer: var values }:
                return Elements(values.Expressions, expressions);
            case StackAllocArrayCreationExpressionSyntax { Initializer: { } values }:
                return Elements(values.Expressions, expressions);
            case ImplicitStackAllocArrayCreationExpressionSyntax { Initializer: var values }:
                return Elements(values.Expressions, expressions);
            case InitializerExpressionSyntax values:
                return Elements(values.Expressions, expressions);
            case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                return Elements(collection.Elements.Select(e => ((ExpressionElementSyntax)e).Expression), expressions);
            default:
                throw new NotDifferentiableException(initializer, "a local array is created with new double[n], stackalloc double[n] or an initialiser { a, b, … }");
        }
    }

    private static (Expr, List<Expr>) Elements(IEnumerable<ExpressionSyntax> values, ExpressionReader expressions)
    {
        var elements = values.Select(v => expressions.Read(v)).ToList();
        return (new IntLiteral(elements.Count), elements);
    }

    /// <summary>Reads only parameters and values of the top level: the array can be allocated once, at the start of the call.</summary>
    private bool FixedPerCall(Expr length)
    {
        var reads = new List<Symbol>();
        StatementReads.Collect(length, reads);
        return reads.All(s => s.Kind == SymbolRole.Parameter || _context.TopLevel.Contains(s));
    }

    private static ExpressionSyntax SingleIndex(ElementAccessExpressionSyntax element) =>
        element.ArgumentList.Arguments.Count == 1 && element.ArgumentList.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
            ? element.ArgumentList.Arguments[0].Expression
            : throw new NotDifferentiableException(element, "an array element is read with one int index");

    /// <summary>c for <c>i + c</c>, −c for <c>i - c</c> (c a positive int literal) where i is the pass's index; otherwise 0.</summary>
    private int OffsetFrom(ExpressionSyntax index, Pass pass)
    {
        if (index is not BinaryExpressionSyntax { Left: var left, Right: LiteralExpressionSyntax { Token.Value: int offset } } binary ||
            offset <= 0 || !IsIndexOf(left, pass)) return 0;
        return binary.Kind() switch
        {
            SyntaxKind.SubtractExpression => -offset,
            SyntaxKind.AddExpression => offset,
            _ => 0,
        };
    }

    private bool IsIndexOf(ExpressionSyntax index, Pass pass) =>
        pass.Index is not null && index is IdentifierNameSyntax identifier &&
        SymbolEqualityComparer.Default.Equals(_context.Model.GetSymbolInfo(identifier, _context.CancellationToken).Symbol, pass.Index);

    private sealed class LocalArray
    {
        public LocalArray(Symbol symbol, Expr length, Pass declaredIn)
        {
            Symbol = symbol;
            Length = length;
            DeclaredIn = declaredIn;
        }

        public Symbol Symbol { get; }

        public Expr Length { get; }

        public Pass DeclaredIn { get; }

        /// <summary>The parameter a working copy starts from, or null for an array the method creates.</summary>
        public Symbol? Source { get; init; }

        /// <summary>The scope whose reads see the filled values (the scope around the filling loop), or null before any fill.</summary>
        public Pass? FilledIn { get; set; }

        /// <summary>The pass of the loop filling the array right now.</summary>
        public Pass? Filling { get; set; }
    }
}
