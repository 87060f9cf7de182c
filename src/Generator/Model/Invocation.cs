using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>
/// A call of another differentiable method (a [Differentiable] one, or one with a [DerivativeOf] gradient). The
/// parser hoists each into its own statement, so it only ever stands as the whole right-hand side. Its partial
/// derivatives are the out values of <see cref="Gradient"/>, named by <see cref="Partials"/>.
/// </summary>
internal sealed class Invocation : CallLike
{
    /// <param name="method">How generated code calls the method itself, e.g. <c>Square</c> or <c>global::Demo.M.Square</c>.</param>
    /// <param name="gradient">How it calls the gradient, which takes the arguments then one out double per entry of <paramref name="outs"/>.</param>
    /// <param name="outs">For each out parameter of the gradient, the index of the argument it is the partial of.</param>
    /// <param name="partials">For each argument, the symbol its partial is read into, or null when the gradient has none.</param>
    public Invocation(string method, string gradient, Expr[] arguments, int[] outs, Symbol?[] partials)
        : base(
            arguments.Aggregate(Combine(7, method.GetHashCode(), gradient.GetHashCode()), (h, a) => Combine(h, a.GetHashCode())),
            arguments.Sum(a => a.Size) + 1,
            arguments.Length == 0 ? 1 : arguments.Max(a => a.Depth) + 1)
    {
        Method = method;
        Gradient = gradient;
        Arguments = arguments.ToEquatableArray();
        Outs = outs.ToEquatableArray();
        Partials = partials;
    }

    public string Method { get; }

    public string Gradient { get; }

    public override EquatableArray<Expr> Arguments { get; }

    public EquatableArray<int> Outs { get; }

    public override Symbol?[] Partials { get; }

    protected override bool EqualsCore(Expr other) =>
        other is Invocation i && i.Method == Method && i.Gradient == Gradient && i.Arguments.Equals(Arguments) &&
        i.Outs.Equals(Outs) && i.Partials.SequenceEqual(Partials);
}
