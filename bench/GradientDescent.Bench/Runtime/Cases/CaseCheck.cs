using System;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>
/// Outside timing: on each case the generated and hand-written values and gradients must agree to 1e-9 relative,
/// and finite differences must agree with them to 1e-5 (norm-relative), else the suite stops.
/// </summary>
public static class CaseCheck
{
    public static readonly GradientCase[] All = [new NeuronCase(), new RosenbrockCase(), new MseCase(), new DotCase(), new LogisticCase(), new SoftmaxCase(),
        new MseSimdCase(), new DotSimdCase(), new LogisticSimdCase(), new SoftmaxSimdCase(), new NetworkSimdCase()];

    public static string Run(GradientCase c)
    {
        int n = c.Parameters.Length;
        double[] generated = new double[n], hand = new double[n], numeric = new double[n];
        double vg = c.Generated(generated), vh = c.HandWritten(hand);
        c.FiniteDifferences(numeric);
        Require(Relative(vg, vh) <= GradientCheck.Tolerance, $"{c.Description}: value generated {vg:R}, hand-written {vh:R}");
        double worst = 0;
        for (int i = 0; i < n; i++) worst = Math.Max(worst, Relative(generated[i], hand[i]));
        Require(worst <= GradientCheck.Tolerance, $"{c.Description}: generated and hand-written gradients differ by {worst:E2} relative");
        // A sweep leaves each method's gradient at its last point, the finite differences' included.
        double norm = 0, diff = 0;
        for (int i = 0; i < n; i++) { norm += hand[i] * hand[i]; diff += (numeric[i] - hand[i]) * (numeric[i] - hand[i]); }
        double fd = Math.Sqrt(diff / norm);
        Require(fd <= 1e-5, $"{c.Description}: finite differences differ from the analytic gradient by {fd:E2}");
        return $"{c.Description}: generated vs hand-written {worst:E2}, finite differences vs analytic {fd:E2}";
    }

    private static double Relative(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException("gradient check failed: " + message);
    }
}
