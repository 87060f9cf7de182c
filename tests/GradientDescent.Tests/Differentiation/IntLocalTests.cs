using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// int locals that are reassigned: a counter summed in a loop (a mean over the samples kept), an index chosen on a
/// path, compound int arithmetic; each value is a version, used in indices and in double arithmetic alike.
/// </summary>
public class IntLocalTests
{
    private const string Source = """
        using System;
        using GradientDescent;
        namespace Counts;
        public static partial class Costs
        {
            // the mean squared error over the samples whose label is not -1
            [Differentiable(nameof(w))]
            public static double MeanOverKept(double w, double[] xs, int[] labels)
            {
                double loss = 0;
                int kept = 0;
                for (int i = 0; i < xs.Length; i++)
                {
                    if (labels[i] < 0) continue;
                    double e = w * xs[i] - labels[i];
                    loss += e * e;
                    kept++;
                }
                if (kept == 0) return 0;
                return loss / kept;
            }

            [Differentiable(nameof(W))]
            public static double Chosen(double[] W, double x, int mode)
            {
                int k = 0;
                if (x > 0) k = mode % W.Length;
                else k = W.Length - 1;
                int step = 2;
                step *= k;
                step -= k;
                return W[k] * W[step] * x;
            }

            public static double ChosenAt(double[] W, double x, int mode, double[] dW) => ChosenGradient(W, x, mode, dW);
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static Type Costs => Model.Value.Type("Counts.Costs");

    [Fact]
    public void A_counter_summed_in_the_loop_divides_as_the_method_does()
    {
        Gen.Int[0, 6].SelectMany(n => Gen.Select(Points.Uniform(-2, 2), Points.Uniform(-2, 2, n), Gen.Int[-1, 2].Array[n])).Sample((w, xs, labels) =>
        {
            var args = new object[] { w, xs, labels, 0.0 };
            var value = (double)Costs.GetMethod("MeanOverKeptGradient")!.Invoke(null, args)!;
            Assert.Equal((double)Costs.GetMethod("MeanOverKept")!.Invoke(null, new object[] { w, xs, labels })!, value);
            var kept = Enumerable.Range(0, xs.Length).Where(i => labels[i] >= 0).ToList();
            var expected = kept.Count == 0 ? 0 : kept.Sum(i => 2 * (w * xs[i] - labels[i]) * xs[i]) / kept.Count;
            Assert.True(SymbolicPropertyTests.Close(expected, (double)args[3], 1e-12), $"expected {expected}, got {args[3]}");
        }, iter: 300);
    }

    [Fact]
    public void An_index_chosen_on_a_path_receives_the_derivative()
    {
        Gen.Select(Points.Uniform(-2, 2, 3), Points.Uniform(-2, 2), Gen.Int[0, 5]).Sample((W, x, mode) =>
        {
            var dW = Enumerable.Repeat(double.NaN, 3).ToArray();
            var value = (double)Costs.GetMethod("ChosenAt")!.Invoke(null, new object[] { W, x, mode, dW })!;
            Assert.Equal((double)Costs.GetMethod("Chosen")!.Invoke(null, new object[] { W, x, mode })!, value);
            var k = x > 0 ? mode % 3 : 2; // step = 2k − k = k
            var expected = new double[3];
            expected[k] += 2 * W[k] * x;
            for (var j = 0; j < 3; j++) Assert.True(SymbolicPropertyTests.Close(expected[j], dW[j], 1e-12), $"dW[{j}]: expected {expected[j]}, got {dW[j]}");
        }, iter: 300);
    }
}
