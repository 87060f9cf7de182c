using System.Collections.Generic;

namespace GradientDescent
{
    /// <summary>One parameter update, as <see cref="TrainingOptions.OnStep"/> sees it.</summary>
    public sealed class TrainingStep
    {
        internal TrainingStep(int step, double cost, double gradientNorm, double[] parameters)
        {
            Step = step;
            Cost = cost;
            GradientNorm = gradientNorm;
            Parameters = parameters;
        }

        /// <summary>0-based index of the update.</summary>
        public int Step { get; }

        /// <summary>The cost at the parameters before this update (the gradient evaluation gives it for free).</summary>
        public double Cost { get; }

        /// <summary>The Euclidean norm of the gradient this update used.</summary>
        public double GradientNorm { get; }

        /// <summary>The parameters after the update, in the order of the method's wrt parameters.</summary>
        public IReadOnlyList<double> Parameters { get; }
    }
}
