using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// Drops what nothing reads, in one backward pass per scope: locals and calls whose results are unread (a
/// reassigned local's first value, a replayed pass's values its backward pass does not need, a loop that only
/// computes them). Writes to the outputs, gradient spans and tapes always stay.
/// </summary>
internal static class DeadCode
{
    public static List<Instruction> Remove(IReadOnlyList<Instruction> code, HashSet<Symbol> liveAtEnd)
    {
        var live = new HashSet<Symbol>(liveAtEnd);
        return Scope(code, live);
    }

    /// <param name="live">Live after the code; on return, live before it.</param>
    private static List<Instruction> Scope(IReadOnlyList<Instruction> code, HashSet<Symbol> live)
    {
        var kept = new List<Instruction>();
        for (var i = code.Count - 1; i >= 0; i--)
        {
            var instruction = code[i];
            switch (instruction)
            {
                case Let l:
                    if (!live.Remove(l.Target)) continue;
                    Read(l.Value, live);
                    break;
                case Store s:
                    if (s.Target.Kind != SymbolRole.Output && !live.Contains(s.Target)) continue;
                    live.Remove(s.Target);
                    Read(s.Value, live);
                    break;
                case AddTo a:
                    if (a.Target.Kind != SymbolRole.Output && !live.Contains(a.Target)) continue;
                    live.Add(a.Target); // += reads what was there
                    Read(a.Value, live);
                    break;
                case AddToElement a:
                    Read(a.Index, live);
                    Read(a.Value, live);
                    break;
                case StoreElement e:
                    Read(e.Index, live);
                    Read(e.Value, live);
                    break;
                case ClearArray c:
                    Read(c.Length, live);
                    break;
                case ThrowUnless t:
                    Read(t.Condition, live);
                    break;
                case BreakUnless b:
                    Read(b.Condition, live);
                    break;
                case EnsureTape e:
                    live.Add(e.Tape);
                    Read(e.Length, live);
                    break;
                case AllocateArray a:
                    live.Remove(a.Array);
                    Read(a.Length, live);
                    break;
                case CallMethod c:
                    var used = live.Remove(c.Target) | c.Outs.Count(o => o is not null && live.Remove(o)) > 0;
                    if (!used) continue;
                    foreach (var argument in c.Arguments) Read(argument, live);
                    break;
                case If branch:
                    // The body may not run: what it reads is live before, what it writes kills nothing.
                    var inner = new HashSet<Symbol>(live);
                    var guarded = Scope(branch.Body, inner);
                    if (guarded.Count == 0) continue; // what it assigns is read nowhere
                    live.UnionWith(inner);
                    Read(branch.Condition, live);
                    instruction = branch with { Body = guarded.ToEquatableArray() };
                    break;
                case For f:
                    var body = Loop(f, live);
                    if (body is null) continue;
                    instruction = f with { Body = body.ToEquatableArray() };
                    break;
                case WriteTape w:
                    Read(w.Slot, live);
                    Read(w.Value, live);
                    break;
                case RentTape r:
                    live.Remove(r.Tape);
                    Read(r.Length, live);
                    break;
                case ReleaseTape r:
                    live.Add(r.Tape);
                    break;
            }
            kept.Add(instruction);
        }
        kept.Reverse();
        return kept;
    }

    /// <summary>
    /// The body with what is live after the loop, plus what one pass carries to the next: a local written in the body
    /// that is live at the body's start. Found by iterating to a fixed point (usually two rounds), so an accumulator
    /// whose total nothing reads is dead even though its own <c>+=</c> reads it. Null when nothing in the body lasts.
    /// </summary>
    private static List<Instruction>? Loop(For loop, HashSet<Symbol> live)
    {
        var written = new HashSet<Symbol>();
        foreach (var instruction in loop.Body) CollectWrites(instruction, written);
        var liveOut = new HashSet<Symbol>(live);
        while (true)
        {
            var liveIn = new HashSet<Symbol>(liveOut);
            var body = Scope(loop.Body, liveIn);
            var carried = liveIn.Where(written.Contains).Where(s => !liveOut.Contains(s)).ToList();
            if (carried.Count > 0)
            {
                liveOut.UnionWith(carried);
                continue;
            }
            if (!body.Any(HasLastingEffect)) return null;
            liveIn.Remove(loop.Header.Index);
            live.UnionWith(liveIn);
            Read(loop.Header.Start, live);
            Read(loop.Header.End, live);
            return body;
        }
    }

    private static void CollectWrites(Instruction instruction, HashSet<Symbol> written)
    {
        switch (instruction)
        {
            case Store s: written.Add(s.Target); break;
            case AddTo a: written.Add(a.Target); break;
            case For f: foreach (var inner in f.Body) CollectWrites(inner, written); break;
            case If i: foreach (var inner in i.Body) CollectWrites(inner, written); break;
        }
    }

    private static bool HasLastingEffect(Instruction instruction) =>
        instruction is Store or AddTo or AddToElement or StoreElement or ClearArray or ThrowUnless or BreakUnless or EnsureTape or AllocateArray or WriteTape or RentTape or ReleaseTape || (instruction is For f && f.Body.Any(HasLastingEffect)) || (instruction is If i && i.Body.Any(HasLastingEffect));

    private static void Read(Expr e, HashSet<Symbol> live)
    {
        var found = new List<Symbol>();
        StatementReads.Collect(e, found);
        foreach (var s in found) live.Add(s);
        CollectTapes(e, live);
    }

    private static void CollectTapes(Expr e, HashSet<Symbol> live)
    {
        if (e is TapeRead t) live.Add(t.Tape);
        foreach (var child in ExprChildren.Of(e)) CollectTapes(child, live);
    }
}
