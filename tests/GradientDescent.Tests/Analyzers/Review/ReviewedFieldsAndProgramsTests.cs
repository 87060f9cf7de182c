using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Correct training code found by review that GD0001 must leave silent (each once a false warning or a case
/// probed for one): fields, instance methods, static constructors, property setters and top-level statements.
/// </summary>
public class ReviewedFieldsAndProgramsTests
{
    private const string Costs = """
        using System;
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

            [Differentiable(nameof(w1), nameof(w2))]
            public static double Two(double[] w1, double[] w2, double[] x, double y)
            {
                double z = 0;
                for (int k = 0; k < w1.Length; k++) z += (w1[k] - w2[k]) * x[k];
                double e = z - y;
                return 0.5 * e * e;
            }
        }
        """;

    [Fact]
    public Task F01_instance_method_steps_then_undo() => VerifyAsync(Costs + """

        public sealed class Trainer
        {
            private readonly double[] w = new double[4];
            private readonly double[] dw = new double[4];
            private double b;
            private double lr = 0.1;

            private void ApplyStep() { for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j]; }

            public void Epoch(double[] x, double y)
            {
                Model.CostGradient(w, b, x, y, dw, out double db);
                double before = Model.Cost(w, b, x, y);
                ApplyStep();
                if (Model.Cost(w, b, x, y) > before)
                    for (int j = 0; j < w.Length; j++) this.w[j] += lr * dw[j];
            }
        }
        """);

    [Fact]
    public Task F02_instance_method_negates_field_gradient() => VerifyAsync(Costs + """

        public sealed class Trainer
        {
            private readonly double[] w = new double[4];
            private readonly double[] grad = new double[4];
            private double lr = 0.1;

            private void ToStep() { for (int j = 0; j < grad.Length; j++) grad[j] *= -lr; }

            public void Epoch(double[] x, double y)
            {
                Model.CostGradient(w, 0, x, y, grad, out _);
                ToStep();
                for (int j = 0; j < w.Length; j++) w[j] += grad[j];
            }
        }
        """);

    [Fact]
    public Task F03_fields_this_ctor_setter_silent() => VerifyAsync(Costs + """

        public sealed class Trainer
        {
            private static readonly double[] W0 = new double[4];
            private readonly double[] w = new double[4];
            private readonly double[] dw = new double[4];
            private double lr = 0.1;

            static Trainer()
            {
                var g = new double[4];
                Model.CostGradient(W0, 0, new double[4], 1, g, out _);
                for (int j = 0; j < W0.Length; j++) W0[j] -= 0.1 * g[j];
            }

            public double[] X
            {
                set
                {
                    Model.CostGradient(this.w, 0, value, 1, this.dw, out _);
                    for (int j = 0; j < w.Length; j++) this.w[j] -= lr * this.dw[j];
                }
            }

            public void Epoch(double[] x, double y)
            {
                Model.CostGradient(this.w, 0, x, y, dw, out _);
                for (int j = 0; j < w.Length; j++) w[j] = w[j] - this.lr * dw[j];
            }
        }
        """);

    [Fact]
    public Task F04_two_weight_arrays_one_call() => VerifyAsync(Costs + """

        public static class Training
        {
            public static void Fit(double[] w1, double[] w2, double[] x, double y, double lr)
            {
                var d1 = new double[w1.Length];
                var d2 = new double[w2.Length];
                Model.TwoGradient(w1, w2, x, y, d1, d2);
                for (int j = 0; j < w1.Length; j++) w1[j] += lr * d2[j];
                Model.TwoGradient(w1, w2, x, y, d1, d2);
                for (int j = 0; j < w2.Length; j++) w2[j] += lr * d1[j];
                Model.TwoGradient(w1, w2, x, y, d1, d2);
                for (int j = 0; j < w1.Length; j++) { w1[j] -= lr * d1[j]; w2[j] -= lr * d2[j]; }
            }
        }
        """);

    [Fact]
    public Task F05_same_array_both_arguments() => VerifyAsync(Costs + """

        public static class Training
        {
            public static void Fit(double[] w, double[] x, double y, double lr)
            {
                var d1 = new double[w.Length];
                var d2 = new double[w.Length];
                var u = new double[w.Length];
                Model.TwoGradient(w, u, x, y, d1, d2);
                for (int j = 0; j < w.Length; j++) w[j] -= lr * d1[j];
            }
        }
        """);

    [Fact]
    public Task F06_jagged_and_2d() => VerifyAsync(Costs + """

        public static class Training
        {
            public static void Fit(double[][] layers, double[,] m, double[] x, double y, double lr)
            {
                var dw = new double[layers[0].Length];
                Model.CostGradient(layers[0], 0, x, y, dw, out _);
                for (int j = 0; j < dw.Length; j++) layers[0][j] -= lr * dw[j];
                var w = layers[1];
                Model.CostGradient(w, 0, x, y, dw, out _);
                for (int j = 0; j < dw.Length; j++) layers[1][j] -= lr * dw[j];
                for (int j = 0; j < dw.Length; j++) m[0, j] -= lr * dw[j];
            }
        }
        """);

    [Fact]
    public Task F07_top_level_arrays() => VerifyProgramAsync("""
        using System;
        using GradientDescent;

        var w = new double[] { 0.1, 0.2 };
        var x = new double[] { 1, 2 };
        var dw = new double[2];
        double lr = 0.1;
        for (int epoch = 0; epoch < 100; epoch++)
        {
            Model.CostGradient(w, 0, x, 3, dw, out _);
            for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
        }
        Model.CostGradient(w, 0, x, 3, dw, out _);
        Flip(dw);
        for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
        Console.WriteLine(w[0]);

        static void Flip(double[] a) { for (int i = 0; i < a.Length; i++) a[i] = -a[i]; }

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
        }
        """);

    [Fact]
    public Task F08_top_level_local_function_mutates() => VerifyProgramAsync("""
        using System;
        using GradientDescent;

        var w = new double[] { 0.1, 0.2 };
        var x = new double[] { 1, 2 };
        var dw = new double[2];
        double lr = 0.1;
        Model.CostGradient(w, 0, x, 3, dw, out _);
        Flip();
        for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
        Console.WriteLine(w[0]);

        void Flip() { for (int i = 0; i < dw.Length; i++) dw[i] = -dw[i]; }

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
        }
        """);
}
