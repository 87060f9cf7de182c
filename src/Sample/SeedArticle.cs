using System.Globalization;
using System.IO;

namespace GradientDescent.Sample;

/// <summary>The seed article, step for step: learn 1 m = 100 cm as y = w·x by gradient descent.</summary>
public static class SeedArticle
{
    public const double X = 1;        // the input: 1 m
    public const double YTrue = 100;  // its label: 100 cm
    public const double LearningRate = 0.2;
    public const int Steps = 60;
    public const double InitialWeight = 0.1;

    /// <summary>Trains w and writes one line per step, <c>steps:n E_cost:… w:…</c> (cost before the update, w after).</summary>
    /// <returns>The learned weight.</returns>
    public static double Train(TextWriter output)
    {
        double w = InitialWeight;
        for (int n = 0; n <= Steps; n++)
        {
            // Generated at compile time: the cost and its exact derivative dw = ∂Cost/∂w = -(y - yOut)·x.
            double cost = Model.CostGradient(w, X, YTrue, out double dw);
            w -= LearningRate * dw; // descent; the article writes w + lr·grad because its grad = (y − ŷ)·x = −dw
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steps:{n} E_cost:{cost:F3} w:{w:F3}"));
        }
        return w;
    }
}
