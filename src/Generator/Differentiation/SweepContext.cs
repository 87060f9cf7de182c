using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Differentiation;

/// <summary>What the sweeps of one method's blocks share: names, activity, the gradient spans, and the plans they make.</summary>
internal sealed class SweepContext
{
    public SweepContext(NameAllocator names, Activity activity, IReadOnlyDictionary<Symbol, Symbol> spans, CancellationToken cancellationToken)
    {
        Names = names;
        Activity = activity;
        Spans = spans;
        CancellationToken = cancellationToken;
    }

    public NameAllocator Names { get; }

    public Activity Activity { get; }

    /// <summary>For each vector parameter differentiated with respect to, its gradient span.</summary>
    public IReadOnlyDictionary<Symbol, Symbol> Spans { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Symbols defined outside every loop body (parameters are too): a loop bounded by them has a fixed trip count per call.</summary>
    public HashSet<Symbol> TopLevel { get; } = new();

    /// <summary>Tapes rented once per call, before the top-level statement that holds their loop, by loop.</summary>
    public Dictionary<Statement, RentTape> TapesPerCall { get; } = new(ReferenceComparer<Statement>.Instance);

    /// <summary>How each loop the sweeps met is written (by statement instance).</summary>
    public Dictionary<Statement, LoopPlan> Plans { get; } = new(ReferenceComparer<Statement>.Instance);

    /// <summary>Calls whose partial derivatives the backward pass reads.</summary>
    public HashSet<Invoke> NeedsPartials { get; } = new(ReferenceComparer<Invoke>.Instance);

    /// <summary>Locals added to after their declaration (accumulators): never expanded into a hoisted seed.</summary>
    public HashSet<Symbol> Mutable { get; } = new();

    /// <summary>Local arrays filled by one statement in the whole method: their adjoint buffer is read once and needs no clearing.</summary>
    public HashSet<Symbol> FilledOnce { get; } = new();

    /// <summary>The adjoint buffer of each local array some reader passed an adjoint to, by array, in the order met.</summary>
    public Dictionary<Symbol, Symbol> ArrayAdjoints { get; } = new();

    /// <summary>Where the adjoint of an element goes: the gradient span of a vector parameter, or the local array's adjoint buffer.</summary>
    public Symbol ElementAdjoint(Symbol array)
    {
        if (Spans.TryGetValue(array, out var span)) return span;
        if (!ArrayAdjoints.TryGetValue(array, out var adjoint))
        {
            ArrayAdjoints[array] = adjoint = new Symbol(Names.Allocate("d" + array.Name), SymbolRole.Array);
            Mutable.Add(adjoint);
        }
        return adjoint;
    }

    public Symbol Temporary(string preferred) => new(Names.Allocate(preferred), SymbolRole.Temporary);

    public Symbol Tape(string preferred) => new(Names.Allocate(preferred), SymbolRole.Tape);
}

/// <summary>Identity, for keying on statement instances whose records compare by value.</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T> where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
