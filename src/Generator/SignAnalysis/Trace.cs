using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using GradientDescent.Generator.Parsing;
using Microsoft.CodeAnalysis;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// What execution up to a point of a pass established: each assigned local is an SSA version (the parser's
/// <see cref="SsaScope"/>) with its defining expression; everything else is an atom (a value the analysis knows
/// nothing about). Atoms are <see cref="SymbolRole.Parameter"/> symbols for variables and
/// <see cref="SymbolRole.Temporary"/> ones for opaque results (calls, element reads). What a pass knows is persistent,
/// so a snapshot before a branch and its restore cost nothing; definitions, once made, stay.
/// </summary>
internal sealed class Trace
{
    private readonly NameAllocator _names = new(System.Array.Empty<string>());
    private readonly SsaScope _scope;
    private ImmutableDictionary<ISymbol, Symbol> _atoms = ImmutableDictionary.Create<ISymbol, Symbol>(SymbolEqualityComparer.Default);
    private readonly Dictionary<Symbol, Expr> _definitions = new();
    private readonly Dictionary<Symbol, string> _display = new();
    private readonly Dictionary<Symbol, Expr> _expanded = new();
    private readonly Dictionary<string, Symbol> _values = new();
    private int _opaque;

    public Trace() => _scope = new SsaScope(_names);

    /// <summary>The pass's SSA versions, which the parser's expression reader reads through.</summary>
    internal SsaScope Scope => _scope;

    public List<CostEvaluation> Costs { get; } = new();

    /// <summary>
    /// Variables only the steps of updates read, beside the gradient (learning rates): positive, as the judge takes
    /// them, also where a later cost sees them through the value an update left. Kept across snapshots.
    /// </summary>
    private readonly HashSet<ISymbol> _stepFactors = new(SymbolEqualityComparer.Default);

    private readonly Dictionary<Symbol, ISymbol> _variableOf = new();

    /// <summary>The variable an atom or a version stands for, or null for values (element reads) and opaque results.</summary>
    public ISymbol? VariableOf(Symbol atom) => _variableOf.TryGetValue(atom, out var variable) ? variable : null;

    /// <summary>A fresh atom for a loop's summed gradient, shown as <paramref name="display"/>.</summary>
    public Symbol Sum(string display)
    {
        var atom = new Symbol(_names.Allocate("sum"), SymbolRole.Parameter);
        _display[atom] = display;
        return atom;
    }

    public void MarkStepFactor(Symbol atom)
    {
        if (_variableOf.TryGetValue(atom, out var variable)) _stepFactors.Add(variable);
    }

    /// <summary>The atoms of <paramref name="e"/> that stand for step factors of earlier updates.</summary>
    public List<Symbol> StepFactorsIn(Expr e) =>
        ExprWalker.Symbols(e).Where(s => _variableOf.TryGetValue(s, out var v) && _stepFactors.Contains(v)).ToList();

    /// <summary>The state of the pass, to come back to after a branch or a look-ahead.</summary>
    public readonly struct State
    {
        internal State(ImmutableDictionary<ISymbol, Expr> versions, ImmutableDictionary<ISymbol, Symbol> atoms, int costs,
            ImmutableHashSet<ISymbol> elementsWritten, ImmutableDictionary<ISymbol, ImmutableList<(Expr Step, bool Adds)>> updates)
        {
            Updates = updates;
            Versions = versions;
            Atoms = atoms;
            CostCount = costs;
            ElementsWritten = elementsWritten;
        }

        internal ImmutableHashSet<ISymbol> ElementsWritten { get; }

        internal ImmutableDictionary<ISymbol, ImmutableList<(Expr Step, bool Adds)>> Updates { get; }

        internal ImmutableDictionary<ISymbol, Expr> Versions { get; }

        internal ImmutableDictionary<ISymbol, Symbol> Atoms { get; }

        internal int CostCount { get; }
    }

    public State Snapshot() => new(_scope.Snapshot(), _atoms, Costs.Count, _elementsWritten, _updates);

    /// <summary>
    /// Back to the state before a look-ahead (judging an update), keeping the atoms it made for variables it only
    /// read: they are those variables' values here too, so the next read of one is the same atom.
    /// </summary>
    public void RestoreKeepingReads(State state)
    {
        var made = _atoms.Where(a => !state.Atoms.ContainsKey(a.Key)).ToList();
        Restore(state);
        foreach (var pair in made)
        {
            if (_scope.Read(pair.Key) is null) _atoms = _atoms.SetItem(pair.Key, pair.Value);
        }
    }

    public void Restore(State state)
    {
        _scope.Restore(state.Versions);
        _atoms = state.Atoms;
        _elementsWritten = state.ElementsWritten;
        _updates = state.Updates;
        Costs.RemoveRange(state.CostCount, Costs.Count - state.CostCount);
    }

