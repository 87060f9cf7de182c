namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// The costs and training method the element-update tests share: a linear model with vector weights whose cost
/// calls another [Differentiable] method, and a helper that changes a buffer where the analysis does not follow.
/// </summary>
internal static class ElementUpdateFixture
{
    public const string Costs = """
        using System;
        using System.Collections.Generic;
        using GradientDescent;

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Predict(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
            {
                double z = 0;
                for (int k = 0; k < w.Length; k++) z += w[k] * x[k];
                return z;
            }

            [Differentiable(nameof(w), nameof(b))]
            public static double Cost(double[] w, double b, ReadOnlySpan<double> x, double y)
            {
                double e = Predict(w, x) + b - y;
                return 0.5 * e * e;
            }
        }
        """;

    /// <summary><paramref name="body"/> as the body of <c>Fit(double[] w, ref double b, double[] x, double y, double lr, int epochs)</c>.</summary>
    public static string With(string body) => Costs + """

        public static class Training
        {
            public static void Fit(double[] w, ref double b, double[] x, double y, double lr, int epochs)
            {
        BODY
            }

            private static void Negate(double[] a) { for (int i = 0; i < a.Length; i++) a[i] = -a[i]; }
        }
        """.Replace("BODY", body);
}
