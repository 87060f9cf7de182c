using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// Keeps the generated gradient as cheap as a hand-written one, in one pass per scope: a subexpression a read-only
/// local already holds is read from that local (the primal's e^(−z) in the derivative), and an expensive one the
/// derivatives repeat is computed once into a named local just before its first reader. A loop body is a scope of
/// its own that sees the locals of the scopes around it.
/// </summary>
internal sealed class Sharing
{
    private const int MinSizeWithoutCall = 7;

    private readonly NameAllocator _names;
    private readonly HashSet<Symbol> _mutable;

    private Sharing(NameAllocator names, HashSet<Symbol> mutable)
    {
        _names = names;
        _mutable = mutable;
    }

    public static List<Instruction> Apply(IReadOnlyList<Instruction> code, NameAllocator names, HashSet<Symbol> mutable) =>
        new Sharing(names, mutable).Scope(code, parent: null, ReachedElements.Root(mutable));

    private List<Instruction> Scope(IReadOnlyList<Instruction> code, Known? parent, ReachedElements reached)
    {
        var scope = new ScopeState(new Known(parent), Candidates(code), new Dictionary<Expr, Symbol>(), reached);
        var (known, candidates, named) = (scope.Known, scope.Candidates, scope.Named);
        var result = new List<Instruction>(code.Count);
        foreach (var instruction in code)
        {
            // What the instruction reads unconditionally it reads whatever is hoisted before it, and throws first if that throws.
            foreach (var e in Expressions(instruction)) reached.Add(e);
            if (instruction is If { Condition: var condition }) reached.Add(condition);
            if (instruction is For { Header: var header })
            {
                reached.Add(header.Start);
                reached.Add(header.End);
            }
            var before = new List<Instruction>();
            Expr Share(Expr e) => Rewrite(e, guarded: false, scope, before);
            var rewritten = instruction switch
            {
                // A local that holds a repeated expression is its shared name; nothing is hoisted before it.
                Let l when candidates.Contains(l.Value) && !_mutable.Contains(l.Target) && !named.ContainsKey(l.Value) =>
                    l with { Value = ExprWalker.Rewrite(l.Value, x => ReferenceEquals(x, l.Value) ? null : Rewrite(x, UnconditionalParts.IsGuarded(l.Value, x), scope, before)) },
                Let l => l with { Value = Share(l.Value) },
                Store s => s with { Value = Share(s.Value) },
                AddTo a => a with { Value = Share(a.Value) },
                AddToElement a => a with { Index = Share(a.Index), Value = Share(a.Value) },
                CallMethod c => c with { Arguments = c.Arguments.Select(Share).ToEquatableArray() },
                WriteTape w => w with { Slot = Share(w.Slot), Value = Share(w.Value) },
                StoreElement e => e with { Index = Share(e.Index), Value = Share(e.Value) },
                ThrowUnless t => t with { Condition = Share(t.Condition) },
                For f => f with { Body = Scope(f.Body, known, reached.Loop(f.Header)).ToEquatableArray() },
                If i => i with { Body = Scope(i.Body, known, reached.Branch()).ToEquatableArray() },
                _ => instruction,
            };
            if (instruction is Let original && rewritten is Let { Target: var target } && candidates.Contains(original.Value) && !named.ContainsKey(original.Value) &&
                !_mutable.Contains(target))
                named[original.Value] = target;
            result.AddRange(before);
            result.Add(rewritten);
            // An element of a local array changes when its loop fills it again: a local holding one is no name for it.
            if (rewritten is Let { Value.Size: >= 2 } let && !_mutable.Contains(let.Target) && let.Value is not ElementRead { Array.Kind: SymbolRole.Array })
                known.Add(let.Value, let.Target);
        }
        return result;
    }

    /// <summary>
    /// <paramref name="e"/> with its known values read from their locals and its candidates named before the
    /// statement; under a condition (<paramref name="guarded"/>) only candidates that cannot throw are hoisted.
    /// </summary>
    private Expr Rewrite(Expr e, bool guarded, ScopeState scope, List<Instruction> before)
    {
        if (e is Symbol or Constant) return e;
        if (scope.Known.Find(e) is { } holder) return holder;
        if (scope.Named.TryGetValue(e, out var shared)) return shared;
        var rebuilt = ExprWalker.Rewrite(e, x => ReferenceEquals(x, e) ? null : Rewrite(x, guarded || UnconditionalParts.IsGuarded(e, x), scope, before));
        if (!scope.Candidates.Contains(e) || guarded && scope.Reached.MayThrow(e)) return rebuilt;
        var symbol = new Symbol(_names.Allocate(NameFor(e)), SymbolRole.Temporary);
        before.Add(new Let(symbol, rebuilt));
        scope.Named[e] = symbol;
        return symbol;
    }

