using System;
using System.Threading;
using Xunit.Sdk;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Compares exact derivatives with central finite differences over a whole property run. A comparison at a point
/// where the difference is unreliable (a kink of Max/Min/Abs or a branch switch inside the stencil, a NaN) says
/// nothing, so it is not a pass: it is counted, and the run fails unless at least <see cref="MinimumReliableShare"/>
/// of its comparisons were reliable (and every reliable one agreed). The only way to get a check is
/// <see cref="Run"/>, which asserts the share after the property, so no caller can pass on all-unreliable samples.
/// </summary>
internal sealed class FiniteDifferenceCheck
{
    /// <summary>Not a knob: a construct whose samples are mostly unreliable gets a narrower, smooth sampling domain.</summary>
    public const double MinimumReliableShare = 0.5;

    private readonly string _property;
    private int _reliable;
    private int _unreliable;

    private FiniteDifferenceCheck(string property) => _property = property;

    /// <summary>Runs <paramref name="property"/> (typically a CsCheck <c>Sample</c> calling <see cref="Agrees"/>), then asserts the share of reliable comparisons.</summary>
    public static void Run(string property, Action<FiniteDifferenceCheck> run)
    {
        var check = new FiniteDifferenceCheck(property);
        run(check);
        check.AssertEnoughReliable();
    }

    public int Reliable => Volatile.Read(ref _reliable);

    public int Unreliable => Volatile.Read(ref _unreliable);

    /// <summary>
    /// Whether <paramref name="exact"/> agrees with a central difference of <paramref name="f"/> in coordinate
    /// <paramref name="i"/> at <paramref name="p"/>, up to relative 1e-5 plus the difference's rounding noise. An
    /// unreliable difference returns true (nothing to compare) but counts against the run's share. Thread-safe
    /// (CsCheck samples on several threads).
    /// </summary>
    public bool Agrees(Func<double[], double> f, double[] p, int i, double exact)
    {
        var (numeric, reliable, noise) = CentralDifferenceWithNoise(f, p, i);
        if (!reliable)
        {
            Interlocked.Increment(ref _unreliable);
            return true;
        }
        Interlocked.Increment(ref _reliable);
        return numeric.Equals(exact) || Math.Abs(numeric - exact) <= 1e-5 * (1 + Math.Abs(numeric)) + noise;
    }

    private void AssertEnoughReliable()
    {
        int reliable = Reliable, total = reliable + Unreliable;
        if (total == 0)
            throw new XunitException($"{_property}: no finite-difference comparison was made, so the property checked nothing");
        var share = (double)reliable / total;
        if (share < MinimumReliableShare)
            throw new XunitException(FormattableString.Invariant(
                $"{_property}: only {reliable} of {total} finite-difference comparisons ({100 * share:0}%) were reliable, at least {100 * MinimumReliableShare:0}% required; the rest had a kink or a NaN in the stencil and checked nothing. Sample where the function is smooth."));
    }

    /// <summary>
    /// (f(x+h) − f(x−h)) / 2h with h scaled to x. Unreliable where f has a kink within the stencil (Max, Min, Abs):
    /// there the two one-sided differences disagree. The value carries rounding noise of about ε·|f|/h, which
    /// <see cref="Agrees"/> allows for.
    /// </summary>
    public static (double Value, bool Reliable) CentralDifference(Func<double[], double> f, double[] p, int i)
    {
        var (value, reliable, _) = CentralDifferenceWithNoise(f, p, i);
        return (value, reliable);
    }

    private static (double Value, bool Reliable, double Noise) CentralDifferenceWithNoise(Func<double[], double> f, double[] p, int i)
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
}
