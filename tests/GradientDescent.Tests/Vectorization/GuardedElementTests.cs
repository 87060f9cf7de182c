using System;
using System.Linq;
using System.Reflection;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Vectorization;

/// <summary>
/// A vector pass loads every lane's element, so a loop reading an element only some passes reach stays scalar
/// under <c>Vectorize = true</c>: its gradient throws only where the method does.
/// </summary>
public class GuardedElementTests
{
    private const string Source = """
        #pragma warning disable GD0014 // the point: this loop stays scalar
        using GradientDescent;
        namespace Guarded;
        public static partial class Models
        {
            [Differentiable(nameof(w), Vectorize = true)]
            public static double Masked(double w, double[] xs, double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) s += xs[i] > 0 ? ys[i] * w : 0;
                return s;
            }
        }
        """;

    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    [Fact]
    public void Where_ys_is_shorter_than_xs_but_only_its_passes_are_taken_the_gradient_is_the_methods_and_does_not_throw()
    {
        var type = Model.Value.Type("Guarded.Models");
        // Longer than any vector, so a vector loop would run; only the first two passes read ys.
        var xs = Enumerable.Range(0, 19).Select(k => k < 2 ? 1.0 : -1.0).ToArray();
        var ys = new[] { 3.0, 5.0 };
        Assert.Equal(16.0, (double)type.GetMethod("Masked")!.Invoke(null, new object[] { 2.0, xs, ys })!);
        var arguments = new object?[] { 2.0, xs, ys, null };
        type.GetMethod("MaskedGradient", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        Assert.Equal(8.0, (double)arguments[3]!); // ∂/∂w = ys[0] + ys[1]
    }
}
