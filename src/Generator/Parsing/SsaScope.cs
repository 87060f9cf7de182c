using System.Collections.Generic;
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
    private readonly NameAllocator _names;

    public SsaScope(NameAllocator names) => _names = names;

    public void DefineParameter(IParameterSymbol parameter) =>
        _current[parameter] = new Symbol(parameter.Name, NameKind.Parameter);

    /// <summary>The value the variable holds now, or null if it has not been assigned.</summary>
    public Symbol? Read(ISymbol variable) => _current.TryGetValue(variable, out var s) ? s : null;

    /// <summary>A new version of the variable, which later reads see.</summary>
    public Symbol Write(ISymbol variable)
    {
        var version = new Symbol(_names.Allocate(variable.Name), NameKind.Local);
        _current[variable] = version;
        return version;
    }
}
