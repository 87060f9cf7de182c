namespace GradientDescent
{
    /// <summary>Whether a <see cref="DifferentiableAttribute"/> function is a cost to lower or an objective to raise.</summary>
    public enum Goal
    {
        /// <summary>A cost, loss or error: training moves against the gradient (gradient descent). The default.</summary>
        Minimize = 0,

        /// <summary>
        /// An objective such as a log-likelihood or a reward: training moves along the gradient (gradient ascent), and
        /// GD0001 flags updates that descend it.
        /// </summary>
        Maximize = 1,
    }
}
