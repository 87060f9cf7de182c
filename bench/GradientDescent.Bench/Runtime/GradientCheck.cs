using System;
using MathNet.Numerics.Differentiation;

namespace GradientDescent.Bench.Runtime;

/// <summary>
/// Outside timing: the generated and hand-written gradients must agree to 1e-9 relative (so the timings compare
/// the same result), and both must agree with central finite differences to a loose tolerance.
/// </summary>
public static class GradientCheck
{
    public const double Tolerance = 1e-9;

    /// <summary>Throws <see cref="InvalidOperationException"/> on any disagreement; returns the report lines otherwise.</summary>
    public static string[] Run()
    {
        var lines = new System.Collections.Generic.List<string>();

        // a. Seed cost, at a few points.
        var derivative = new NumericalDerivative();
        double worstSeed = 0, worstSeedFd = 0;
        foreach (var (w, x, y) in new[] { (0.1, 1.0, 100.0), (20.08, 1.0, 100.0), (-3.5, 2.5, 0.25), (1e3, -1e-2, 7.0) })
        {
            double vg = Models.CostGradient(w, x, y, out double g);
            double vh = HandWritten.CostGradient(w, x, y, out double h);
            Require(Relative(vg, vh) <= Tolerance && Relative(vg, Models.Cost(w, x, y)) <= Tolerance, $"seed cost value at w={w}: generated {vg:R}, hand-written {vh:R}");
            worstSeed = Math.Max(worstSeed, Relative(g, h));
            Require(Relative(g, h) <= Tolerance, $"seed cost dE/dw at w={w}: generated {g:R}, hand-written {h:R}");
            double fd = derivative.EvaluateDerivative(v => Models.Cost(v, x, y), w, 1);
            worstSeedFd = Math.Max(worstSeedFd, Relative(fd, h));
            Require(Relative(fd, h) <= 1e-5, $"seed cost dE/dw at w={w}: finite differences {fd:R}, analytic {h:R}");
        }
        lines.Add($"seed cost: generated vs hand-written max relative difference {worstSeed:E2}; finite differences vs analytic {worstSeedFd:E2}");

        // b. The network.
        var d = new NetworkData();
        var gW1 = new double[d.W1.Length]; var gb1 = new double[d.B1.Length]; var gW2 = new double[d.W2.Length];
        var hW1 = new double[d.W1.Length]; var hb1 = new double[d.B1.Length]; var hW2 = new double[d.W2.Length];
        double lg = Models.LossGradient(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys, gW1, gb1, gW2, out double gb2);
        double lh = HandWritten.LossGradient(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys, hW1, hb1, hW2, out double hb2);
        double lp = Models.Loss(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys);
        Require(Relative(lg, lp) <= Tolerance && Relative(lh, lp) <= Tolerance, $"network loss: primal {lp:R}, generated {lg:R}, hand-written {lh:R}");
        double[] generated = [.. gW1, .. gb1, .. gW2, gb2];
        double[] hand = [.. hW1, .. hb1, .. hW2, hb2];
        double worst = 0; int worstAt = 0;
        for (int i = 0; i < hand.Length; i++)
        {
            double r = Relative(generated[i], hand[i]);
            if (r > worst) { worst = r; worstAt = i; }
        }
        Require(worst <= Tolerance, $"network gradient component {worstAt}: generated {generated[worstAt]:R}, hand-written {hand[worstAt]:R} (relative {worst:E2})");

        // Finite differences over all 161 parameters, through MathNet's NumericalJacobian (central, 3 points).
        var flat = d.Flatten();
        double[] fdGradient = new NumericalJacobian().Evaluate(p => LossOfFlat(d, p), flat);
        double fdNorm = 0, diffNorm = 0;
        for (int i = 0; i < hand.Length; i++) { fdNorm += hand[i] * hand[i]; diffNorm += (fdGradient[i] - hand[i]) * (fdGradient[i] - hand[i]); }
        double fdRelative = Math.Sqrt(diffNorm / fdNorm);
        Require(fdRelative <= 1e-5, $"network gradient: finite differences differ from analytic by {fdRelative:E2} (norm-relative)");
        lines.Add($"network ({NetworkData.Inputs}-{NetworkData.Hidden}-1, {NetworkData.Samples} samples, {hand.Length} parameters, loss {lp:F6}): " +
            $"generated vs hand-written max relative difference {worst:E2}; finite differences vs analytic {fdRelative:E2} (norm-relative)");
        return lines.ToArray();
    }

    /// <summary>|a − b| / max(|a|, |b|), 0 when both are 0.</summary>
    public static double Relative(double a, double b)
    {
        double scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    internal static double LossOfFlat(NetworkData d, double[] p)
    {
        int n1 = d.W1.Length, n2 = d.B1.Length, n3 = d.W2.Length;
        return Models.Loss(p[..n1], p[n1..(n1 + n2)], p[(n1 + n2)..(n1 + n2 + n3)], p[n1 + n2 + n3], d.Xs, d.Ys);
    }

    private static void Require(bool ok, string what)
    {
        if (!ok) throw new InvalidOperationException("Gradient check FAILED: " + what);
    }
}
