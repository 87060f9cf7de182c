using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// A gradient span is cleared on entry and then added to. Where the first thing that writes it is a loop over
/// every element of its weights adding once at the loop index (<c>for (k = 0; k &lt; w.Length; k++) dw[k] += e * x[k]</c>),
/// that loop may assign instead, and the span needs no clearing: what a hand-written gradient does.
/// </summary>
internal static class FirstWrites
{
    /// <summary>The body with such loops assigning, and for each output whether its span is then overwritten whole.</summary>
    public static (List<Instruction> Body, EquatableArray<bool> Overwritten) Apply(List<Instruction> body, MethodModel method, EquatableArray<Symbol> outputs)
    {
        var overwritten = new bool[outputs.Count];
        for (var k = 0; k < outputs.Count; k++)
        {
            var parameter = method.WrtParameter(k);
            if (!parameter.IsVector) continue;
            var span = outputs[k];
            var first = body.FindIndex(i => Touches(i, span));
            if (first < 0 || body[first] is not For loop || !AssignsEveryElement(loop, span, parameter.Symbol)) continue;
            body[first] = loop with { Body = loop.Body.Select(i => i is AddToElement a && a.Span.Equals(span) ? new StoreElement(span, a.Index, a.Value) : i).ToEquatableArray() };
            overwritten[k] = true;
        }
        return (body, overwritten.ToEquatableArray());
    }

    /// <summary>A loop from 0 to the weights' length, with no inner control flow, adding to the span exactly once, at its index.</summary>
    private static bool AssignsEveryElement(For loop, Symbol span, Symbol weights) =>
        loop.Header.Start is IntLiteral { Value: 0 } &&
        loop.Header.End is Length length && length.Array.Equals(weights) &&
        loop.Body.All(i => i is not (For or If or BreakUnless or CallMethod)) &&
        loop.Body.Count(i => Touches(i, span)) == 1 &&
        loop.Body.Any(i => i is AddToElement a && a.Span.Equals(span) && a.Index.Equals(loop.Header.Index));

    /// <summary>Whether the instruction writes the span. Helper gradients write pooled buffers of their own, added in by loops, so a call never does.</summary>
    private static bool Touches(Instruction instruction, Symbol span) => instruction switch
    {
        AddToElement a => a.Span.Equals(span),
        StoreElement s => s.Array.Equals(span),
        ClearArray c => c.Array.Equals(span),
        For f => f.Body.Any(i => Touches(i, span)),
        If i => i.Body.Any(inner => Touches(inner, span)),
        _ => false,
    };
}
