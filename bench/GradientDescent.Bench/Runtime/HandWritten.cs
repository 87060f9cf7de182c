using System;

namespace GradientDescent.Bench.Runtime;

/// <summary>Analytic gradients written the way a careful person would: one forward pass keeping what the backward pass needs, no allocation.</summary>
public static class HandWritten
{
    /// <summary>∂E/∂w = −(y − w·x)·x.</summary>
    public static double CostGradient(double w, double x, double y, out double dw)
    {
        double r = y - w * x;
        dw = -r * x;
        return 0.5 * r * r;
    }

    /// <summary>Backprop for <see cref="Models.Loss"/>: per sample, a forward pass storing the hidden activations, then one backward pass.</summary>
    public static double LossGradient(double[] W1, double[] b1, double[] W2, double b2, double[] xs, double[] ys,
        Span<double> dW1, Span<double> db1, Span<double> dW2, out double db2)
    {
        const int inputs = 8;
        int hidden = b1.Length;
        if (dW1.Length != W1.Length || db1.Length != hidden || dW2.Length != W2.Length) throw new ArgumentException("gradient buffers must match the weights");
        if (hidden > 256) throw new ArgumentOutOfRangeException(nameof(b1), "at most 256 hidden units (stack buffer)");
        dW1.Clear();
        db1.Clear();
        dW2.Clear();
        double gb2 = 0;
        Span<double> h = stackalloc double[hidden];
        double scale = 2.0 / ys.Length;
        double loss = 0;
        for (int s = 0; s < ys.Length; s++)
        {
            ReadOnlySpan<double> x = xs.AsSpan(s * inputs, inputs);
            double output = b2;
            for (int k = 0; k < hidden; k++)
            {
                ReadOnlySpan<double> row = W1.AsSpan(k * inputs, inputs);
                double z = b1[k];
                for (int i = 0; i < inputs; i++) z += row[i] * x[i];
                double a = Math.Tanh(z);
                h[k] = a;
                output += W2[k] * a;
            }
            double e = output - ys[s];
            loss += e * e;

            double g = scale * e; // ∂Loss/∂output for this sample
            gb2 += g;
            for (int k = 0; k < hidden; k++)
            {
                double a = h[k];
                dW2[k] += g * a;
                double dz = g * W2[k] * (1 - a * a);
                db1[k] += dz;
                Span<double> drow = dW1.Slice(k * inputs, inputs);
                for (int i = 0; i < inputs; i++) drow[i] += dz * x[i];
            }
        }
        db2 = gb2;
        return loss / ys.Length;
    }
}
