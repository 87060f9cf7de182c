using System;
using System.Linq;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>A sigmoid neuron at 1024 points (w, b, x, y).</summary>
public sealed class NeuronCase : GradientCase
{
    private readonly double[] _w = new double[Sweep], _b = new double[Sweep], _x = new double[Sweep], _y = new double[Sweep];

    public NeuronCase()
    {
        var random = new Random(7);
        for (int i = 0; i < Sweep; i++) { _w[i] = Gaussian(random); _b[i] = Gaussian(random); _x[i] = 2 * Gaussian(random); _y[i] = random.NextDouble(); }
    }

    public override string Description => "sigmoid neuron ½(y − σ(w·x + b))², 1024 points per invocation";
    public override double[] Parameters => [_w[0], _b[0]];
    public override double CostAt(double[] p) => CaseModels.Neuron(p[0], p[1], _x[0], _y[0]);

    public override double FiniteDifferences(double[] g) =>
        SweepFiniteDifferences(g, i => [_w[i], _b[i]], (i, p) => CaseModels.Neuron(p[0], p[1], _x[i], _y[i]));

    public override double Primal()
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseModels.Neuron(_w[i], _b[i], _x[i], _y[i]);
        return s;
    }

    public override double Generated(double[] g)
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseModels.NeuronGradient(_w[i], _b[i], _x[i], _y[i], out g[0], out g[1]) + g[0] + g[1];
        return s;
    }

    public override double HandWritten(double[] g)
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseHandWritten.Neuron(_w[i], _b[i], _x[i], _y[i], out g[0], out g[1]) + g[0] + g[1];
        return s;
    }
}

/// <summary>Rosenbrock at 1024 points (a, b).</summary>
public sealed class RosenbrockCase : GradientCase
{
    private readonly double[] _a = new double[Sweep], _b = new double[Sweep];

    public RosenbrockCase()
    {
        var random = new Random(11);
        for (int i = 0; i < Sweep; i++) { _a[i] = 2 * Gaussian(random); _b[i] = 2 * Gaussian(random); }
    }

    public override string Description => "Rosenbrock (1 − a)² + 100(b − a²)², 1024 points per invocation";
    public override double[] Parameters => [_a[0], _b[0]];
    public override double CostAt(double[] p) => CaseModels.Rosenbrock(p[0], p[1]);

    public override double FiniteDifferences(double[] g) => SweepFiniteDifferences(g, i => [_a[i], _b[i]], (_, p) => CaseModels.Rosenbrock(p[0], p[1]));

    public override double Primal()
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseModels.Rosenbrock(_a[i], _b[i]);
        return s;
    }

    public override double Generated(double[] g)
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseModels.RosenbrockGradient(_a[i], _b[i], out g[0], out g[1]) + g[0] + g[1];
        return s;
    }

    public override double HandWritten(double[] g)
    {
        double s = 0;
        for (int i = 0; i < Sweep; i++) s += CaseHandWritten.Rosenbrock(_a[i], _b[i], out g[0], out g[1]) + g[0] + g[1];
        return s;
    }
}

/// <summary>Mean squared error of a line over 4096 samples.</summary>
public class MseCase : GradientCase
{
    private const int Samples = 4096;
    protected readonly double[] _xs = new double[Samples], _ys = new double[Samples];
    protected readonly double _w = 0.3, _b = -0.2;

    public MseCase()
    {
        var random = new Random(13);
        for (int i = 0; i < Samples; i++) { _xs[i] = Gaussian(random); _ys[i] = 2.5 * _xs[i] + 1 + 0.1 * Gaussian(random); }
    }

    public override string Description => "mean squared error of w·x + b over 4096 samples";
    public override double[] Parameters => [_w, _b];
    public override double CostAt(double[] p) => CaseModels.Mse(p[0], p[1], _xs, _ys);
    public override double Primal() => CaseModels.Mse(_w, _b, _xs, _ys);
    public override double Generated(double[] g) => CaseModels.MseGradient(_w, _b, _xs, _ys, out g[0], out g[1]);
    public override double HandWritten(double[] g) => CaseHandWritten.Mse(_w, _b, _xs, _ys, out g[0], out g[1]);
}

