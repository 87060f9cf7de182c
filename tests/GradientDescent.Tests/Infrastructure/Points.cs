using CsCheck;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Uniform random points. CsCheck's own double generator favours special values (0, tiny, boundaries); at those,
/// Max/Min/Abs sit exactly on their kinks, where a finite difference says nothing about the derivative.
/// </summary>
internal static class Points
{
    private const int Resolution = 1 << 30;

    public static Gen<double> Uniform(double low, double high) =>
        Gen.Int[0, Resolution].Select(i => low + (high - low) * i / Resolution);

    public static Gen<double[]> Uniform(double low, double high, int dimensions) => Uniform(low, high).Array[dimensions];
}
