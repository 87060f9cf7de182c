using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Correct training code found by review that GD0001 must leave silent (each once a false warning or a case
/// probed for one): unusual syntax (tuples, using, lock, switch expressions, LINQ, delegates) neither throws nor warns.
/// </summary>
public class ReviewedOddSyntaxTests
{
    private const string Costs = """
        using System;
        using System.Linq;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w), nameof(b))]
            public static double Cost(double[] w, double b, double[] x, double y)
            {
                double z = b;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                double e = z - y;
                return 0.5 * e * e;
            }

            [Differentiable(nameof(w))]
            public static double Pick(double[] w, int[] idx, double[] x)
            {
                double s = 0;
                for (int k = 0; k < idx.Length; k++) { double d = w[idx[k]] - x[k]; s += d * d; }
                return s;
            }

            [Differentiable(nameof(w))]
            public static double S(double w, double x) { double e = w - x; return e * e; }
        }
        """;

    private static string With(string body) => Costs + """

        public class Training
        {
            double[] field = new double[4];
            public void Fit(double[] w, double b, double[] x, double y, double lr, int[] idx, int epochs)
            {
        BODY
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public Task C01_odd_indices() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                int j = 0;
                w[j++] -= lr * dw[j];
                w[^1] -= lr * dw[^1];
                w[idx[0]] -= lr * dw[idx[0]];
                w[(int)b] -= lr * dw[(int)b];
                w[w.Length - 1] -= lr * dw[w.Length - 1];
                w![0] -= lr * dw![0];
                (w[1]) -= lr * (dw[1]);
                w[1] = (w[1] - lr * dw[1]);
                w[2] = w[2] - (lr * dw[2]);
                w[3] += lr * dw[3] * -1;
                w[0] -= lr * dw[0] switch { > 0 => 1, _ => -1 };
                w[0] -= checked(lr * dw[0]);
                w[0] -= lr * dw.Sum();
                w[0] -= lr * dw.Max();
                field[0] -= lr * dw[0];
        """));

    [Fact]
    public Task C02_int_vector_cost() => VerifyAsync(With("""
                var g = new double[w.Length];
                Model.PickGradient(w, idx, x, g);
                for (int j = 0; j < w.Length; j++) w[j] -= lr * g[j];
                Model.PickGradient(w, idx, x, g.AsSpan());
                for (int j = 0; j < w.Length; j++) w[j] = w[j] - lr * g[j];
        """));

    [Fact]
    public Task C03_odd_statements() => VerifyAsync(With("""
                var dw = new double[w.Length];
                double s = b;
                again:
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
                if (epochs-- > 0) goto again;
                Model.SGradient(s, y, out var gs);
                s -= lr * gs;
                (s, b) = (s - lr * gs, b);
                using (var d = new System.IO.MemoryStream()) { Model.SGradient(s, y, out gs); s -= lr * gs; }
                lock (this) { Model.SGradient(s, y, out gs); s -= lr * gs; }
                unchecked { Model.SGradient(s, y, out gs); s -= lr * gs; }
                Model.SGradient(s, y, out gs); s -= gs is > 0 ? lr : -lr;
                Model.SGradient(s, y, out gs); s = s - lr * gs * (s > 0 ? 1 : 1);
                Model.SGradient(s, y, out gs); s += -lr * gs;
                foreach (var (a, c) in new[] { (1.0, 2.0) }) { Model.SGradient(s, a, out gs); s -= lr * gs * c; }
                var xs = new[] { 1.0, 2.0 };
                for (int i = 0, k = 0; i < 2; i++, k++) { Model.SGradient(s, xs[i], out gs); s -= lr * gs; }
                Model.SGradient(Model.S(s, 1), 1, out gs);
                s -= lr * gs;
                Model.SGradient(s, y, out gs);
                s -= lr * Math.Clamp(gs, -1, 1);
                Model.SGradient(s, y, out gs);
                s -= lr * Math.Tanh(gs);
        """));

    [Fact]
    public Task C04_lambdas_expression_bodies() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Func<double, double> f = z => { Model.SGradient(z, 1, out var g); z -= lr * g; return z; };
                Action a = delegate { Model.SGradient(b, 1, out var g); b -= lr * g; };
                Action<int> step = j => w[j] -= lr * dw[j];
                Model.CostGradient(w, b, x, y, dw, out _);
                Array.ForEach(Enumerable.Range(0, w.Length).ToArray(), j => w[j] -= lr * dw[j]);
        """));
}
