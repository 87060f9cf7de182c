using System;
using System.Threading;

namespace GradientDescent
{
    /// <summary>Settings of a generated <c>Train…</c> method.</summary>
    public sealed class TrainingOptions
    {
        /// <summary>η, the step size. Must be finite and positive.</summary>
        public double LearningRate { get; set; } = 0.01;

        /// <summary>The number of parameter updates. Training makes exactly this many unless it stops early.</summary>
        public int Steps { get; set; } = 100;

        /// <summary>Called once per update, after it.</summary>
        public Action<TrainingStep>? OnStep { get; set; }

        /// <summary>Stop (<see cref="StopReason.Converged"/>) when the gradient norm is at most this; 0 never stops early.</summary>
        public double Tolerance { get; set; }

        /// <summary>The update rule; plain gradient descent by default. Read once, when training starts.</summary>
        public Optimizer Optimizer { get; set; } = Optimizer.GradientDescent;

        /// <summary>μ for <see cref="Optimizer.Momentum"/>, in [0, 1).</summary>
        public double Momentum { get; set; } = 0.9;

        /// <summary>β₁ for <see cref="Optimizer.Adam"/>, in [0, 1).</summary>
        public double Beta1 { get; set; } = 0.9;

        /// <summary>β₂ for <see cref="Optimizer.Adam"/>, in [0, 1).</summary>
        public double Beta2 { get; set; } = 0.999;

        /// <summary>ε for <see cref="Optimizer.Adam"/>, positive.</summary>
        public double Epsilon { get; set; } = 1e-8;

        /// <summary>For datasets: samples per update (a mini-batch); 0 uses every sample in every update.</summary>
        public int BatchSize { get; set; }

        /// <summary>For datasets: visit the samples in a new random order in each pass over them.</summary>
        public bool Shuffle { get; set; }

        /// <summary>For datasets: the seed of the shuffle, so a run can be repeated.</summary>
        public int Seed { get; set; }

        /// <summary>Stops training (<see cref="StopReason.Cancelled"/>) before the next update once cancelled.</summary>
        public CancellationToken CancellationToken { get; set; }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
        public void Validate()
        {
            if (double.IsNaN(LearningRate) || double.IsInfinity(LearningRate) || LearningRate <= 0)
                throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and positive.");
            if (Steps < 0)
                throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "The number of steps cannot be negative.");
            if (double.IsNaN(Tolerance) || Tolerance < 0)
                throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be zero or positive.");
            if (!IsFraction(Momentum)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
            if (!IsFraction(Beta1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "β₁ must be in [0, 1).");
            if (!IsFraction(Beta2)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "β₂ must be in [0, 1).");
            if (double.IsNaN(Epsilon) || Epsilon <= 0) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be positive.");
            if (BatchSize < 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size cannot be negative.");
            // A range check, not Enum.IsDefined: that boxes and reflects on every training call.
            if (Optimizer < Optimizer.GradientDescent || Optimizer > Optimizer.Adam) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
        }

        private static bool IsFraction(double value) => value >= 0 && value < 1;
    }
}
