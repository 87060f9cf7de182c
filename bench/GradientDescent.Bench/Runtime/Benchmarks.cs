using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Differentiation;

namespace GradientDescent.Bench.Runtime;

// Every class has the same four method names, so the summary can pair them: Primal, Generated, HandWritten,
// FiniteDifferences (where it applies). Each checks the gradients once in [GlobalSetup], outside timing.

/// <summary>
/// a. The seed cost E = ½(y − w·x)² and ∂E/∂w. One call is about a nanosecond, below what a single-call benchmark
/// resolves, so each invocation sweeps 1024 fixed-seed points and the times are per point (OperationsPerInvoke).
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class SeedCost
{
    private const int Points = 1024;
    private readonly double[] ws = new double[Points], xs = new double[Points], ys = new double[Points];
    private double x, y;
    private Func<double, double> f = null!;
    private NumericalDerivative derivative = null!;

    [GlobalSetup]
    public void Setup()
    {
        GradientCheck.Run();
        var random = new Random(42);
        for (int i = 0; i < Points; i++)
        {
            ws[i] = 200 * random.NextDouble();
            xs[i] = 0.5 + random.NextDouble();
            ys[i] = 100 * xs[i] + random.NextDouble() - 0.5;
        }
        f = v => Models.Cost(v, x, y);
        derivative = new NumericalDerivative(); // 3 points, centre 1: central differences
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Points)]
    public double Primal()
    {
        double sum = 0;
        for (int i = 0; i < Points; i++) sum += Models.Cost(ws[i], xs[i], ys[i]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double Generated()
    {
        double sum = 0;
        for (int i = 0; i < Points; i++) sum += Models.CostGradient(ws[i], xs[i], ys[i], out double dw) + dw;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double HandWritten()
    {
        double sum = 0;
        for (int i = 0; i < Points; i++) sum += Runtime.HandWritten.CostGradient(ws[i], xs[i], ys[i], out double dw) + dw;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double FiniteDifferences()
    {
        double sum = 0;
        for (int i = 0; i < Points; i++)
        {
            x = xs[i];
            y = ys[i];
            sum += derivative.EvaluateDerivative(f, ws[i], 1);
        }
        return sum;
    }
}

/// <summary>b. An 8-16-1 tanh network, mean squared error over 256 samples, gradient wrt all 161 weights.</summary>
[ShortRunJob, MemoryDiagnoser]
public class Network
{
    private NetworkData d = null!;
    private double[] dW1 = null!, db1 = null!, dW2 = null!, preActivations = null!;

    [GlobalSetup]
    public void Setup()
    {
        GradientCheck.Run();
        d = new NetworkData();
        dW1 = new double[d.W1.Length];
        db1 = new double[d.B1.Length];
        dW2 = new double[d.W2.Length];
        preActivations = d.PreActivations();
    }

    [Benchmark(Baseline = true)]
    public double Primal() => Models.Loss(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys);

    [Benchmark]
    public double Generated() => Models.LossGradient(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys, dW1, db1, dW2, out double db2) + db2;

    [Benchmark]
    public double HandWritten() => Runtime.HandWritten.LossGradient(d.W1, d.B1, d.W2, d.B2, d.Xs, d.Ys, dW1, db1, dW2, out double db2) + db2;

    /// <summary>
    /// The 256 × 16 Math.Tanh calls that the primal and every exact gradient make, and nothing else: the floor
    /// under all three, which no rewriting of the arithmetic around them lowers.
    /// </summary>
    [Benchmark]
    public double TanhCalls()
    {
        double sum = 0;
        foreach (double z in preActivations) sum += Math.Tanh(z);
        return sum;
    }
}