    /// <summary>
    /// Expensive subexpressions that occur twice or more in the scope, at least once in derivative code, so the
    /// primal is rewritten only where its work is shared with the derivatives.
    /// </summary>
    private static HashSet<Expr> Candidates(IReadOnlyList<Instruction> code)
    {
        var counts = new Dictionary<Expr, int>();
        var inDerivative = new HashSet<Expr>();
        foreach (var instruction in code)
        {
            var derivative = IsDerivativeCode(instruction);
            foreach (var e in Expressions(instruction)) Count(e, counts, derivative ? inDerivative : null);
        }
        return new HashSet<Expr>(counts.Where(c => c.Value >= 2 && inDerivative.Contains(c.Key) && IsWorthNaming(c.Key)).Select(c => c.Key));
    }

    private static void Count(Expr e, Dictionary<Expr, int> counts, HashSet<Expr>? inDerivative)
    {
        if (e is Symbol or Constant) return;
        if (counts.TryGetValue(e, out var n))
        {
            counts[e] = n + 1;
            // Its children were counted with its first occurrence (repeats of the parent imply repeats of them),
            // but derivative code may be the first to reach them through this parent.
            if (inDerivative is not null && inDerivative.Add(e)) MarkDerivative(e, inDerivative);
            return;
        }
        counts[e] = 1;
        inDerivative?.Add(e);
        foreach (var child in ExprChildren.Of(e)) Count(child, counts, inDerivative);
    }

    private static void MarkDerivative(Expr e, HashSet<Expr> inDerivative)
    {
        foreach (var child in ExprChildren.Of(e))
        {
            if (child is not (Symbol or Constant) && inDerivative.Add(child)) MarkDerivative(child, inDerivative);
        }
    }

    /// <summary>What the user wrote is primal; adjoints, accumulations and everything generated are derivative code.</summary>
    private static bool IsDerivativeCode(Instruction instruction) =>
        instruction is not (Let { Target.Kind: SymbolRole.Local } or CallMethod or WriteTape or StoreElement or ThrowUnless or BreakUnless);

    private static IEnumerable<Expr> Expressions(Instruction instruction) => instruction switch
    {
        Let l => new[] { l.Value },
        Store s => new[] { s.Value },
        AddTo a => new[] { a.Value },
        AddToElement a => new[] { a.Index, a.Value },
        StoreElement e => new[] { e.Index, e.Value },
        ThrowUnless t => new[] { t.Condition },
        CallMethod c => c.Arguments,
        _ => System.Array.Empty<Expr>(),
    };

    private static bool IsWorthNaming(Expr e)
    {
        if (e.Type != ScalarType.Double) return false; // conditions stay inside their conditional; ints are cheap
        if (e is ElementRead or TapeRead or FieldValue) return false;
        return e.Size >= MinSizeWithoutCall || ContainsCall(e);
    }

    private static bool ContainsCall(Expr e) => e is Call || ExprChildren.Of(e).Any(ContainsCall);

    private static string NameFor(Expr e) => e is Call c ? c.Function.ToString().ToLowerInvariant() : "common";

    private sealed record ScopeState(Known Known, HashSet<Expr> Candidates, Dictionary<Expr, Symbol> Named, ReachedElements Reached);

    /// <summary>Read-only locals by the expression they hold, scope by scope.</summary>
    private sealed class Known
    {
        private readonly Known? _parent;
        private readonly Dictionary<Expr, Symbol> _values = new();

        public Known(Known? parent) => _parent = parent;

        public void Add(Expr value, Symbol holder)
        {
            if (!_values.ContainsKey(value)) _values[value] = holder;
        }

        public Symbol? Find(Expr value)
        {
            for (var scope = this; scope is not null; scope = scope._parent)
            {
                if (scope._values.TryGetValue(value, out var holder)) return holder;
            }
            return null;
        }
    }
}
