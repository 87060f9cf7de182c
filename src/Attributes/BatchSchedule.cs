using System;
using System.ComponentModel;

namespace GradientDescent
{
    /// <summary>
    /// Which samples each update of a generated dataset <c>Train…</c> averages over: all of them, or consecutive
    /// mini-batches of a (optionally shuffled, seeded) order, wrapping around at the end of each pass.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class BatchSchedule
    {
        private readonly int[] _order;
        private readonly int _batchSize;
        private readonly Random? _random;
        private int _next;

        /// <param name="samples">How many samples the dataset has; at least one.</param>
        /// <param name="options">Batch size, shuffle and seed.</param>
        public BatchSchedule(int samples, TrainingOptions options)
        {
            if (samples <= 0) throw new ArgumentException("The dataset has no samples.", nameof(samples));
            if (options is null) throw new ArgumentNullException(nameof(options));
            _order = new int[samples];
            for (var i = 0; i < samples; i++) _order[i] = i;
            _batchSize = options.BatchSize == 0 || options.BatchSize > samples ? samples : options.BatchSize;
            _random = options.Shuffle ? new Random(options.Seed) : null;
            ShuffleOrder();
        }

        /// <summary>The sample indices, in visiting order; a batch is a run of <see cref="Count"/> of them from <see cref="Start"/>.</summary>
        public int[] Order => _order;

        /// <summary>Where the current batch starts in <see cref="Order"/>.</summary>
        public int Start { get; private set; }

        /// <summary>How many samples the current batch has.</summary>
        public int Count { get; private set; }

        /// <summary>Moves to the next batch.</summary>
        public void Next()
        {
            if (_next >= _order.Length)
            {
                _next = 0;
                ShuffleOrder();
            }
            Start = _next;
            Count = Math.Min(_batchSize, _order.Length - _next);
            _next += Count;
        }

        private void ShuffleOrder()
        {
            if (_random is null) return;
            for (var i = _order.Length - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
        }
    }
}
