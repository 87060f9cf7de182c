namespace GradientDescent.Generator.Model;

/// <summary>
/// A value computed by code of its own (a call, a loop) together with its partial derivatives with respect to
/// the values it reads: d result = Σ Partials[k] · d Arguments[k]. It stands only as the whole right-hand side of
/// an assignment; the partial symbols are defined by that statement.
/// </summary>
internal abstract class CallLike : Expr
{
    protected CallLike(int hash, int size, int depth) : base(hash, size, depth)
    {
    }

    public abstract EquatableArray<Expr> Arguments { get; }

    /// <summary>For each argument, the symbol holding the partial derivative, or null where there is none.</summary>
    public abstract Symbol?[] Partials { get; }
}
