using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>
/// <c>for (int index = start; index &lt; end; index++)</c> summing a term: the value is Σ term over the passes.
/// Passes are independent (the only value carried from one to the next is the sum), so the derivative of the
/// total with respect to each value the body reads is the sum of the per-pass derivatives, accumulated in the
/// same loop: no tape, no second pass. <see cref="Body"/> is in SSA form local to one pass.
/// </summary>
internal sealed class Loop : CountedLoop
{
    public Loop(string index, IntValue start, IntValue end, EquatableArray<Assignment> body, Expr term,
        Expr[] arguments, Symbol?[] partials, EquatableArray<Assignment> differentiatedBody = default, EquatableArray<Expr> derivatives = default,
        EquatableArray<ElementGradient> elementGradients = default, EquatableArray<VectorLoop> innerVectorLoops = default)
        : base(index, start, end, body,
            arguments.Aggregate(10, (h, a) => Combine(h, a.GetHashCode())),
            arguments.Sum(a => a.Size) + 1,
            arguments.Length == 0 ? 1 : arguments.Max(a => a.Depth) + 1)
    {
        Term = term;
        Arguments = arguments.ToEquatableArray();
        Partials = partials;
        DifferentiatedBody = differentiatedBody;
        Derivatives = derivatives;
        ElementGradients = elementGradients;
        InnerVectorLoops = innerVectorLoops;
    }

    /// <summary>After differentiation: per pass, what each differentiated vector element read in the body receives (seed 1).</summary>
    public EquatableArray<ElementGradient> ElementGradients { get; }

    /// <summary>After differentiation: inner loops that pass derivatives to vector elements, with seeds in terms of this pass.</summary>
    public EquatableArray<VectorLoop> InnerVectorLoops { get; }

    /// <summary>Whether the loop must be replayed once its total's adjoint is known, to fill gradient spans.</summary>
    public bool FeedsVectors => ElementGradients.Count > 0 || InnerVectorLoops.Count > 0;

    public Expr Term { get; }

    public override EquatableArray<Expr> Arguments { get; }

    public override Symbol?[] Partials { get; }

    /// <summary>After differentiation: the body with the statements its derivatives need, the term's value last.</summary>
    public EquatableArray<Assignment> DifferentiatedBody { get; }

    /// <summary>After differentiation: ∂term/∂argument for each argument with a partial (Zero elsewhere).</summary>
    public EquatableArray<Expr> Derivatives { get; }

    /// <param name="term">The local of <paramref name="body"/> that holds the pass's term.</param>
    public Loop WithDerivatives(EquatableArray<Assignment> body, EquatableArray<Expr> derivatives, Symbol term,
        EquatableArray<ElementGradient> elementGradients, EquatableArray<VectorLoop> innerVectorLoops) =>
        new(Index, Start, End, Body, term, Arguments.ToArray(), Partials, body, derivatives, elementGradients, innerVectorLoops);

    protected override bool EqualsCore(Expr other) =>
        other is Loop l && SameShape(l) && l.Term.Equals(Term) && l.Arguments.Equals(Arguments) && l.Partials.SequenceEqual(Partials) &&
        l.DifferentiatedBody.Equals(DifferentiatedBody) && l.Derivatives.Equals(Derivatives) &&
        l.ElementGradients.Equals(ElementGradients) && l.InnerVectorLoops.Equals(InnerVectorLoops);
}
