using System;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>
/// The analytic gradients of <see cref="CaseModels"/>, written the way a careful person would: one pass, what the
/// backward step needs kept from the forward one, the textbook simplifications (σ' = σ(1 − σ), log loss after a
/// sigmoid → p − y, softmax with cross-entropy → p − onehot), no allocation.
/// </summary>
public static class CaseHandWritten
{
    public static double Neuron(double w, double b, double x, double y, out double dw, out double db)
    {
        double p = 1 / (1 + Math.Exp(-(w * x + b)));
        double r = p - y;
        double dz = r * p * (1 - p);
        dw = dz * x;
        db = dz;
        return 0.5 * r * r;
    }

    public static double Rosenbrock(double a, double b, out double da, out double db)
    {
        double u = 1 - a, v = b - a * a;
        da = -2 * u - 400 * a * v;
        db = 200 * v;
        return u * u + 100 * v * v;
    }

    /// <summary>The MSE gradient with System.Numerics.Vector&lt;double&gt;, as a careful person writes it: three lane sums, a scalar tail.</summary>
    public static double MseVector(double w, double b, double[] xs, double[] ys, out double dw, out double db)
    {
        int n = ys.Length, width = System.Numerics.Vector<double>.Count, i = 0;
        var (s, gw, gb) = (System.Numerics.Vector<double>.Zero, System.Numerics.Vector<double>.Zero, System.Numerics.Vector<double>.Zero);
        var bias = new System.Numerics.Vector<double>(b);
        for (; i <= n - width; i += width)
        {
            var x = new System.Numerics.Vector<double>(xs, i);
            var e = w * x + bias - new System.Numerics.Vector<double>(ys, i);
            s += e * e;
            gw += e * x;
            gb += e;
        }
        double ss = System.Numerics.Vector.Sum(s), sw = System.Numerics.Vector.Sum(gw), sb = System.Numerics.Vector.Sum(gb);
        for (; i < n; i++)
        {
            double e = w * xs[i] + b - ys[i];
            ss += e * e;
            sw += e * xs[i];
            sb += e;
        }
        double scale = 2.0 / n;
        dw = scale * sw;
        db = scale * sb;
        return ss / n;
    }

    public static double Mse(double w, double b, double[] xs, double[] ys, out double dw, out double db)
    {
        double s = 0, gw = 0, gb = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            double e = w * xs[i] + b - ys[i];
            s += e * e;
            gw += e * xs[i];
            gb += e;
        }
        double scale = 2.0 / ys.Length;
        dw = scale * gw;
        db = scale * gb;
        return s / ys.Length;
    }

    public static double Dot(double[] w, double[] x, double y, Span<double> dw)
    {
        double z = 0;
        for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
        double e = z - y;
        for (int k = 0; k < w.Length; k++) dw[k] = e * x[k];
        return 0.5 * e * e;
    }

    public static double Logistic(double[] w, double b, double[] xs, double[] ys, Span<double> dw, out double db)
    {
        int features = w.Length;
        dw.Clear();
        double loss = 0, gb = 0, scale = 1.0 / ys.Length;
        for (int i = 0; i < ys.Length; i++)
        {
            var x = new ReadOnlySpan<double>(xs, i * features, features);
            double z = b;
            for (int j = 0; j < features; j++) z += w[j] * x[j];
            double p = 1 / (1 + Math.Exp(-z));
            loss -= ys[i] * Math.Log(p) + (1 - ys[i]) * Math.Log(1 - p);
            double g = (p - ys[i]) * scale;
            for (int j = 0; j < features; j++) dw[j] += g * x[j];
            gb += g;
        }
        db = gb;
        return loss * scale;
    }

    public static double Softmax(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> X, ReadOnlySpan<int> labels, Span<double> dW, Span<double> db)
    {
        int classes = b.Length;
        int features = W.Length / classes;
        Span<double> p = stackalloc double[classes];
        dW.Clear();
        db.Clear();
        double loss = 0, scale = 1.0 / labels.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            var x = X.Slice(i * features, features);
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                double z = b[k];
                for (int j = 0; j < features; j++) z += W[k * features + j] * x[j];
                p[k] = z;
                max = Math.Max(max, z);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += p[k] = Math.Exp(p[k] - max);
            loss += Math.Log(sum) - Math.Log(p[labels[i]]);
            for (int k = 0; k < classes; k++)
            {
                double g = (p[k] / sum - (k == labels[i] ? 1 : 0)) * scale;
                db[k] += g;
                for (int j = 0; j < features; j++) dW[k * features + j] += g * x[j];
            }
        }
        return loss * scale;
    }

    /// <summary>The seed article's training: 61 steps of w ← w + lr·(y − w·x)·x.</summary>
    public static double TrainSeed(double w, double x, double y, double lr, int steps)
    {
        for (int n = 0; n < steps; n++) w += lr * (y - w * x) * x;
        return w;
    }
}
