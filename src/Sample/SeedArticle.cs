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
        // Generated at compile time: 61 updates (n = 0..60) of w -= lr · ∂Cost/∂w, with ∂Cost/∂w = -(y - yOut)·x.
        Model.TrainCost(ref w, X, YTrue, new TrainingOptions
        {
            LearningRate = LearningRate,
            Steps = Steps + 1,
            OnStep = step => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steps:{step.Step} E_cost:{step.Cost:F3} w:{step.Parameters[0]:F3}")),
        });
        return w;
    }

    /// <summary>The same loop written by hand with the generated gradient, as the article writes it.</summary>
    /// <returns>The learned weight.</returns>
    public static double TrainByHand(TextWriter output)
    {
        double w = InitialWeight;
        for (int n = 0; n <= Steps; n++)
        {
            double cost = Model.CostGradient(w, X, YTrue, out double dw);
            w -= LearningRate * dw; // descent; the article writes w + lr·grad because its grad = (y − ŷ)·x = −dw
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steps:{n} E_cost:{cost:F3} w:{w:F3}"));
        }
        return w;
    }
}
