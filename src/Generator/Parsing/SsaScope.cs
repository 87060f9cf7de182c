using System.Collections.Generic;
using System.Collections.Immutable;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The current SSA version of each parameter and local while a body is read top to bottom. Each assignment gets
/// a fresh name (<c>a</c>, then <c>a_1</c>, …) so every earlier value stays readable in the backward pass. The
/// versions live in a persistent map, so taking and restoring a snapshot around a branch costs nothing, and a
/// log of writes says which variables a branch changed without comparing whole maps.
/// </summary>
internal sealed class SsaScope
{
    private readonly NameAllocator _names;
    private readonly HashSet<Symbol> _active = new();
    private readonly List<ISymbol> _writes = new();
    private ImmutableDictionary<ISymbol, Expr> _current = ImmutableDictionary.Create<ISymbol, Expr>(SymbolEqualityComparer.Default);

    public SsaScope(NameAllocator names) => _names = names;

    /// <summary>The current version of every variable, taken before a branch and restored for the other one.</summary>
    public ImmutableDictionary<ISymbol, Expr> Snapshot() => _current;

    public void Restore(ImmutableDictionary<ISymbol, Expr> snapshot) => _current = snapshot;

    /// <summary>A position in the write log; <see cref="WrittenSince"/> lists the variables written after it.</summary>
    public int WriteMark => _writes.Count;

    public IEnumerable<ISymbol> WrittenSince(int mark)
    {
        for (var i = mark; i < _writes.Count; i++) yield return _writes[i];
    }

    /// <summary>The value the variable holds now (a symbol, or for an int local never reassigned its definition), or null.</summary>
    public Expr? Read(ISymbol variable) => _current.TryGetValue(variable, out var s) ? s : null;

    /// <summary>Makes <paramref name="value"/> the variable's current value without a statement (a parameter, a loop index, a pass's carried value).</summary>
    public void Set(ISymbol variable, Expr value)
    {
        _current = _current.SetItem(variable, value);
        _writes.Add(variable);
    }

    /// <summary>Forgets the variable's version, as if it had never been written (a loop pass that starts from an unknown value).</summary>
    public void Forget(ISymbol variable) => _current = _current.Remove(variable);

    /// <summary>A new version of the variable holding <paramref name="value"/>, which later reads see.</summary>
    public Symbol Write(ISymbol variable, Expr value, ScalarType type = ScalarType.Double)
    {
        var version = new Symbol(_names.Allocate(variable.Name), SymbolRole.Local, type);
        if (IsActive(value)) _active.Add(version);
        Set(variable, version);
        return version;
    }

    /// <summary>A new local for a value the parser introduces itself (the result of a hoisted call, a partial, a loop's carried value).</summary>
    public Symbol Fresh(string preferred, ScalarType type = ScalarType.Double) => new(_names.Allocate(preferred), SymbolRole.Local, type);

    /// <summary>The IR type of a variable's values: int locals count and index, bool ones hold conditions, the rest are doubles.</summary>
    public static ScalarType TypeOf(ISymbol variable) => (variable as ILocalSymbol)?.Type.SpecialType switch
    {
        SpecialType.System_Int32 => ScalarType.Int,
        SpecialType.System_Boolean => ScalarType.Bool,
        _ => ScalarType.Double,
    };

    /// <summary>Keeps a name the user chose (a loop index) from being handed out.</summary>
    public void Reserve(string name) => _names.Reserve(name);

    /// <summary>Whether the value depends on a parameter differentiated with respect to.</summary>
    public bool IsActive(Expr value) => ActiveReads.Any(value, _active);

    public void MarkActive(Symbol symbol) => _active.Add(symbol);
}
