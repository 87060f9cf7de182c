namespace GradientDescent
{
    /// <summary>What a generated <c>Train…</c> did.</summary>
    public sealed class TrainingResult
    {
        internal TrainingResult(int steps, double finalCost, StopReason stopReason)
        {
            Steps = steps;
            FinalCost = finalCost;
            StopReason = stopReason;
        }

        /// <summary>The number of parameter updates made.</summary>
        public int Steps { get; }

        /// <summary>The cost at the final parameters (the last finite cost when training diverged).</summary>
        public double FinalCost { get; }

        /// <summary>Why training ended.</summary>
        public StopReason StopReason { get; }

        /// <summary>Whether training stopped before making <see cref="TrainingOptions.Steps"/> updates.</summary>
        public bool StoppedEarly => StopReason != StopReason.Completed;
    }
}