    private ImmutableHashSet<ISymbol> _elementsWritten = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether an element of the array may have been written since the variable took its value (in this pass, or in
    /// an earlier pass of a loop that writes it): its elements are then no longer the ones a cost saw.
    /// </summary>
    public bool HasWrittenElements(ISymbol array) => _elementsWritten.Contains(array);

    public void MarkElementsWritten(ISymbol array) => _elementsWritten = _elementsWritten.Add(array);

    private readonly HashSet<ISymbol> _refAliased = new(SymbolEqualityComparer.Default);

    /// <summary>A ref local names the variable: from here on its value is not known.</summary>
    public void MarkRefAliased(ISymbol variable) => _refAliased.Add(variable);

    public bool IsRefAliased(ISymbol variable) => _refAliased.Contains(variable);

    /// <summary>A method of the user's code ran: every field may hold something else, and field arrays other elements.</summary>
    public void InvalidateFields()
    {
        var fields = _atoms.Keys.Concat(_scope.Snapshot().Keys).OfType<IFieldSymbol>().Distinct<ISymbol>(SymbolEqualityComparer.Default).ToList();
        foreach (var field in fields)
        {
            Invalidate(field);
            MarkElementsWritten(field);
        }
    }

    /// <summary>
    /// The updates on the path to here, by variable: each step (expanded, index normalised) and whether it was
    /// added. Part of the state, so an update in one branch is not seen from the branch beside it.
    /// </summary>
    private ImmutableDictionary<ISymbol, ImmutableList<(Expr Step, bool Adds)>> _updates =
        ImmutableDictionary.Create<ISymbol, ImmutableList<(Expr Step, bool Adds)>>(SymbolEqualityComparer.Default);

    private (ISymbol Variable, Expr Step, bool Adds)? _pendingUpdate;

    /// <summary>
    /// Whether an earlier update of the variable on this path moved it by the same step the other way (this one
    /// undoes it). The update is remembered once the statement runs (<see cref="CommitUpdate"/>).
    /// </summary>
    public bool IsUndo(ISymbol variable, Expr step, bool adds)
    {
        _pendingUpdate = (variable, step, adds);
        return _updates.TryGetValue(variable, out var earlier) && earlier.Any(u => u.Adds != adds && u.Step.Equals(step));
    }

    /// <summary>The update judged last is part of the path from here on.</summary>
    public void CommitUpdate()
    {
        if (_pendingUpdate is not { } update) return;
        _pendingUpdate = null;
        var earlier = _updates.TryGetValue(update.Variable, out var list) ? list : ImmutableList<(Expr, bool)>.Empty;
        _updates = _updates.SetItem(update.Variable, earlier.Add((update.Step, update.Adds)));
    }

    /// <summary>
    /// A generated gradient has just filled the array: its elements are the partials again, unless the array has
    /// another name or went to a method the analysis does not follow (writes there are not seen).
    /// </summary>
    public void UnmarkElementsWritten(ISymbol array)
    {
        if (!_escaped.Contains(array)) _elementsWritten = _elementsWritten.Remove(array);
    }

    /// <summary>Arrays handed on whole (aliased, or passed to a method not followed), for the rest of the body.</summary>
    private readonly HashSet<ISymbol> _escaped = new(SymbolEqualityComparer.Default);

    public void MarkEscaped(ISymbol array)
    {
        _escaped.Add(array);
        MarkElementsWritten(array);
    }

    /// <summary>Whether the variable was written in this pass (so it no longer holds the value a cost saw before).</summary>
    public bool WasAssigned(ISymbol variable) => _scope.Read(variable) is not null;

    public Expr Read(ISymbol variable) => _scope.Read(variable) ?? Atom(variable);

    public Symbol Atom(ISymbol variable)
    {
        if (_atoms.TryGetValue(variable, out var atom)) return atom;
        // A count (a loop counter, an epoch) is drawn as a whole number, as it runs: Math.Log(t) of a counter from 2 is positive.
        var type = (variable switch { ILocalSymbol l => l.Type, IParameterSymbol p => p.Type, IFieldSymbol f => f.Type, _ => null })?.SpecialType == SpecialType.System_Int32
            ? ScalarType.Int
            : ScalarType.Double;
        atom = new Symbol(_names.Allocate(variable.Name), SymbolRole.Parameter, type);
        _display[atom] = variable.Name;
        _variableOf[atom] = variable;
        if (_beforeLoop.TryGetValue(variable, out var before)) _firstPass[atom] = before;
        _atoms = _atoms.SetItem(variable, atom);
        return atom;
    }

    /// <summary>An atom for a read the analysis cannot see into but can recognise when it is repeated.</summary>
    public Symbol Value(string key, string display)
    {
        if (_values.TryGetValue(key, out var atom)) return atom;
        atom = new Symbol(_names.Allocate("value"), SymbolRole.Parameter);
        _display[atom] = display;
        return _values[key] = atom;
    }

    public Symbol Opaque()
    {
        var atom = new Symbol("opaque#" + _opaque++, SymbolRole.Temporary);
        _display[atom] = "…";
        return atom;
    }

    public void Assign(ISymbol variable, Expr value)
    {
        var version = _scope.Write(variable, value);
        _display[version] = variable.Name;
        _variableOf[version] = variable;
        _definitions[version] = value;
    }

    /// <summary>Forgets what is known of a variable (assigned where the analysis does not follow).</summary>
    public void Invalidate(ISymbol variable) => _scope.Set(variable, Opaque());

    /// <summary>
    /// At the top of a loop body a variable the loop writes holds an unknown value, the same throughout the pass until
    /// written: a fresh atom, and not "assigned in this pass".
    /// </summary>
    public void StartPass(ISymbol variable)
    {
        // On the loop's first pass the atom is the value the variable held before the loop, when that is known.
        // Reading it may make the atom of the enclosing loop's pass, with that loop's first value: the chain ends at the outermost.
        var before = Expand(Read(variable));
        var known = before is Symbol s ? _firstPass.ContainsKey(s) : ExprWalker.Symbols(before).All(a => a.Kind != SymbolRole.Temporary);
        if (known) _beforeLoop[variable] = before;
        else _beforeLoop.Remove(variable);
        _scope.Forget(variable);
        _atoms = _atoms.Remove(variable);
    }

    /// <summary>After the loop, the variable's value is no longer its first pass's.</summary>
    public void EndLoop(ISymbol variable) => _beforeLoop.Remove(variable);

    private readonly Dictionary<ISymbol, Expr> _beforeLoop = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<Symbol, Expr> _firstPass = new();

    /// <summary>
    /// The step and derivative on the first pass of the loops around the update: each atom of the step that stands for
    /// a variable's value at the top of a pass (a momentum buffer, a moment estimate, a step count), except
    /// <paramref name="moved"/>'s, replaced by the value the variable held before its loop; null when there is none.
    /// Correct only of the first pass, and only consulted when the update cannot be judged in every pass.
    /// </summary>
    public (Expr Step, Expr Derivative)? OnFirstPass(Expr step, Expr derivative, ISymbol moved)
    {
        var buffers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var atom in ExprWalker.Symbols(step))
        {
            if (_firstPass.ContainsKey(atom) && VariableOf(atom) is { } variable && !SymbolEqualityComparer.Default.Equals(variable, moved))
                buffers.Add(variable);
        }
        if (buffers.Count == 0) return null;
        Expr Substitute(Expr e) => ExprWalker.Rewrite(e, x =>
            x is Symbol s && _firstPass.TryGetValue(s, out var first) && VariableOf(s) is { } v && buffers.Contains(v) ? Substitute(first) : null);
        return (Substitute(step), Substitute(derivative));
    }