/// <summary>½(w·x − y)² with 256 weights.</summary>
public class DotCase : GradientCase
{
    private const int Weights = 256;
    protected readonly double[] _w = new double[Weights], _x = new double[Weights];
    protected readonly double _y = 0.5;

    public DotCase()
    {
        var random = new Random(17);
        for (int i = 0; i < Weights; i++) { _w[i] = 0.1 * Gaussian(random); _x[i] = Gaussian(random); }
    }

    public override string Description => "dot-product model ½(w·x − y)², 256 weights";
    public override double[] Parameters => (double[])_w.Clone();
    public override double CostAt(double[] p) => CaseModels.Dot(p, _x, _y);
    public override double Primal() => CaseModels.Dot(_w, _x, _y);
    public override double Generated(double[] g) => CaseModels.DotGradient(_w, _x, _y, g);
    public override double HandWritten(double[] g) => CaseHandWritten.Dot(_w, _x, _y, g);
}

/// <summary>Logistic regression, 16 weights and a bias, 512 samples.</summary>
public class LogisticCase : GradientCase
{
    protected const int Features = 16, Samples = 512;
    protected readonly double[] _w = new double[Features], _xs = new double[Samples * Features], _ys = new double[Samples];
    protected readonly double _b = 0.1;

    public LogisticCase()
    {
        var random = new Random(19);
        for (int j = 0; j < Features; j++) _w[j] = 0.2 * Gaussian(random);
        for (int i = 0; i < _xs.Length; i++) _xs[i] = Gaussian(random);
        for (int i = 0; i < Samples; i++) _ys[i] = _xs[i * Features] + 0.5 * _xs[i * Features + 1] + 0.3 * Gaussian(random) > 0 ? 1 : 0;
    }

    public override string Description => "logistic regression, mean log loss, 16 weights + bias, 512 samples";
    public override double[] Parameters => [.. _w, _b];
    public override double CostAt(double[] p) => CaseModels.Logistic(p[..Features], p[Features], _xs, _ys);
    public override double Primal() => CaseModels.Logistic(_w, _b, _xs, _ys);
    public override double Generated(double[] g) => CaseModels.LogisticGradient(_w, _b, _xs, _ys, g.AsSpan(0, Features), out g[Features]);
    public override double HandWritten(double[] g) => CaseHandWritten.Logistic(_w, _b, _xs, _ys, g.AsSpan(0, Features), out g[Features]);
}

/// <summary>A linear softmax classifier, 3 classes × 8 features, int labels, 256 samples.</summary>
public class SoftmaxCase : GradientCase
{
    protected const int Classes = 3, Features = 8, Samples = 256;
    protected readonly double[] _w = new double[Classes * Features], _b = new double[Classes], _xs = new double[Samples * Features];
    protected readonly int[] _labels = new int[Samples];

    public SoftmaxCase()
    {
        var random = new Random(23);
        for (int i = 0; i < _w.Length; i++) _w[i] = 0.2 * Gaussian(random);
        for (int i = 0; i < _xs.Length; i++) _xs[i] = Gaussian(random);
        for (int i = 0; i < Samples; i++) _labels[i] = Enumerable.Range(0, Classes).MaxBy(k => _xs[i * Features + k] + 0.3 * Gaussian(random));
    }

    public override string Description => "softmax classifier, cross-entropy, 3 classes × 8 features, int labels, 256 samples";
    public override double[] Parameters => [.. _w, .. _b];
    public override double CostAt(double[] p) => CaseModels.Softmax(p.AsSpan(0, _w.Length), p.AsSpan(_w.Length), _xs, _labels);
    public override double Primal() => CaseModels.Softmax(_w, _b, _xs, _labels);
    public override double Generated(double[] g) => CaseModels.SoftmaxGradient(_w, _b, _xs, _labels, g.AsSpan(0, _w.Length), g.AsSpan(_w.Length));
    public override double HandWritten(double[] g) => CaseHandWritten.Softmax(_w, _b, _xs, _labels, g.AsSpan(0, _w.Length), g.AsSpan(_w.Length));
}

