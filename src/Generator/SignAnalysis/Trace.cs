using System.Collections.Generic;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// What straight-line execution up to an update established: each assigned local is a version symbol with its
/// defining expression; everything else is an atom (a value the analysis knows nothing about). Atoms are
/// <see cref="SymbolRole.Parameter"/> symbols for variables and <see cref="SymbolRole.Temporary"/> ones for
/// opaque results (calls, element reads).
/// </summary>
internal sealed class Trace
{
    private readonly Dictionary<ISymbol, Symbol> _current = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, Symbol> _atoms = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _names = new();
    private readonly Dictionary<Symbol, Expr> _definitions = new();
    private readonly Dictionary<Symbol, string> _display = new();
    private readonly HashSet<ISymbol> _assigned = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<Symbol, Expr> _expanded = new();
    private int _opaque;

    public List<CostEvaluation> Costs { get; } = new();

    public bool WasAssigned(ISymbol variable) => _assigned.Contains(variable);

    public Expr Read(ISymbol variable) =>
        _current.TryGetValue(variable, out var version) ? version : Atom(variable);

    public Symbol Atom(ISymbol variable)
    {
        if (_atoms.TryGetValue(variable, out var atom)) return atom;
        atom = new Symbol(Unique(variable.Name), SymbolRole.Parameter);
        _display[atom] = variable.Name;
        return _atoms[variable] = atom;
    }

    private readonly Dictionary<string, Symbol> _values = new();

    /// <summary>An atom for a read the analysis cannot see into but can recognise when it is repeated.</summary>
    public Symbol Value(string key, string display)
    {
        if (_values.TryGetValue(key, out var atom)) return atom;
        atom = new Symbol(Unique(display), SymbolRole.Parameter);
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
        var version = new Symbol(Unique(variable.Name), SymbolRole.Local);
        _display[version] = variable.Name;
        _definitions[version] = value;
        _current[variable] = version;
        _assigned.Add(variable);
    }

    /// <summary>Forgets what is known of a variable (assigned where the analysis does not follow).</summary>
    public void Invalidate(ISymbol variable)
    {
        _current[variable] = Opaque();
        _assigned.Add(variable);
    }

    /// <summary>
    /// At the top of a loop body a variable the loop writes holds an unknown value, the same throughout the pass until
    /// written: a fresh atom, and not "assigned in this pass".
    /// </summary>
    public void StartPass(ISymbol variable)
    {
        _current.Remove(variable);
        _atoms.Remove(variable);
        _assigned.Remove(variable);
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 2; !_names.Add(candidate); i++) candidate = name + "#" + i;
        return candidate;
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