    /// <summary>What a variable holds, through the versions that merely name it: a local version's definition.</summary>
    public Expr ValueOf(ISymbol variable)
    {
        var value = Read(variable);
        while (value is Symbol { Kind: SymbolRole.Local } version && _definitions.TryGetValue(version, out var definition)) value = definition;
        return value;
    }

    /// <summary>The expression with every local version replaced by its definition: atoms only.</summary>
    public Expr Expand(Expr e) => ExprWalker.Rewrite(e, x => x is Symbol { Kind: SymbolRole.Local } s ? ExpandVersion(s) : null);

    private Expr ExpandVersion(Symbol version)
    {
        if (_expanded.TryGetValue(version, out var done)) return done;
        var result = _definitions.TryGetValue(version, out var definition) ? Expand(definition) : version;
        return _expanded[version] = result;
    }

    /// <summary>d e / d atom, by the chain rule through the local versions e reads (forward mode).</summary>
    public Expr Tangent(Expr e, Symbol atom, Dictionary<Symbol, Expr>? memo = null)
    {
        memo ??= new Dictionary<Symbol, Expr>();
        Expr total = Constant.Zero;
        foreach (var s in ExprWalker.Symbols(e))
        {
            var inner = s.Equals(atom) ? Constant.One : s.Kind == SymbolRole.Local ? VersionTangent(s, atom, memo) : Constant.Zero;
            if (IsZero(inner)) continue;
            total = Add(total, Mul(SymbolicDerivative.Of(e, s), inner));
        }
        return Simplifier.Simplify(total);
    }

    private Expr VersionTangent(Symbol version, Symbol atom, Dictionary<Symbol, Expr> memo)
    {
        if (memo.TryGetValue(version, out var known)) return known;
        var tangent = _definitions.TryGetValue(version, out var definition) ? Tangent(definition, atom, memo) : Constant.Zero;
        return memo[version] = tangent;
    }

    /// <summary>The expression with the names the user wrote, for the message.</summary>
    public Expr ForDisplay(Expr e) =>
        ExprWalker.Rewrite(e, x => x is Symbol s && _display.TryGetValue(s, out var name) ? new Symbol(name, s.Kind) : null);
}
