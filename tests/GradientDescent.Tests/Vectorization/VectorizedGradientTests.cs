using System;
using System.Linq;
using System.Numerics;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Vectorization;

/// <summary>
/// <c>Vectorize = true</c> computes the same gradient as the scalar code, up to the reassociated sums: checked for
/// every length from 0 to 3 × the vector width + 3 (empty, shorter than a vector, whole vectors, vectors and a
/// tail), against the scalar gradient and against central finite differences.
/// </summary>
public class VectorizedGradientTests
{
    /// <summary>
    /// Lane sums add the same terms in another order, and lane-wise Exp and Log may differ from Math's in the last
    /// bit: a few ulps of the magnitudes summed, far below any use of a gradient and far above what a wrong partial would leave.
    /// </summary>
    private const double Tolerance = 1e-12;

    private static readonly int Width = Vector<double>.Count;

    private static Gen<(string Name, double[] P, double[] Xs, double[] Ys)> Cases =>
        Gen.Int[0, VectorizedModels.Names.Length - 1].Select(k => VectorizedModels.Names[k]).SelectMany(name => Gen.Int[0, 3 * Width + 3].SelectMany(length =>
            Gen.Select(Points.Uniform(-1.5, 1.5, VectorizedModels.Weights(name, length)), Points.Uniform(-2, 2, length), Points.Uniform(0, 1, length))
                .Select(t => (name, t.Item1, t.Item2, t.Item3))));

    [Fact]
    public void Every_case_has_a_vector_loop_and_the_scalar_twin_has_none()
    {
        var generated = VectorizedModels.Generated.AllGeneratedSources();
        foreach (var name in VectorizedModels.Names)
        {
            Assert.Contains("global::System.Numerics.Vector<double>", Member(generated, name + "VectorizedGradient"));
            Assert.DoesNotContain("Numerics", Member(generated, name + "Gradient"));
        }
        Assert.Empty(VectorizedModels.Generated.AnalyzerDiagnostics);
    }

    [Fact]
    public void The_hardware_has_vectors_so_the_vector_loops_run()
    {
        // Without acceleration the generated code takes its scalar loops only, and these tests would compare scalar with scalar.
        Assert.True(Vector.IsHardwareAccelerated);
        Assert.True(Width >= 2);
    }

    [Fact]
    public void Vectorized_gradients_match_the_scalar_ones_at_every_length()
    {
        Cases.Sample(c =>
        {
            var (scalar, vectorized) = (new double[c.P.Length], new double[c.P.Length]);
            var value = VectorizedModels.Gradient(c.Name, false, c.P, c.Xs, c.Ys, scalar);
            var lanesValue = VectorizedModels.Gradient(c.Name, true, c.P, c.Xs, c.Ys, vectorized);
            return Close(value, lanesValue, Magnitude(c)) && scalar.Zip(vectorized).All(d => Close(d.First, d.Second, Magnitude(c)));
        }, iter: 400);
    }

    [Fact]
    public void Vectorized_values_match_the_method_itself()
    {
        Cases.Sample(c =>
        {
            var value = VectorizedModels.Gradient(c.Name, true, c.P, c.Xs, c.Ys, new double[c.P.Length]);
            return Close(VectorizedModels.Value(c.Name, false, c.P, c.Xs, c.Ys), value, Magnitude(c));
        }, iter: 200);
    }

    [Fact]
    public void Vectorized_gradients_match_central_differences()
    {
        FiniteDifferenceCheck.Run("vectorised gradients", check => Cases.Sample(c =>
        {
            var gradient = new double[c.P.Length];
            VectorizedModels.Gradient(c.Name, true, c.P, c.Xs, c.Ys, gradient);
            double F(double[] p) => VectorizedModels.Value(c.Name, true, p, c.Xs, c.Ys);
            return Enumerable.Range(0, c.P.Length).All(i => check.Agrees(F, c.P, i, gradient[i]));
        }, iter: 200));
    }

    [Fact]
    public void Vectorized_mse_gradient_is_the_hand_derived_one()
    {
        // ∂/∂w = 2/n Σ (w·x + b − y)·x, ∂/∂b = 2/n Σ (w·x + b − y)
        Cases.Where(c => c.Name == "Mse").Sample(c =>
        {
            var g = new double[2];
            VectorizedModels.Gradient("Mse", true, c.P, c.Xs, c.Ys, g);
            var n = Math.Max(c.Ys.Length, 1);
            var errors = c.Xs.Select((x, i) => c.P[0] * x + c.P[1] - c.Ys[i]).ToArray();
            return Close(g[0], 2.0 / n * errors.Select((e, i) => e * c.Xs[i]).Sum(), 10) && Close(g[1], 2.0 / n * errors.Sum(), 10);
        }, iter: 200);
    }

    /// <summary>A bound on the sizes of the terms the cases sum, to scale the tolerance.</summary>
    private static double Magnitude((string Name, double[] P, double[] Xs, double[] Ys) c) => 100 * (1 + c.Xs.Length);

    private static bool Close(double expected, double actual, double magnitude) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= Tolerance * magnitude;

    /// <summary>The text of one generated method, from its signature to the next generated member.</summary>
    internal static string Member(string source, string method)
    {
        var start = source.IndexOf(" " + method + "(", StringComparison.Ordinal);
        Assert.True(start >= 0, method + " was not generated");
        var end = source.IndexOf("[global::System.CodeDom.Compiler.GeneratedCode", start, StringComparison.Ordinal);
        return end < 0 ? source[start..] : source[start..end];
    }
}
