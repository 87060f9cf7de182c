using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// The reverse sweep over one block (the method body, or one pass of a loop). Walking the statements backwards,
/// each value's adjoint (∂result/∂value) is the sum of what its readers passed back; each statement passes its
/// adjoint times the symbolic partial of its right-hand side to the leaves that side reads. Adjoints are named
/// where they are read more than once and written inline where read once, decided on the spot, so nothing is ever
/// substituted into a whole method. Long sums of contributions go into an accumulator sixteen terms at a time.
/// The backward instructions come out in execution order.
/// </summary>
internal sealed class BlockSweep
{
    /// <summary>Adjoints up to this size are written into their single reader; larger ones are named.</summary>
    private const int MaxInlined = 40;

    /// <summary>Contributions summed in one expression before they go into an accumulator.</summary>
    private const int MaxTermsPerSum = 16;

    private readonly SweepContext _method;
    private readonly IReadOnlyList<Statement> _statements;
    private readonly Outgoing _outgoing;
    private readonly Dictionary<Expr, Contributions> _adjoints = new();
    private readonly List<Expr> _order = new();
    private readonly HashSet<Symbol> _written = new();
    private readonly LoopSweep _loops;
    private readonly IReadOnlyList<Expr> _outgoingOrder;
    private readonly Dictionary<Symbol, List<Expr>> _pendingElements = new();
    private readonly HashSet<Symbol> _excluded = new();

    /// <param name="outgoingOrder">Leaves from outside whose final sums are written first, in this order (the outputs, in wrt order).</param>
    public BlockSweep(SweepContext method, IReadOnlyList<Statement> statements, Outgoing outgoing, IReadOnlyList<Expr>? outgoingOrder = null)
    {
        _outgoingOrder = outgoingOrder ?? System.Array.Empty<Expr>();
        _method = method;
        _statements = statements;
        _outgoing = outgoing;
        _loops = new LoopSweep(method, this);
        for (var i = 0; i < statements.Count; i++)
        {
            foreach (var symbol in Defines(statements[i])) Positions[symbol] = i;
        }
    }

    public SweepContext Method => _method;

    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>The backward pass of the block, in execution order.</summary>
    public List<Instruction> Backward { get; } = new();

    /// <summary>The statement index defining each symbol of the block.</summary>
    public Dictionary<Symbol, int> Positions { get; } = new();

    /// <summary>Adjoints named during the sweep, by name: a seed built from them can be expanded back to primal values.</summary>
    public Dictionary<Symbol, Expr> NamedAdjoints { get; } = new();

    /// <summary>Starts the sweep with the adjoint of a value the block defines (its result, or a loop pass's term).</summary>
    public void Seed(Symbol symbol, Expr adjoint) => Contribute(symbol, adjoint);

    public void Run()
    {
        for (var i = _statements.Count - 1; i >= 0; i--)
        {
            _method.CancellationToken.ThrowIfCancellationRequested();
            switch (_statements[i])
            {
                case Assign { Target.ValueType: ScalarType.Double } a:
                    if (TakeAdjoint(a.Target) is { } adjoint) PassBack(a.Value, adjoint, a.Guard, a.Target);
                    break;
                case Invoke call:
                    if (TakeAdjoint(call.Target) is { } callAdjoint) PassBackThroughCall(call, callAdjoint);
                    break;
                case SumLoop loop:
                    _loops.Sweep(loop, i);
                    break;
                case RecurrenceLoop loop:
                    _loops.Sweep(loop);
                    break;
                case NewArray array:
                    SweepInitialiser(array);
                    break;
            }
        }
        foreach (var leaf in _outgoingOrder.Where(_adjoints.ContainsKey).Concat(_order.Where(l => !_outgoingOrder.Contains(l))))
        {
            if (_adjoints[leaf].Terms.Count > 0) Flush(leaf, _adjoints[leaf]);
        }
    }

    /// <summary>The symbols a statement defines.</summary>
    public static IEnumerable<Symbol> Defines(Statement statement)
    {
        switch (statement)
        {
            case Assign a:
                yield return a.Target;
                break;
            case Invoke i:
                yield return i.Target;
                foreach (var p in i.Partials)
                {
                    if (p is not null) yield return p;
                }
                break;
            case SumLoop l:
                foreach (var sum in l.Sums) yield return sum.Result;
                break;
            case RecurrenceLoop r:
                foreach (var carried in r.Carried) yield return carried.Result;
                break;
            case NewArray n:
                yield return n.Array;
                break;
        }
    }

