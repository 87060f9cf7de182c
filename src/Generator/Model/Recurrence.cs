using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>
/// A loop whose passes each take the value one variable had after the previous pass and make a new one
/// (<c>p *= 1 + w * xs[i]</c>, <c>r = r * w</c>): the value is the variable after the last pass. The reverse sweep
/// needs each pass's starting value back, so the forward loop keeps them on a tape (a pooled buffer, one slot
/// per pass, no allocation per pass) and a backward loop replays the passes with the adjoint.
/// <see cref="Arguments"/>[0] is the variable's value before the loop.
/// </summary>
internal sealed class Recurrence : CountedLoop
{
    public Recurrence(string index, IntValue start, IntValue end, EquatableArray<Assignment> body, Symbol carriedIn, Expr carriedOut,
        Expr[] arguments, Symbol?[] partials, EquatableArray<Assignment> differentiatedBody = default,
        EquatableArray<Expr> derivatives = default, Expr? carriedDerivative = null, string seed = "")
        : base(index, start, end, body,
            arguments.Aggregate(11, (h, a) => Combine(h, a.GetHashCode())),
            arguments.Sum(a => a.Size) + 1,
            arguments.Length == 0 ? 1 : arguments.Max(a => a.Depth) + 1)
    {
        CarriedIn = carriedIn;
        CarriedOut = carriedOut;
        Arguments = arguments.ToEquatableArray();
        Partials = partials;
        DifferentiatedBody = differentiatedBody;
        Derivatives = derivatives;
        CarriedDerivative = carriedDerivative ?? Constant.Zero;
        Seed = seed;
    }

    /// <summary>The value the carried variable has at the start of a pass; <see cref="CountedLoop.Body"/> reads it.</summary>
    public Symbol CarriedIn { get; }

    public Expr CarriedOut { get; }

    public override EquatableArray<Expr> Arguments { get; }

    public override Symbol?[] Partials { get; }

    /// <summary>After differentiation: the pass recomputed with the statements its derivatives need.</summary>
    public EquatableArray<Assignment> DifferentiatedBody { get; }

    /// <summary>After differentiation: ∂(value after the pass)/∂argument, per argument (Zero for the first, which the seed carries).</summary>
    public EquatableArray<Expr> Derivatives { get; }

    /// <summary>After differentiation: ∂(value after the pass)/∂(value before it).</summary>
    public Expr CarriedDerivative { get; }

    /// <summary>The local carrying ∂(final value)/∂(value after the pass being replayed).</summary>
    public string Seed { get; }

    public Recurrence WithDerivatives(EquatableArray<Assignment> body, EquatableArray<Expr> derivatives, Expr carried, string seed) =>
        new(Index, Start, End, Body, CarriedIn, CarriedOut, Arguments.ToArray(), Partials, body, derivatives, carried, seed);

    protected override bool EqualsCore(Expr other) =>
        other is Recurrence r && SameShape(r) && r.CarriedIn.Equals(CarriedIn) && r.CarriedOut.Equals(CarriedOut) && r.Arguments.Equals(Arguments) &&
        r.Partials.SequenceEqual(Partials) && r.DifferentiatedBody.Equals(DifferentiatedBody) && r.Derivatives.Equals(Derivatives) &&
        r.CarriedDerivative.Equals(CarriedDerivative) && r.Seed == Seed;
}
