namespace GradientDescent.Generator.Model;

/// <summary><c>Span[Index] += Value;</c></summary>
internal sealed record ElementGradient(string Span, string Index, Expr Value);

/// <summary>
/// <c>for (…) { body; span[index] += Seed · derivative; }</c>: the loop's per-pass derivatives with respect to
/// vector elements, which cannot be summed into one number, replayed once the total's adjoint (Seed) is known.
/// </summary>
internal sealed record VectorLoop(Loop Loop, Expr Seed)
{
    public EquatableArray<ElementGradient> PerPass => Loop.ElementGradients;
}
