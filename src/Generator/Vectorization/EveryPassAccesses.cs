using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Vectorization;

/// <summary>
/// The elements each pass of a scalar loop touches whatever its conditions: reads outside the branches of a
/// <c>?:</c> and the right side of <c>&amp;&amp;</c> / <c>||</c>, elements stored, and elements added to with a
/// value that cannot be a chosen 0 (which <see cref="Layout.GuardedWrites"/> would put under an <c>if</c>). A vector pass
/// touches every lane's element; where the scalar pass touches it anyway, that cannot throw where the method does not.
/// An element of a vector weight vouches for the same element of its gradient span and back: the gradient checks on
/// entry that the two have the same length.
/// </summary>
internal static class EveryPassAccesses
{
    /// <param name="sameLength">Arrays known to have the same length: each vector weight and its gradient span, both ways.</param>
    public static HashSet<(Symbol Array, Expr Index)> Of(For loop, IReadOnlyDictionary<Symbol, Symbol> sameLength)
    {
        var found = new HashSet<(Symbol, Expr)>();
        if (loop.Header.IndexedInRange is { } bound) found.Add((bound, loop.Header.Index));
        foreach (var instruction in loop.Body)
        {
            switch (instruction)
            {
                case Let l:
                    Collect(l.Value, found);
                    break;
                case AddTo a:
                    Collect(a.Value, found);
                    break;
                case AddToElement e:
                    Collect(e.Value, found);
                    if (!ZeroChoices.CanChooseZero(e.Value)) found.Add((e.Span, e.Index));
                    break;
                case StoreElement e:
                    Collect(e.Value, found);
                    found.Add((e.Array, e.Index));
                    break;
                case WriteTape t:
                    Collect(t.Value, found);
                    break;
            }
        }
        foreach (var (array, index) in found.ToList())
            if (sameLength.TryGetValue(array, out var twin)) found.Add((twin, index));
        return found;
    }

    private static void Collect(Expr e, HashSet<(Symbol, Expr)> found) =>
        UnconditionalParts.Visit(e, part =>
        {
            if (part is ElementRead r) found.Add((r.Array, r.Index));
        });
}
