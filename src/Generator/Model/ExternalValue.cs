namespace GradientDescent.Generator.Model;

/// <summary>
/// A value computed outside the IR from its arguments, e.g. the sign analyzer's numeric evaluation of a cost's
/// generated gradient at the arguments a caller passes. Only the evaluator reads it; it never reaches generated code.
/// </summary>
internal abstract class ExternalValue : Expr
{
    protected ExternalValue(EquatableArray<Expr> arguments)
        : base(System.Threading.Interlocked.Increment(ref _instances), 1, 1) => Arguments = arguments;

    /// <summary>For a value equal to every other built from the same function and arguments (see <see cref="EqualsCore"/>).</summary>
    protected ExternalValue(EquatableArray<Expr> arguments, int hash)
        : base(hash, 1, 1) => Arguments = arguments;

    private static int _instances;

    public EquatableArray<Expr> Arguments { get; }

    public override ScalarType Type => ScalarType.Double;

    /// <summary>The arguments that index into arrays (an element of a vector's gradient): the judge draws them as valid indices.</summary>
    public virtual System.Collections.Generic.IEnumerable<Expr> Indices => System.Array.Empty<Expr>();

    public abstract double Evaluate(double[] arguments);

    /// <summary>
    /// The value where some arguments may stand for arrays: <paramref name="array"/> gives an argument's elements (null
    /// when it has none), <paramref name="scalar"/> its number. By default every argument is a number.
    /// </summary>
    public virtual double Evaluate(System.Func<Expr, double> scalar, System.Func<Expr, double[]?> array)
    {
        var values = new double[Arguments.Count];
        for (var i = 0; i < values.Length; i++) values[i] = scalar(Arguments[i]);
        return Evaluate(values);
    }

    /// <summary>The same function of other arguments (the analyzer rewrites them as it expands locals).</summary>
    public abstract ExternalValue WithArguments(EquatableArray<Expr> arguments);

    protected override bool EqualsCore(Expr other) => ReferenceEquals(this, other);

    protected static int HashOf(object function, int index, EquatableArray<Expr> arguments) =>
        unchecked((System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(function) * 397 + index) * 397 + arguments.GetHashCode());
}
