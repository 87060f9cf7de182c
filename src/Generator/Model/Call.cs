using System.Linq;

namespace GradientDescent.Generator.Model;

/// <summary>A call of a System.Math function.</summary>
internal sealed class Call : Expr
{
    public Call(MathFunction function, params Expr[] arguments)
        : base(
            arguments.Aggregate(Combine(5, (int)function), (h, a) => Combine(h, a.GetHashCode())),
            arguments.Sum(a => a.Size) + 1,
            arguments.Max(a => a.Depth) + 1)
    {
        Function = function;
        Arguments = arguments.ToEquatableArray();
    }

    public MathFunction Function { get; }

    public EquatableArray<Expr> Arguments { get; }

    public override ScalarType Type => ScalarType.Double;

    protected override bool EqualsCore(Expr other) =>
        other is Call c && c.Function == Function && c.Arguments.Equals(Arguments);
}