    /// <summary>Whether this block is the method's top level (whose arrays and adjoint buffers are used once per call).</summary>
    public bool IsTopLevel { get; init; }

    /// <summary>
    /// Writes out what this block's readers passed to elements of <paramref name="array"/>, so the statement that
    /// defines the array reads complete adjoints from its buffer.
    /// </summary>
    public void FlushElements(Symbol array)
    {
        if (!_pendingElements.TryGetValue(array, out var leaves)) return;
        foreach (var leaf in leaves)
        {
            if (_adjoints.TryGetValue(leaf, out var entry) && entry.Terms.Count > 0) Flush(leaf, entry);
        }
    }

    /// <summary>
    /// <c>double[] c = { a, b }</c>: each element passes what readers left in <c>dc[k]</c> to what it was computed from.
    /// Inside a loop the buffer is read into locals and cleared, so the next pass starts from zero.
    /// </summary>
    private void SweepInitialiser(NewArray array)
    {
        if (!_method.ArrayAdjoints.TryGetValue(array.Array, out var adjoint)) return;
        if (array.CopyOf is { } source)
        {
            if (!_method.Activity.IsActiveArray(source)) return;
            SweepCopy(array, source, adjoint);
            if (!IsTopLevel) Emit(new ClearArray(adjoint, array.Length, ArrayStorage.OnStack(array.Length)));
            return;
        }
        if (array.Elements.Count == 0) return;
        FlushElements(array.Array);
        var seeds = new List<(Expr Element, Expr Seed)>();
        for (var k = 0; k < array.Elements.Count; k++)
        {
            if (!_method.Activity.IsActive(array.Elements[k])) continue;
            Expr seed = new ElementRead(adjoint, new IntLiteral(k));
            if (!IsTopLevel)
            {
                var local = _method.Temporary(adjoint.Name + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Emit(new Let(local, seed));
                seed = local;
            }
            seeds.Add((array.Elements[k], seed));
        }
        if (!IsTopLevel) Emit(new ClearArray(adjoint, array.Length, ArrayStorage.OnStack(array.Length)));
        foreach (var (element, seed) in seeds) PassBack(element, seed, guard: null, target: null);
    }

    /// <summary>
    /// <c>for (k …) dp[k] += dcopy[k];</c>: what the copy's readers left in its buffer (elements no fill took out,
    /// and what the fills' own reads of the parameter passed on) goes to the parameter it was copied from.
    /// </summary>
    private void SweepCopy(NewArray copy, Symbol source, Symbol adjoint)
    {
        FlushElements(copy.Array);
        var k = new Symbol(_method.Names.Allocate("k"), SymbolRole.Temporary, ScalarType.Int);
        var body = new EquatableArray<Instruction>(new Instruction[] { new AddToElement(_method.ElementAdjoint(source), k, new ElementRead(adjoint, k)) });
        Emit(new For(new LoopHeader(k, IntLiteral.Zero, copy.Length), false, body));
    }

    public bool Defines(Symbol symbol) => Positions.ContainsKey(symbol);

    /// <summary>The complete adjoint of a value the block defines, once every reader has passed its part; null when zero.</summary>
    public Expr? TakeAdjoint(Symbol symbol)
    {
        if (!_adjoints.TryGetValue(symbol, out var entry)) return null;
        _adjoints.Remove(symbol);
        if (entry.Accumulator is { } accumulator)
        {
            if (entry.Terms.Count > 0) Emit(new AddTo(accumulator, SumOf(entry.Terms)));
            return accumulator;
        }
        var sum = SumOf(entry.Terms);
        return IsZero(sum) ? null : sum;
    }

    /// <summary>Passes <paramref name="adjoint"/> · ∂value/∂leaf to each leaf <paramref name="value"/> reads.</summary>
    /// <param name="guard">The statement's path condition: what it passes back counts only where that holds (a conditional
    /// evaluates one branch, so a NaN or infinite partial on the path not taken never meets a zero).</param>
    /// <param name="target">The symbol holding <paramref name="value"/>: a derivative rule that reuses the function's
    /// value (eᵘ, tanh u, √u) reads it instead of computing it again.</param>
    /// <param name="name">What to call the adjoint if it is named, when there is no target to name it after.</param>
    public void PassBack(Expr value, Expr adjoint, Expr? guard, Symbol? target, string name = "adjoint")
    {
        if (target is not null && Logistic(value, guard) is { } exponent)
        {
            // p = 1/(1 + eᵛ): ∂p/∂v = −p·(1 − p), from the primal's p, where the chain through eᵛ would give
            // −eᵛ/(1 + eᵛ)², a division, and NaN once eᵛ overflows.
            PassBack(exponent, Simplifier.Simplify(Neg(Mul(adjoint, Mul(target, Sub(Constant.One, target))))), guard, target: null, name: "logit");
            return;
        }
        var partials = new List<(Expr Leaf, Expr Partial)>();
        foreach (var leaf in _method.Activity.Leaves(value))
        {
            var partial = SymbolicDerivative.Of(value, leaf);
            if (target is not null && value is Call) partial = ExprWalker.Rewrite(partial, x => x.Equals(value) ? target : null);
            partial = Simplifier.Simplify(partial);
            if (!IsZero(partial)) partials.Add((leaf, partial));
        }
        if (partials.Count == 0) return;
        // e = Math.Exp(u) read as a/(c + e): e's adjoint, −a/(c + e)², underflows to 0 where e overflows to ∞, and
        // 0·∞ is NaN where the limit is 0 (a dose–response curve at a steep slope, a Bose factor); so does e^(−e), whose
        // value is e's adjoint (a Gompertz curve).
        var underflows = value is Call { Function: MathFunction.Exp } && target is not null && ShrinksAsItGrows(adjoint, target);
        adjoint = NameIfShared(adjoint, partials.Count, target?.Name ?? name);
        foreach (var (leaf, partial) in partials)
        {
            var contribution = Mul(adjoint, partial);
            if (underflows) contribution = Conditional(Compare(BinaryOperator.Equal, adjoint, Constant.Zero), Constant.Zero, contribution);
            Contribute(leaf, Guarded(guard, contribution));
        }
    }

    /// <summary>
    /// Whether the adjoint may underflow as <paramref name="exp"/> overflows: it divides by something that reads it,
    /// or reads a local of this block computed from it (the value of e^(−e)).
    /// </summary>
    private bool ShrinksAsItGrows(Expr adjoint, Symbol exp) =>
        DividesBy(adjoint, exp) || ExprWalker.Symbols(adjoint).Any(s => !s.Equals(exp) && Positions.TryGetValue(s, out var at) &&
                                                                         _statements[at] is Assign { Value: var definition } && ExprWalker.Reads(definition, exp));

    private static bool DividesBy(Expr e, Symbol symbol) =>
        (e is Binary { Operator: BinaryOperator.Divide } d && ExprWalker.Reads(d.Right, symbol)) || ExprWalker.Children(e).Any(c => DividesBy(c, symbol));

    /// <summary>
    /// v when <paramref name="value"/> is 1/(1 + e) (or 1/(e + 1)) and e a local of this block holding Math.Exp(v),
    /// computed on the same path: the logistic function, whatever the user called it.
    /// </summary>
    private Expr? Logistic(Expr value, Expr? guard)
    {
        if (value is not Binary { Operator: BinaryOperator.Divide, Left: Constant { Value: 1 }, Right: Binary { Operator: BinaryOperator.Add } sum }) return null;
        var e = sum.Left is Constant { Value: 1 } ? sum.Right : sum.Right is Constant { Value: 1 } ? sum.Left : null;
        if (e is not Symbol exp || !Positions.TryGetValue(exp, out var position)) return null;
        return _statements[position] is Assign { Value: Call { Function: MathFunction.Exp } call } definition && Equals(definition.Guard, guard)
            ? call.Arguments[0]
            : null;
    }

    /// <summary>A call passes adjoint · ∂F/∂argument, read from the callee's gradient, back through each argument.</summary>
    private void PassBackThroughCall(Invoke call, Expr adjoint)
    {
        var active = Enumerable.Range(0, call.Arguments.Count)
            .Where(k => call.Partials[k] is not null && _method.Activity.IsActive(call.Arguments[k])).ToList();
        if (active.Count == 0) return;
        _method.NeedsPartials.Add(call);
        adjoint = NameIfShared(adjoint, active.Count, call.Target.Name);
        foreach (var k in active)
        {
            if (call.Partials[k] is { Kind: SymbolRole.Array } span)
            {
                AddSpan(call, ArraySlice.Of(call.Arguments[k]), span, adjoint);
                continue;
            }
            PassBack(call.Arguments[k], Simplifier.Simplify(Mul(adjoint, call.Partials[k]!)), call.Guard, target: null);
        }
    }

    /// <summary><c>for (i …) dW[start + i] += adjoint · dF_dW[i];</c>: the helper's gradient span, scaled, into the caller's.</summary>
    private void AddSpan(Invoke call, ArraySlice slice, Symbol span, Expr adjoint)
    {
        if (adjoint is not (Symbol or Constant))
        {
            var named = _method.Temporary("d" + call.Target.Name);
            Emit(new Let(named, adjoint));
            adjoint = named;
        }
        var index = new Symbol(_method.Names.Allocate("i"), SymbolRole.Temporary, ScalarType.Int);
        var contribution = Guarded(call.Guard, Mul(adjoint, new ElementRead(span, index)));
        Expr element = slice.Start is IntLiteral { Value: 0 } ? index : new IntOperation(IntOperator.Add, slice.Start, index);
        var body = new EquatableArray<Instruction>(new Instruction[] { new AddToElement(_method.ElementAdjoint(slice.Array), element, contribution) });
        Emit(new For(new LoopHeader(index, IntLiteral.Zero, slice.Count), false, body));
    }

    private Expr NameIfShared(Expr adjoint, int readers, string of)
    {
        // A product of two values costs one multiplication per reader: cheaper to repeat than to name.
        if (adjoint.Size <= 3 || (readers == 1 && adjoint.Size <= MaxInlined)) return adjoint;
        var name = _method.Temporary("d" + of);
        Emit(new Let(name, adjoint));
        NamedAdjoints[name] = adjoint;
        return name;
    }

    private static Expr Guarded(Expr? guard, Expr contribution)
    {
        var simplified = Simplifier.Simplify(contribution);
        return guard is null || IsZero(simplified) ? simplified : Simplifier.Simplify(Ex.Conditional(guard, simplified, Constant.Zero));
    }

    /// <summary>
    /// Drops what this block passes to <paramref name="leaf"/>, a value from outside that the caller passes back
    /// in closed form (<see cref="ShiftedExponentials"/>).
    /// </summary>
    public void Exclude(Symbol leaf) => _excluded.Add(leaf);

    public void Contribute(Expr leaf, Expr contribution)
    {
        if (IsZero(contribution) || (leaf is Symbol shifted && _excluded.Contains(shifted))) return;
        if (!_adjoints.TryGetValue(leaf, out var entry))
        {
            _adjoints[leaf] = entry = new Contributions();
            if (!(leaf is Symbol s && Defines(s))) _order.Add(leaf);
            if (leaf is ElementRead { Array.Kind: SymbolRole.Array } read)
            {
                _method.ElementAdjoint(read.Array);
                if (!_pendingElements.TryGetValue(read.Array, out var leaves)) _pendingElements[read.Array] = leaves = new List<Expr>();
                leaves.Add(leaf);
            }
        }
        entry.Terms.Add(contribution);
        if (entry.Terms.Count >= MaxTermsPerSum) Flush(leaf, entry);
    }

    public void Emit(Instruction instruction) => Backward.Add(instruction);

    private void Flush(Expr leaf, Contributions entry)
    {
        var sum = SumOf(entry.Terms);
        entry.Terms.Clear();
        if (IsZero(sum)) return;
        switch (leaf)
        {
            case ElementRead read:
                Emit(new AddToElement(_method.ElementAdjoint(read.Array), read.Index, sum));
                return;
            case Symbol symbol when Defines(symbol):
                if (entry.Accumulator is { } existing)
                {
                    Emit(new AddTo(existing, sum));
                    return;
                }
                entry.Accumulator = _method.Temporary("d" + symbol.Name);
                _method.Mutable.Add(entry.Accumulator);
                Emit(new Let(entry.Accumulator, sum));
                return;
            case Symbol symbol:
                var (accumulator, first) = _outgoing(symbol);
                if (_written.Add(accumulator) && first != FirstWrite.Add)
                    Emit(first == FirstWrite.Declare ? new Let(accumulator, sum) : new Store(accumulator, sum));
                else
                    Emit(new AddTo(accumulator, sum));
                return;
        }
    }

    /// <summary>Whether anything was written to the accumulator of an outgoing leaf.</summary>
    public bool Wrote(Symbol accumulator) => _written.Contains(accumulator);

    private static Expr SumOf(List<Expr> terms) =>
        terms.Count == 1 ? terms[0] : Simplifier.Simplify(terms.Aggregate(Constant.Zero as Expr, Add));

    private sealed class Contributions
    {
        public List<Expr> Terms { get; } = new();

        public Symbol? Accumulator { get; set; }
    }
}
