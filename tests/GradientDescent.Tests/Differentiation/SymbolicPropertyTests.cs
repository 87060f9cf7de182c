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
        FiniteDifferenceCheck.Run("random expressions", check => Gen.Select(RandomExpressions.Of(4), Point, Gen.Int[0, 2]).Sample((e, p, i) =>
        {
            var variable = new Symbol(RandomExpressions.Variables[i], SymbolRole.Parameter);
            var derivative = Simplifier.Simplify(SymbolicDerivative.Of(e, variable));
            var exact = Evaluator.Evaluate(derivative, At(p));
            return check.Agrees(q => Evaluator.Evaluate(e, At(q)), p, i, exact);
        }, iter: 2000));
    }

    internal static bool Close(double expected, double actual, double tolerance) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected));

    [Fact]
    public void A_property_run_of_mostly_unreliable_differences_fails_naming_the_share()
    {
        // |x| sampled on its kink: every difference is unreliable, and "nothing to compare" must not be a pass.
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => FiniteDifferenceCheck.Run("abs at its kink", check =>
            Gen.Int[-3, 3].Sample(k => check.Agrees(p => Math.Abs(p[0]), new[] { 0.0 }, 0, k), iter: 100)));
        Assert.StartsWith("abs at its kink: only 0 of ", failure.Message);
        Assert.Contains("finite-difference comparisons (0%) were reliable, at least 50% required", failure.Message);
    }

    [Fact]
    public void A_property_run_passes_when_enough_differences_are_reliable_and_all_reliable_ones_agree()
    {
        // One point in four on the kink of |x|, the others where |x| is smooth and its derivative is the sign.
        FiniteDifferenceCheck.Run("abs", check => Gen.Int[0, 3].Sample(k =>
        {
            var x = k == 0 ? 0.0 : k - 2.5;
            return check.Agrees(p => Math.Abs(p[0]), new[] { x }, 0, Math.Sign(x));
        }, iter: 100));
        Assert.Throws<CsCheck.CsCheckException>(() => FiniteDifferenceCheck.Run("a wrong derivative", check =>
            Points.Uniform(-2, 2, 1).Sample(p => check.Agrees(q => q[0] * q[0], p, 0, 3 * p[0]), iter: 100)));
    }
}
