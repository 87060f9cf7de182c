using System;
using System.Reflection;
using GradientDescent.Tests.Infrastructure;

namespace GradientDescent.Tests.Vectorization;

/// <summary>
/// Each cost twice, from one template: <c>Name</c> as written and <c>NameVectorized</c> with <c>Vectorize = true</c>,
/// each with wrappers over arrays (<c>At</c>: value, gradient into <c>g</c>; <c>Value</c>: the cost), so a test
/// compares the two gradients and checks each against finite differences.
/// </summary>
internal static class VectorizedModels
{
    /// <summary>The cases: each takes its weights flattened in <c>p</c>, and data <c>xs</c>, <c>ys</c> of one length.</summary>
    public static readonly string[] Names = { "Mse", "Dot", "Logistic", "Rows", "Uniforms", "Shifted", "Taped", "Hinge" };

    /// <summary>How many weights a case has for data of the given length.</summary>
    public static int Weights(string name, int length) => name switch
    {
        "Dot" or "Taped" => length,
        "Rows" => 3 * length,
        _ => 2,
    };

    private const string Template = """
        // a line, squared error: arithmetic, an array and a span
        [Differentiable(nameof(w), nameof(b)VECTORIZE)]
        public static double MseNAME(double w, double b, double[] xs, ReadOnlySpan<double> ys)
        {
            double s = 0;
            for (int i = 0; i < ys.Length; i++) { double e = w * xs[i] + b - ys[i]; s += e * e; }
            return s / Math.Max(ys.Length, 1);
        }
        public static double MseNAMEAt(double[] p, double[] xs, double[] ys, double[] g) { double v = MseNAMEGradient(p[0], p[1], xs, ys, out g[0], out g[1]); return v; }
        public static double MseNAMEValue(double[] p, double[] xs, double[] ys) => MseNAME(p[0], p[1], xs, ys);

        // vector weights: a sum, then the gradient added element by element
        [Differentiable(nameof(w)VECTORIZE)]
        public static double DotNAME(double[] w, double[] x, double y)
        {
            double z = 0;
            for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
            double e = z - y;
            return 0.5 * e * e;
        }
        public static double DotNAMEAt(double[] p, double[] xs, double[] ys, double[] g) => DotNAMEGradient(p, xs, ys.Length > 0 ? ys[0] : 0.5, g);
        public static double DotNAMEValue(double[] p, double[] xs, double[] ys) => DotNAME(p, xs, ys.Length > 0 ? ys[0] : 0.5);

        // log loss after a sigmoid: lane-wise Exp and Log
        [Differentiable(nameof(w), nameof(b)VECTORIZE)]
        public static double LogisticNAME(double w, double b, double[] xs, double[] ys)
        {
            double loss = 0;
            for (int i = 0; i < ys.Length; i++)
            {
                double p = 1 / (1 + Math.Exp(-(w * xs[i] + b)));
                double label = ys[i];
                loss -= label * Math.Log(p) + (1 - label) * Math.Log(1 - p);
            }
            return loss;
        }
        public static double LogisticNAMEAt(double[] p, double[] xs, double[] ys, double[] g) { double v = LogisticNAMEGradient(p[0], p[1], xs, ys, out g[0], out g[1]); return v; }
        public static double LogisticNAMEValue(double[] p, double[] xs, double[] ys) => LogisticNAME(p[0], p[1], xs, ys);

        // a layer: rows of W at an offset, an outer loop that stays scalar around inner loops that need not
        [Differentiable(nameof(W)VECTORIZE)]
        public static double RowsNAME(double[] W, double[] x)
        {
            int n = x.Length;
            double loss = 0;
            for (int r = 0; r < 3; r++)
            {
                double z = 0.25 * r;
                for (int i = 0; i < n; i++) z += W[r * n + i] * x[i];
                loss += Math.Tanh(z) * Math.Tanh(z);
            }
            return loss;
        }
        public static double RowsNAMEAt(double[] p, double[] xs, double[] ys, double[] g) => RowsNAMEGradient(p, xs, g);
        public static double RowsNAMEValue(double[] p, double[] xs, double[] ys) => RowsNAME(p, xs);

        // a value the same in every pass, a count of passes, Sqrt lane-wise, a division by a value the same in every pass
        [Differentiable(nameof(w), nameof(c)VECTORIZE)]
        public static double UniformsNAME(double w, double c, double[] xs, double[] ys)
        {
            double s = 0;
            double count = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                double scale = w * w + 1;
                s += Math.Sqrt(xs[i] * xs[i] * scale + c * c) + (ys[i] - w) / scale;
                count += 1;
            }
            return s / (count + 1);
        }
        public static double UniformsNAMEAt(double[] p, double[] xs, double[] ys, double[] g) { double v = UniformsNAMEGradient(p[0], p[1], xs, ys, out g[0], out g[1]); return v; }
        public static double UniformsNAMEValue(double[] p, double[] xs, double[] ys) => UniformsNAME(p[0], p[1], xs, ys);

        // an element before the index (i - 1), a loop from 1
        [Differentiable(nameof(w), nameof(c)VECTORIZE)]
        public static double ShiftedNAME(double w, double c, double[] xs, double[] ys)
        {
            double s = 0;
            for (int i = 1; i < xs.Length; i++) { double d = w * xs[i] - c * xs[i - 1] - ys[i]; s += d * d; }
            return s;
        }
        public static double ShiftedNAMEAt(double[] p, double[] xs, double[] ys, double[] g) { double v = ShiftedNAMEGradient(p[0], p[1], xs, ys, out g[0], out g[1]); return v; }
        public static double ShiftedNAMEValue(double[] p, double[] xs, double[] ys) => ShiftedNAME(p[0], p[1], xs, ys);

        // a choice per pass (a lane mask), one the same in every pass, and a compound condition
        [Differentiable(nameof(w), nameof(c)VECTORIZE)]
        public static double HingeNAME(double w, double c, double[] xs, double[] ys)
        {
            double s = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                double m = w * xs[i] - ys[i];
                s += m > 0 ? m * m : c * m;
                s += w > 0.5 ? c * xs[i] : w * xs[i];
                s += xs[i] > 0 && !(ys[i] >= 0.5) ? c * c * xs[i] : 0;
                s += xs[i] < 1 || w < 0 ? w * ys[i] : 0;
            }
            return s;
        }
        public static double HingeNAMEAt(double[] p, double[] xs, double[] ys, double[] g) { double v = HingeNAMEGradient(p[0], p[1], xs, ys, out g[0], out g[1]); return v; }
        public static double HingeNAMEValue(double[] p, double[] xs, double[] ys) => HingeNAME(p[0], p[1], xs, ys);

        // a loop that keeps a value per pass (Exp) on its tape for the backward pass
        [Differentiable(nameof(w)VECTORIZE)]
        public static double TapedNAME(double[] w, double[] xs)
        {
            double s = 0;
            for (int k = 0; k < w.Length; k++) s += Math.Exp(w[k] * xs[k]);
            return Math.Log(1 + s);
        }
        public static double TapedNAMEAt(double[] p, double[] xs, double[] ys, double[] g) => TapedNAMEGradient(p, xs, g);
        public static double TapedNAMEValue(double[] p, double[] xs, double[] ys) => TapedNAME(p, xs);
        """;

    public static readonly string Source = """
        using System;
        using GradientDescent;

        namespace Lanes;

        public static partial class Models
        {
        """ + "\n" + Template.Replace("NAME", "").Replace("VECTORIZE", "") + "\n" +
        Template.Replace("NAME", "Vectorized").Replace("VECTORIZE", ", Vectorize = true") + "\n}\n";

    private static readonly Lazy<GenerationResult> Generation = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<CompiledModel> Compiled = new(() => CompiledModel.Build(Source));

    public static GenerationResult Generated => Generation.Value;

    /// <summary>The value and gradient of a case, scalar or vectorised.</summary>
    public static double Gradient(string name, bool vectorized, double[] p, double[] xs, double[] ys, double[] g) =>
        Call(name + (vectorized ? "Vectorized" : "") + "At", p, xs, ys, g);

    public static double Value(string name, bool vectorized, double[] p, double[] xs, double[] ys) =>
        Call(name + (vectorized ? "Vectorized" : "") + "Value", p, xs, ys);

    private static double Call(string method, params object[] arguments) =>
        (double)Compiled.Value.Type("Lanes.Models").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
}
