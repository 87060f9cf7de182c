using System;

namespace GradientDescent.Bench.Runtime;

/// <summary>The costs the runtime mode measures; the generator writes <c>CostGradient</c> and <c>LossGradient</c>.</summary>
public static partial class Models
{
    /// <summary>The seed article's cost E = ½(y − w·x)², with respect to w.</summary>
    [Differentiable(nameof(w))]
    public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }

    /// <summary>
    /// Mean squared error of an 8-16-1 tanh network over the samples: W1 is the 16×8 hidden layer, row-major;
    /// xs holds 8 inputs per sample, row-major; ys one target per sample.
    /// </summary>
    [Differentiable(nameof(W1), nameof(b1), nameof(W2), nameof(b2))]
    public static double Loss(double[] W1, double[] b1, double[] W2, double b2, double[] xs, double[] ys)
    {
        int inputs = 8;
        double loss = 0;
        for (int s = 0; s < ys.Length; s++)
        {
            double output = b2;
            for (int k = 0; k < b1.Length; k++)
            {
                double z = b1[k];
                for (int i = 0; i < inputs; i++) z += W1[k * inputs + i] * xs[s * inputs + i];
                output += W2[k] * Math.Tanh(z);
            }
            double e = output - ys[s];
            loss += e * e;
        }
        return loss / ys.Length;
    }

    /// <summary><see cref="Loss"/> with Vectorize = true: its input dot products and their backward loops run in System.Numerics vectors.</summary>
    [Differentiable(nameof(W1), nameof(b1), nameof(W2), nameof(b2), Vectorize = true)]
    public static double LossVectorized(double[] W1, double[] b1, double[] W2, double b2, double[] xs, double[] ys)
    {
        int inputs = 8;
        double loss = 0;
        for (int s = 0; s < ys.Length; s++)
        {
            double output = b2;
            for (int k = 0; k < b1.Length; k++)
            {
                double z = b1[k];
                for (int i = 0; i < inputs; i++) z += W1[k * inputs + i] * xs[s * inputs + i];
                output += W2[k] * Math.Tanh(z);
            }
            double e = output - ys[s];
            loss += e * e;
        }
        return loss / ys.Length;
    }
}
