using System;
using MathNet.Numerics.Differentiation;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>
/// One cost of the suite at fixed-seed data, its parameters flattened into one vector: the primal alone, the
/// generated gradient, the hand-written one and MathNet's central finite differences, each writing the flat
/// gradient. Scalar costs run ~1 ns a call, below what a benchmark resolves, so they sweep <see cref="Sweep"/> points
/// per invocation; the others are one call on the whole data.
/// </summary>
public abstract class GradientCase
{
    protected const int Sweep = 1024;

    private readonly NumericalJacobian _jacobian = new(); // 3 points, centre 1: central differences

    public abstract string Description { get; }

    /// <summary>The parameters (the first point, for a sweep).</summary>
    public abstract double[] Parameters { get; }

    public abstract double Primal();

    public abstract double Generated(double[] gradient);

    public abstract double HandWritten(double[] gradient);

    /// <summary>The cost of the first point at <paramref name="parameters"/>, for the finite-difference check.</summary>
    public abstract double CostAt(double[] parameters);

    /// <summary>What a user without AD would do: central differences of the cost, through MathNet.Numerics.</summary>
    public virtual double FiniteDifferences(double[] gradient)
    {
        var g = _jacobian.Evaluate(CostAt, Parameters);
        g.CopyTo(gradient, 0);
        return g[0];
    }

    /// <summary>Finite differences at each point of a sweep, so the time compares with the sweep's gradients.</summary>
    protected double SweepFiniteDifferences(double[] gradient, Func<int, double[]> point, Func<int, double[], double> cost)
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++)
        {
            int at = i;
            var g = _jacobian.Evaluate(p => cost(at, p), point(i));
            g.CopyTo(gradient, 0);
            s += g[0] + g[1];
        }
        return s;
    }

    protected static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
