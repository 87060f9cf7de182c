using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Naming;

/// <summary>Every name a gradient's code already uses, so a later stage's new locals collide with none of them.</summary>
internal static class GradientNames
{
    /// <summary>An allocator that avoids the user's names, the locals the code declares, the outputs and the value.</summary>
    public static NameAllocator Allocator(MethodModel method, IEnumerable<Instruction> code, IEnumerable<Symbol> outputs, Symbol value) =>
        new(method.ReservedNames.Concat(Declared(code)).Concat(outputs.Select(o => o.Name)).Append(value.Name));

    /// <summary>The names the code declares: locals, call results and outs, tapes, arrays, loop indices.</summary>
    private static IEnumerable<string> Declared(IEnumerable<Instruction> code)
    {
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                case Let l: yield return l.Target.Name; break;
                case CallMethod c:
                    yield return c.Target.Name;
                    foreach (var o in c.Outs)
                    {
                        if (o is not null) yield return o.Name;
                    }
                    break;
                case RentTape r: yield return r.Tape.Name; break;
                case AllocateArray a: yield return a.Array.Name; break;
                case EnsureTape e: yield return e.Scratch.Name; break;
                case If i:
                    foreach (var inner in Declared(i.Body)) yield return inner;
                    break;
                case For f:
                    yield return f.Header.Index.Name;
                    foreach (var inner in Declared(f.Body)) yield return inner;
                    break;
                case VectorFor v:
                    foreach (var inner in Declared(v.Before.Concat(v.Body).Concat(v.After).Append(v.Scalar))) yield return inner;
                    break;
                case LoadLanes l: yield return l.Target.Name; break;
                case Broadcast b: yield return b.Target.Name; break;
                case ViewedFor v:
                    foreach (var view in v.Views) yield return view.View.Name;
                    foreach (var inner in Declared(new Instruction[] { v.Viewed })) yield return inner;
                    break;
            }
        }
    }
}
