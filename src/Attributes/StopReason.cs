namespace GradientDescent
{
    /// <summary>Why training ended.</summary>
    public enum StopReason
    {
        /// <summary>All <see cref="TrainingOptions.Steps"/> updates were made.</summary>
        Completed,

        /// <summary>The gradient norm fell to <see cref="TrainingOptions.Tolerance"/> or below.</summary>
        Converged,

        /// <summary>The cost, the gradient or an updated parameter was NaN or infinite (the learning rate is too large);
        /// the parameters keep their last finite values.</summary>
        Diverged,

        /// <summary><see cref="TrainingOptions.CancellationToken"/> was cancelled.</summary>
        Cancelled,
    }
}
