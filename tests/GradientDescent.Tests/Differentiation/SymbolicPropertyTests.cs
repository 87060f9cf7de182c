using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Model;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Properties of the symbolic core on random expressions: simplifying never changes a value, and every
/// derivative agrees with a central finite difference.
/// </summary>
public class SymbolicPropertyTests
{
    private static readonly Gen<double[]> Point = Points.Uniform(-2, 2, 3);

    private static Dictionary<string, double> At(double[] p) =>
        RandomExpressions.Variables.Select((v, i) => (v, p[i])).ToDictionary(t => t.v, t => t.Item2);

    [Fact]
    public void Simplifying_preserves_the_value()
    {
        Gen.Select(RandomExpressions.Of(4), Point).Sample((e, p) =>
        {
            var expected = Evaluator.Evaluate(e, At(p));
            var actual = Evaluator.Evaluate(Simplifier.Simplify(e), At(p));
            return Close(expected, actual, 1e-9);
        }, iter: 2000);
    }

    [Fact]
    public void Derivative_matches_central_difference()
    {
        Gen.Select(RandomExpressions.Of(4), Point, Gen.Int[0, 2]).Sample((e, p, i) =>
        {
            var variable = new Symbol(RandomExpressions.Variables[i], SymbolRole.Parameter);
            var derivative = Simplifier.Simplify(SymbolicDerivative.Of(e, variable));
            var exact = Evaluator.Evaluate(derivative, At(p));
            return Agrees(q => Evaluator.Evaluate(e, At(q)), p, i, exact);
        }, iter: 2000);
    }

    internal static bool Close(double expected, double actual, double tolerance) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected));

    /// <summary>
    /// (f(x+h) − f(x−h)) / 2h with h scaled to x. Unreliable (so skipped) where f has a kink within the
    /// stencil (Max, Min, Abs): there the two one-sided differences disagree. The value carries rounding noise of
    /// about ε·|f|/h, which <see cref="Agrees"/> allows for.
    /// </summary>
    internal static (double Value, bool Reliable) CentralDifference(Func<double[], double> f, double[] p, int i)
    {
        var (value, reliable, _) = CentralDifferenceWithNoise(f, p, i);
        return (value, reliable);
    }

    internal static (double Value, bool Reliable, double Noise) CentralDifferenceWithNoise(Func<double[], double> f, double[] p, int i)
    {
        var h = 1e-6 * Math.Max(1, Math.Abs(p[i]));
        double At(double offset)
        {
            var q = (double[])p.Clone();
            q[i] += offset;
            return f(q);
        }
        var center = At(0);
        var forward = (At(h) - center) / h;
        var backward = (center - At(-h)) / h;
        var central = (At(h) - At(-h)) / (2 * h);
        var noise = 8 * 2.2e-16 * Math.Max(Math.Abs(At(h)), Math.Abs(At(-h))) / h;
        var reliable = Math.Abs(forward - backward) <= 1e-3 * (1 + Math.Abs(central)) + 4 * noise;
        return (central, reliable, noise);
    }

    /// <summary>An exact derivative agrees with a finite difference up to relative 1e-5 plus the difference's rounding noise.</summary>
    internal static bool Agrees(Func<double[], double> f, double[] p, int i, double exact)
    {
        var (numeric, reliable, noise) = CentralDifferenceWithNoise(f, p, i);
        return !reliable || numeric.Equals(exact) || Math.Abs(numeric - exact) <= 1e-5 * (1 + Math.Abs(numeric)) + noise;
    }
}
