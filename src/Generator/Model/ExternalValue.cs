namespace GradientDescent.Generator.Model;

/// <summary>
/// A value computed outside the IR from its arguments, e.g. the sign analyzer's numeric evaluation of a cost's
/// generated gradient at the arguments a caller passes. Only the evaluator reads it; it never reaches generated code.
/// </summary>
internal abstract class ExternalValue : Expr
{
    protected ExternalValue(EquatableArray<Expr> arguments)
        : base(System.Threading.Interlocked.Increment(ref _instances), 1, 1) => Arguments = arguments;

    private static int _instances;

    public EquatableArray<Expr> Arguments { get; }

    public override ScalarType Type => ScalarType.Double;

    public abstract double Evaluate(double[] arguments);

    /// <summary>The same function of other arguments (the analyzer rewrites them as it expands locals).</summary>
    public abstract ExternalValue WithArguments(EquatableArray<Expr> arguments);

    protected override bool EqualsCore(Expr other) => ReferenceEquals(this, other);
}
