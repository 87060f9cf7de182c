using System;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>The costs of the benchmark suite beyond the seed and the network; the generator writes their gradients.</summary>
public static partial class CaseModels
{
    /// <summary>A sigmoid neuron, squared error.</summary>
    [Differentiable(nameof(w), nameof(b))]
    public static double Neuron(double w, double b, double x, double y)
    {
        double p = 1 / (1 + Math.Exp(-(w * x + b)));
        return 0.5 * (y - p) * (y - p);
    }

    [Differentiable(nameof(a), nameof(b))]
    public static double Rosenbrock(double a, double b) => (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);

    /// <summary>Mean squared error of a line over the samples.</summary>
    [Differentiable(nameof(w), nameof(b))]
    public static double Mse(double w, double b, double[] xs, double[] ys)
    {
        double s = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            double e = w * xs[i] + b - ys[i];
            s += e * e;
        }
        return s / ys.Length;
    }

    /// <summary>One sample of a linear model with many weights.</summary>
    [Differentiable(nameof(w))]
    public static double Dot(double[] w, double[] x, double y)
    {
        double z = 0;
        for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
        double e = z - y;
        return 0.5 * e * e;
    }

    /// <summary>Mean log loss of logistic regression; xs holds w.Length features per sample, row-major.</summary>
    [Differentiable(nameof(w), nameof(b))]
    public static double Logistic(double[] w, double b, double[] xs, double[] ys)
    {
        int features = w.Length;
        double loss = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            double z = b;
            for (int j = 0; j < features; j++) z += w[j] * xs[i * features + j];
            double p = 1 / (1 + Math.Exp(-z));
            loss -= ys[i] * Math.Log(p) + (1 - ys[i]) * Math.Log(1 - p);
        }
        return loss / ys.Length;
    }

    /// <summary>Cross-entropy of a linear softmax classifier (int labels, a local logits array), the max subtracted.</summary>
    [Differentiable(nameof(W), nameof(b))]
    public static double Softmax(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> X, ReadOnlySpan<int> labels)
    {
        int classes = b.Length;
        int features = W.Length / classes;
        double[] logits = new double[classes];
        double loss = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int k = 0; k < classes; k++)
            {
                logits[k] = b[k];
                for (int j = 0; j < features; j++) logits[k] += W[k * features + j] * X[i * features + j];
            }
            double max = logits[0];
            for (int k = 1; k < classes; k++) max = Math.Max(max, logits[k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.Exp(logits[k] - max);
            loss += Math.Log(sum) + max - logits[labels[i]];
        }
        return loss / labels.Length;
    }

    // The same costs with Vectorize = true: the generator emits their sum loops with System.Numerics.Vector<double>.

    [Differentiable(nameof(w), nameof(b), Vectorize = true)]
    public static double MseVectorized(double w, double b, double[] xs, double[] ys)
    {
        double s = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            double e = w * xs[i] + b - ys[i];
            s += e * e;
        }
        return s / ys.Length;
    }

    [Differentiable(nameof(w), Vectorize = true)]
    public static double DotVectorized(double[] w, double[] x, double y)
    {
        double z = 0;
        for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
        double e = z - y;
        return 0.5 * e * e;
    }

    [Differentiable(nameof(w), nameof(b), Vectorize = true)]
    public static double LogisticVectorized(double[] w, double b, double[] xs, double[] ys)
    {
        int features = w.Length;
        double loss = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            double z = b;
            for (int j = 0; j < features; j++) z += w[j] * xs[i * features + j];
            double p = 1 / (1 + Math.Exp(-z));
            loss -= ys[i] * Math.Log(p) + (1 - ys[i]) * Math.Log(1 - p);
        }
        return loss / ys.Length;
    }

    [Differentiable(nameof(W), nameof(b), Vectorize = true)]
    public static double SoftmaxVectorized(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> X, ReadOnlySpan<int> labels)
    {
        int classes = b.Length;
        int features = W.Length / classes;
        double[] logits = new double[classes];
        double loss = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int k = 0; k < classes; k++)
            {
                logits[k] = b[k];
                for (int j = 0; j < features; j++) logits[k] += W[k * features + j] * X[i * features + j];
            }
            double max = logits[0];
            for (int k = 1; k < classes; k++) max = Math.Max(max, logits[k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.Exp(logits[k] - max);
            loss += Math.Log(sum) + max - logits[labels[i]];
        }
        return loss / labels.Length;
    }
}
