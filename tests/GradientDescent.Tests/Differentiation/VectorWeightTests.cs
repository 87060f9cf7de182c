using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Vector weights: <c>double[]</c> and <c>ReadOnlySpan&lt;double&gt;</c> wrt parameters get a caller-allocated
/// <c>Span&lt;double&gt;</c> gradient, overwritten, checked against hand-derived formulas and central differences.
/// </summary>
public class VectorWeightTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Vectors;

        public static partial class Models
        {
            // y ≈ w·x + b, with a little weight decay on the first weight
            [Differentiable(nameof(w), nameof(b))]
            public static double Linear(double[] w, double b, double[] x, double y)
            {
                double z = b;
                for (int i = 0; i < w.Length; i++) z += w[i] * x[i];
                return 0.5 * (y - z) * (y - z) + 0.01 * w[0] * w[0];
            }

            // a 2-layer pattern over a row-major matrix: Σ_j tanh(Σ_i W[j·n+i]·x[i]) would need nested loops; one row:
            [Differentiable(nameof(weights))]
            public static double Row(ReadOnlySpan<double> weights, double[] x, int row, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += Math.Tanh(weights[row * n + i] * x[i]);
                return s * s;
            }

            public static double LinearAt(double[] w, double b, double[] x, double y, double[] dw, double[] db)
            {
                var value = LinearGradient(w, b, x, y, dw, out var d);
                db[0] = d;
                return value;
            }

            public static double[] TrainLinearAt(double[] start, double b, double[] x, double y, int steps)
            {
                var w = (double[])start.Clone();
                var result = TrainLinear(w, ref b, x, y, new TrainingOptions { LearningRate = 0.05, Steps = steps, Optimizer = Optimizer.Momentum });
                var trained = new double[w.Length + 2];
                w.CopyTo(trained, 0);
                trained[w.Length] = b;
                trained[w.Length + 1] = result.FinalCost;
                return trained;
            }

            public static double RowValue(double[] weights, double[] x, int row, int n) => Row(weights, x, row, n);

            public static double RowAt(double[] weights, double[] x, int row, int n, double[] dweights) => RowGradient(weights, x, row, n, dweights);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static double Call(string method, params object[] arguments) =>
        (double)Model.Value.Type("Vectors.Models").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    [Fact]
    public void Linear_model_gradient_is_minus_error_times_input_per_weight()
    {
        Gen.Int[1, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, 2))).Sample((w, x, by) =>
        {
            var (b, y) = (by[0], by[1]);
            var dw = Enumerable.Repeat(double.NaN, w.Length).ToArray(); // overwritten, not accumulated
            var db = new double[1];
            var value = Call("LinearAt", w, b, x, y, dw, db);
            var error = y - (b + w.Zip(x, (a, c) => a * c).Sum());
            Assert.True(SymbolicPropertyTests.Close(0.5 * error * error + 0.01 * w[0] * w[0], value, 1e-12));
            for (var i = 0; i < w.Length; i++)
                Assert.True(SymbolicPropertyTests.Close(-error * x[i] + (i == 0 ? 0.02 * w[0] : 0), dw[i], 1e-12), $"dw[{i}]");
            Assert.True(SymbolicPropertyTests.Close(-error, db[0], 1e-12));
        }, iter: 200);
    }

    [Fact]
    public void Span_weights_indexed_through_a_matrix_row_match_central_differences()
    {
        FiniteDifferenceCheck.Run("RowValue", check => Gen.Select(Gen.Int[1, 4], Gen.Int[0, 2]).SelectMany((n, row) =>
            Gen.Select(Points.Uniform(-1, 1, 3 * n), Points.Uniform(-2, 2, n), (weights, x) => (n, row, weights, x))).Sample(t =>
        {
            var dweights = new double[t.weights.Length];
            Call("RowAt", t.weights, t.x, t.row, t.n, dweights);
            for (var k = 0; k < t.weights.Length; k++)
            {
                if (!check.Agrees(p => Call("RowValue", p, t.x, t.row, t.n), t.weights, k, dweights[k])) return false;
            }
            return true;
        }, iter: 200));
    }

    [Fact]
    public void A_gradient_span_of_the_wrong_length_is_refused()
    {
        var error = Assert.Throws<TargetInvocationException>(() => Call("LinearAt", new[] { 1.0, 2 }, 0.0, new[] { 1.0, 1 }, 1.0, new double[3], new double[1]));
        var argument = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal("dw", argument.ParamName);
    }

    [Fact]
    public void Generated_train_fits_vector_weights_in_place()
    {
        var x = new[] { 0.5, -1.0, 2.0 };
        var trained = (double[])Model.Value.Type("Vectors.Models").GetMethod("TrainLinearAt")!
            .Invoke(null, new object[] { new[] { 0.1, 0.2, 0.3 }, 0.0, x, 4.0, 2000 })!;

        var (w, b, finalCost) = (trained[..3], trained[3], trained[4]);
        Assert.Equal(4.0, b + w.Zip(x, (a, c) => a * c).Sum(), 6);   // the prediction reaches the target
        Assert.True(finalCost < 1e-10, $"final cost {finalCost}");
        Assert.NotEqual(new[] { 0.1, 0.2, 0.3 }, w);                 // the span was updated in place
    }
}
