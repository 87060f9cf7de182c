namespace GradientDescent.Tests.Generator;

/// <summary>The inputs whose generated source is pinned by snapshots; other tests compile and run them too.</summary>
internal static class SnapshotSources
{
    public const string SeedCost = """
        using GradientDescent;

        namespace Demo;

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }
        }
        """;

    public const string BiasSigmoid = """
        using System;
        using GradientDescent;

        namespace Demo
        {
            public static partial class Neuron
            {
                [Differentiable(nameof(w), nameof(b))]
                public static double Cost(double w, double b, double x, double y)
                {
                    double z = w * x + b;
                    double p = 1 / (1 + Math.Exp(-z));
                    return 0.5 * (y - p) * (y - p);
                }
            }
        }
        """;

    public const string Tanh = """
        using System;
        using GradientDescent;

        public static partial class TanhLayer
        {
            [Differentiable(nameof(w), nameof(b))]
            internal static double Cost(double w, double b, double x, double y)
            {
                var a = Math.Tanh(w * x + b);
                return (a - y) * (a - y);
            }
        }
        """;

    public const string Rosenbrock = """
        using GradientDescent;

        namespace Demo;

        public static partial class Functions
        {
            [Differentiable]
            public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }
        """;

    public const string LogLoss = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Logistic
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double LogLoss(double w, double b, double x, double y)
            {
                double p = 1.0 / (1.0 + Math.Exp(-(w * x + b)));
                return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
            }
        }
        """;

    public const string CompoundAssignment = """
        using GradientDescent;

        namespace Demo;

        public static partial class Accumulate
        {
            [Differentiable(nameof(a))]
            public static double Cost(double a, double x)
            {
                double s = a * x;
                s += a;
                s *= s;
                s -= x;
                s /= 2;
                s++;
                return s;
            }
        }
        """;

    public const string Constants = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static class Physics
        {
            public const double G = 9.81;
        }

        public partial struct Projectile
        {
            private const double Drag = 0.5;
            private static readonly double Scale = 2.0;

            [Differentiable(nameof(v))]
            private static double Height(double v, double t)
            {
                const double half = 1 / 2.0;
                return Scale * (v * t - half * Physics.G * t * t) - Drag * v * v + Math.PI;
            }
        }
        """;

    public const string Rejected = """
        using GradientDescent;

        namespace Demo;

        public static partial class Broken
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x)
            {
                double sum = 0;
                try
                {
                    sum = w * x;
                }
                finally
                {
                }
                return sum;
            }
        }
        """;

    public const string NestedAndFunctions = """
        using System;
        using GradientDescent;

        namespace Demo.Nested
        {
            public partial class Outer<T>
            {
                internal partial record Shapes
                {
                    [Differentiable]
                    private protected static double Mix(double u, double v) =>
                        Math.Max(u, v) + Math.Min(u * v, 1) + Math.Abs(u - v) + Math.Sqrt(u * u + v * v)
                        + Math.Pow(u, v) + Math.Atan(u / v) + Math.Sin(u) * Math.Cos(v) + Math.Tan(v) + Math.Log(v);
                }
            }
        }
        """;

    public const string CallChain = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Network
        {
            [Differentiable]
            private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

            [Differentiable(nameof(yOut))]
            public static double Loss(double yTrue, double yOut) => 0.5 * (yTrue - yOut) * (yTrue - yOut);

            [Differentiable(nameof(w), nameof(b))]
            public static double Cost(double w, double b, double x, double y)
            {
                double p = Sigmoid(w * x + b);
                return Loss(y, p);
            }
        }
        """;

    public const string CustomDerivative = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Smooth
        {
            public static double SoftPlus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

            [DerivativeOf(nameof(SoftPlus))]
            public static double SoftPlusGradient(double x, out double dx)
            {
                dx = 1 / (1 + Math.Exp(-x));
                return SoftPlus(x);
            }

            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) => 0.5 * (y - SoftPlus(w * x)) * (y - SoftPlus(w * x));
        }
        """;

    public const string ControlFlow = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Piecewise
        {
            [Differentiable(nameof(w))]
            public static double Hinge(double w, double x, double y)
            {
                double margin = 1 - y * w * x;
                if (margin < 0) margin = 0;
                return margin;
            }

            [Differentiable(nameof(w), nameof(b))]
            public static double Huber(double w, double b, double x, double y)
            {
                double r = y - (w * x + b);
                if (Math.Abs(r) <= 1.0)
                    return 0.5 * r * r;
                return Math.Abs(r) - 0.5;
            }

            [Differentiable]
            public static double Clamp(double u) => u < 0 ? 0 : u > 1 ? 1 : u * u;
        }
        """;

    public const string SumOverData = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Regression
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double MeanSquaredError(double w, double b, double[] xs, double[] ys)
            {
                double sum = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    double e = ys[i] - (w * xs[i] + b);
                    sum += e * e;
                }
                return sum / xs.Length;
            }

            [Differentiable(nameof(w))]
            public static double LogLoss(double w, ReadOnlySpan<double> xs, int n)
            {
                double loss = 0;
                foreach (var x in xs)
                {
                    double p = 1 / (1 + Math.Exp(-w * x));
                    loss -= Math.Log(p);
                }
                return loss / n;
            }
        }
        """;

    public const string VectorWeights = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Perceptron
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Cost(double[] w, double b, ReadOnlySpan<double> x, double y)
            {
                double z = b;
                for (int i = 0; i < w.Length; i++) z += w[i] * x[i];
                double p = 1 / (1 + Math.Exp(-z));
                return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
            }
        }
        """;

    public const string LoopWithTape = """
        using GradientDescent;

        namespace Demo;

        public static partial class Growth
        {
            // compound growth with rates that depend on w: a product, so each pass's start is taped
            [Differentiable(nameof(w))]
            public static double Final(double w, double[] rates)
            {
                double p = 1;
                for (int i = 0; i < rates.Length; i++) p *= 1 + w * rates[i];
                return p;
            }
        }
        """;

    public const string DenseLayer = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Network
        {
            // one tanh layer, weights row-major: W[j * n + i] connects input i to unit j
            [Differentiable(nameof(W), nameof(b))]
            public static double Dense(double[] W, double[] b, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
            {
                int n = x.Length;
                double loss = 0;
                for (int j = 0; j < b.Length; j++)
                {
                    double z = b[j];
                    for (int i = 0; i < n; i++) z += W[j * n + i] * x[i];
                    double a = Math.Tanh(z);
                    loss += (a - y[j]) * (a - y[j]);
                }
                return loss / b.Length;
            }
        }
        """;

    public const string Softmax = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Classifier
        {
            // cross-entropy of a linear softmax classifier, the max subtracted so Exp cannot overflow
            [Differentiable(nameof(W), nameof(b))]
            public static double Loss(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> X, ReadOnlySpan<int> labels)
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

            [Differentiable(nameof(a), nameof(b))]
            public static double Initialised(double a, double b)
            {
                double[] c = { a * b, a + b, Math.Sin(a) };
                double s = 0;
                for (int k = 0; k < c.Length; k++) s += c[k] * c[k];
                return s;
            }
        }
        """;

    public const string DataStoppedLoops = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Iterations
        {
            // Newton's iteration for the square root, run until the step is small
            [Differentiable(nameof(a))]
            public static double NewtonSqrt(double a)
            {
                if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), "a must be positive");
                double x = a;
                double step = 1;
                while (Math.Abs(step) > 1e-12)
                {
                    double next = 0.5 * (x + a / x);
                    step = next - x;
                    x = next;
                }
                return x;
            }

            [Differentiable(nameof(w))]
            public static double Penalised(double w, double[] xs, int norm)
            {
                double loss = 0;
                foreach (var x in xs)
                {
                    if (x < 0) continue;
                    loss += (w * x - 1) * (w * x - 1);
                }
                switch (norm)
                {
                    case 1:
                        loss += Math.Abs(w);
                        break;
                    case 2:
                        loss += w * w;
                        break;
                }
                if (xs.Length > 2)
                {
                    for (int i = 2; i < xs.Length; i++) loss += Math.Log(1 + w * w * xs[i - 2] * xs[i - 2]);
                }
                return loss;
            }
        }
        """;

    public const string WrittenParameter = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class InPlace
        {
            // prefix sums written into the parameter: the gradient works on a copy and runs the passes last to first
            [Differentiable(nameof(p))]
            public static double PrefixSquares(double[] p)
            {
                for (int i = 1; i < p.Length; i++) p[i] += p[i - 1];
                double s = 0;
                for (int i = 0; i < p.Length; i++) s += p[i] * p[i];
                return s;
            }
        }
        """;

    public const string RefilledArray = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Layers
        {
            // the activation applied in place: the refill writes a new version of z, a copy of the first fill
            [Differentiable(nameof(w))]
            public static double Layer(double[] w, double[] x, double[] c)
            {
                double[] z = new double[w.Length];
                for (int j = 0; j < w.Length; j++) z[j] = w[j] * x[j];
                for (int j = 0; j < w.Length; j++) z[j] = Math.Tanh(z[j]);
                double s = 0;
                for (int j = 0; j < w.Length; j++) s += z[j] * c[j];
                return s;
            }
        }
        """;

    public const string ArrayArguments = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Spans
        {
            [Differentiable(nameof(a))]
            private static double SumSquares(ReadOnlySpan<double> a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * a[i];
                return s;
            }

            // a local array and a slice handed to the helper: its gradient span goes into their elements
            [Differentiable(nameof(w))]
            public static double Cost(double[] w, double[] x)
            {
                double[] z = new double[w.Length];
                for (int j = 0; j < w.Length; j++) z[j] = w[j] * x[j];
                return SumSquares(z) + SumSquares(w.AsSpan(1, 2));
            }
        }
        """;

    /// <summary>Vectorize = true: a data loop and a dense layer's rows, with System.Numerics vectors and a scalar tail.</summary>
    public const string Vectorized = """
        using System;
        using GradientDescent;

        namespace Demo;

        public static partial class Lanes
        {
            [Differentiable(nameof(w), nameof(b), Vectorize = true)]
            public static double MeanSquaredError(double w, double b, double[] xs, ReadOnlySpan<double> ys)
            {
                double sum = 0;
                for (int i = 0; i < ys.Length; i++)
                {
                    double e = w * xs[i] + b - ys[i];
                    sum += e * e;
                }
                return sum / ys.Length;
            }

            [Differentiable(nameof(W), Vectorize = true)]
            public static double Layer(double[] W, ReadOnlySpan<double> x, double y)
            {
                int n = x.Length;
                double output = 0;
                for (int j = 0; j < W.Length / n; j++)
                {
                    double z = 0;
                    for (int i = 0; i < n; i++) z += W[j * n + i] * x[i];
                    output += Math.Tanh(z);
                }
                return 0.5 * (output - y) * (output - y);
            }
        }
        """;
}
