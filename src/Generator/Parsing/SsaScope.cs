using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The current SSA version of each parameter and local while a body is read top to bottom. Each assignment gets
/// a fresh name (<c>a</c>, then <c>a_1</c>, …) so every earlier value stays readable in the reverse sweep.
/// </summary>
internal sealed class SsaScope
{
    private readonly Dictionary<ISymbol, Symbol> _current = new(SymbolEqualityComparer.Default);
    private readonly HashSet<Symbol> _active;
    private readonly NameAllocator _names;

    private readonly HashSet<string> _wrt;

    /// <param name="wrt">The parameters differentiated with respect to: they, and what is computed from them, are active.</param>
    public SsaScope(NameAllocator names, IEnumerable<string> wrt)
    {
        _names = names;
        _wrt = new HashSet<string>(wrt);
        _active = new HashSet<Symbol>(_wrt.Select(w => new Symbol(w, NameKind.Parameter)));
    }

    /// <summary>Whether the vector parameter is differentiated with respect to (its element reads are active).</summary>
    public bool IsWrtVector(string parameter) => _wrt.Contains(parameter);

    /// <summary>Whether the value depends on a wrt parameter.</summary>
    public bool IsActive(Expr value) => ExprWalker.Symbols(value).Any(_active.Contains);

    public void MarkActive(Symbol symbol) => _active.Add(symbol);

    /// <summary>Makes <paramref name="version"/> the variable's current value without a statement (a loop's value at the start of a pass).</summary>
    public void Set(ISymbol variable, Symbol version) => _current[variable] = version;

    /// <summary>A new local for a value the parser introduces itself (the result of a hoisted call, its partials).</summary>
    public Symbol Fresh(string preferred, Expr? value = null)
    {
        var symbol = new Symbol(_names.Allocate(preferred), NameKind.Local);
        if (value is not null && IsActive(value)) _active.Add(symbol);
        return symbol;
    }

    public void DefineParameter(IParameterSymbol parameter) =>
        _current[parameter] = new Symbol(parameter.Name, NameKind.Parameter);

    /// <summary>
    /// The int locals an index or bound may read: loop indices (null: read by name) and int locals that are
    /// never reassigned (their initializer's text, written in their place).
    /// </summary>
    public Dictionary<ISymbol, string?> IntLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>A name no user identifier or other generated name has.</summary>
    public string FreshName(string preferred) => _names.Allocate(preferred);

    /// <summary>The current version of every variable: taken before a branch, restored for the other one.</summary>
    public Dictionary<ISymbol, Symbol> Snapshot() => new(_current, SymbolEqualityComparer.Default);

    public void Restore(Dictionary<ISymbol, Symbol> snapshot)
    {
        _current.Clear();
        foreach (var pair in snapshot) _current[pair.Key] = pair.Value;
    }

    /// <summary>The value the variable holds now, or null if it has not been assigned.</summary>
    public Symbol? Read(ISymbol variable) => _current.TryGetValue(variable, out var s) ? s : null;

    /// <summary>A new version of the variable holding <paramref name="value"/>, which later reads see.</summary>
    public Symbol Write(ISymbol variable, Expr value)
    {
        var version = new Symbol(_names.Allocate(variable.Name), NameKind.Local);
        if (IsActive(value)) _active.Add(version);
        _current[variable] = version;
        return version;
    }
}
