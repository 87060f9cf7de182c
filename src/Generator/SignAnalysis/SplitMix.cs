namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// A fixed-seed pseudo-random sequence (SplitMix64). The analyzer's verdict must be the same on every machine and
/// runtime, which System.Random with a seed does not promise.
/// </summary>
internal sealed class SplitMix
{
    private ulong _state;

    public SplitMix(ulong seed) => _state = seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    public bool NextBool() => NextDouble() < 0.5;
}
