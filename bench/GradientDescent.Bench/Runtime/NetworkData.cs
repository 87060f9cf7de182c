using System;

namespace GradientDescent.Bench.Runtime;

/// <summary>Fixed-seed data and weights for the 8-16-1 network: System.Random(42), weights ~ N(0, 0.3).</summary>
public sealed class NetworkData
{
    public const int Inputs = 8, Hidden = 16, Samples = 256;

    public double[] W1 { get; } = new double[Hidden * Inputs];
    public double[] B1 { get; } = new double[Hidden];
    public double[] W2 { get; } = new double[Hidden];
    public double B2 { get; }
    public double[] Xs { get; } = new double[Samples * Inputs];
    public double[] Ys { get; } = new double[Samples];

    public NetworkData(int seed = 42)
    {
        var random = new Random(seed);
        for (int i = 0; i < W1.Length; i++) W1[i] = 0.3 * Gaussian(random);
        for (int i = 0; i < B1.Length; i++) B1[i] = 0.3 * Gaussian(random);
        for (int i = 0; i < W2.Length; i++) W2[i] = 0.3 * Gaussian(random);
        B2 = 0.3 * Gaussian(random);
        for (int i = 0; i < Xs.Length; i++) Xs[i] = Gaussian(random);
        for (int s = 0; s < Samples; s++)
        {
            double sum = 0;
            for (int i = 0; i < Inputs; i++) sum += Xs[s * Inputs + i] * (i % 2 == 0 ? 1 : -0.5);
            Ys[s] = Math.Sin(sum) + 0.1 * Gaussian(random);
        }
    }

    /// <summary>The hidden units' inputs z = b1[k] + W1[k]·x, sample by sample, as the network's tanh receives them.</summary>
    public double[] PreActivations()
    {
        var z = new double[Samples * Hidden];
        for (int s = 0; s < Samples; s++)
            for (int k = 0; k < Hidden; k++)
            {
                double sum = B1[k];
                for (int i = 0; i < Inputs; i++) sum += W1[k * Inputs + i] * Xs[s * Inputs + i];
                z[s * Hidden + k] = sum;
            }
        return z;
    }

    /// <summary>All parameters in one vector (W1, b1, W2, b2), for the finite-difference check.</summary>
    public double[] Flatten() => [.. W1, .. B1, .. W2, B2];

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
