using GradientDescent;

namespace GradientDescent.Sample;

/// <summary>The seed article's model: learn y = w·x from one sample (x = 1 m, y = 100 cm).</summary>
public static partial class Model
{
    /// <summary>E = ½(y − ŷ)², with ŷ = w·x.</summary>
    [Differentiable(nameof(w))]
    public static double Cost(double w, double x, double y)
    {
        double yOut = w * x;
        return 0.5 * (y - yOut) * (y - yOut);
    }
}