// With Vectorize = true. The MSE's hand-written gradient is a System.Numerics.Vector<double> loop (the bar);
// the others keep their scalar hand-written gradients, so their ratio is what SIMD buys over careful scalar code.

/// <summary>MSE over 4096 samples, vectorised, against a hand-written Vector&lt;double&gt; loop.</summary>
public sealed class MseSimdCase : MseCase
{
    public override string Description => "mean squared error over 4096 samples, Vectorize = true, against a hand-written Vector<double> loop";
    public override double Generated(double[] g) => CaseModels.MseVectorizedGradient(_w, _b, _xs, _ys, out g[0], out g[1]);
    public override double HandWritten(double[] g) => CaseHandWritten.MseVector(_w, _b, _xs, _ys, out g[0], out g[1]);
}

/// <summary>The 256-weight dot product, vectorised, against the scalar hand-written gradient.</summary>
public sealed class DotSimdCase : DotCase
{
    public override string Description => "dot-product model, 256 weights, Vectorize = true, against scalar hand-written code";
    public override double Generated(double[] g) => CaseModels.DotVectorizedGradient(_w, _x, _y, g);
}

/// <summary>Logistic regression, vectorised inner loops, against the scalar hand-written gradient.</summary>
public sealed class LogisticSimdCase : LogisticCase
{
    public override string Description => "logistic regression, 16 weights, 512 samples, Vectorize = true, against scalar hand-written code";
    public override double Generated(double[] g) => CaseModels.LogisticVectorizedGradient(_w, _b, _xs, _ys, g.AsSpan(0, Features), out g[Features]);
}

/// <summary>The softmax classifier, vectorised feature loops, against the scalar hand-written gradient.</summary>
public sealed class SoftmaxSimdCase : SoftmaxCase
{
    public override string Description => "softmax classifier, 3 classes × 8 features, 256 samples, Vectorize = true, against scalar hand-written code";
    public override double Generated(double[] g) => CaseModels.SoftmaxVectorizedGradient(_w, _b, _xs, _labels, g.AsSpan(0, _w.Length), g.AsSpan(_w.Length));
}

/// <summary>The 8-16-1 network, vectorised input dot products, against scalar hand-written backprop; finite differences over its 161 weights.</summary>
public sealed class NetworkSimdCase : GradientCase
{
    private readonly NetworkData _d = new();

    public override string Description => "8-16-1 tanh network, 256 samples, Vectorize = true, against scalar hand-written backprop";
    public override double[] Parameters => _d.Flatten();
    public override double CostAt(double[] p) => GradientCheck.LossOfFlat(_d, p);
    public override double Primal() => Models.Loss(_d.W1, _d.B1, _d.W2, _d.B2, _d.Xs, _d.Ys);

    public override double Generated(double[] g) => Models.LossVectorizedGradient(_d.W1, _d.B1, _d.W2, _d.B2, _d.Xs, _d.Ys, Slices(g, out var db1, out var dW2), db1, dW2, out g[^1]);

    public override double HandWritten(double[] g) => Runtime.HandWritten.LossGradient(_d.W1, _d.B1, _d.W2, _d.B2, _d.Xs, _d.Ys, Slices(g, out var db1, out var dW2), db1, dW2, out g[^1]);

    /// <summary>The flat gradient cut into dW1 (returned), db1 and dW2, in <see cref="NetworkData.Flatten"/>'s order.</summary>
    private Span<double> Slices(double[] g, out Span<double> db1, out Span<double> dW2)
    {
        int n1 = _d.W1.Length, n2 = _d.B1.Length;
        db1 = g.AsSpan(n1, n2);
        dW2 = g.AsSpan(n1 + n2, _d.W2.Length);
        return g.AsSpan(0, n1);
    }
}
