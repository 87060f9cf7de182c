using System;
using System.ComponentModel;

namespace GradientDescent
{
    /// <summary>
    /// The bookkeeping a generated <c>Train…</c> delegates to: the optimizer's state, early stops, divergence checks
    /// and progress reports. Generated code evaluates the gradient; this decides what to do with it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class TrainingSession
    {
        private readonly TrainingOptions _options;
        private readonly double[] _previous;
        private readonly double[] _velocity;
        private readonly double[] _secondMoment;
        private int _steps;
        private double _lastCost = double.NaN;
        private StopReason? _stop;
        private readonly double _direction;
        private readonly Optimizer _optimizer; // fixed when training starts: its state arrays are sized for it

        /// <param name="options">The settings; validated here.</param>
        /// <param name="parameterCount">How many parameters are trained.</param>
        public TrainingSession(TrainingOptions options, int parameterCount) : this(options, parameterCount, Goal.Minimize)
        {
        }

        /// <param name="options">The settings; validated here.</param>
        /// <param name="parameterCount">How many parameters are trained.</param>
        /// <param name="goal">Whether the function is lowered (descent) or raised (ascent, a <see cref="Goal.Maximize"/> objective).</param>
        public TrainingSession(TrainingOptions options, int parameterCount, Goal goal)
        {
            // Ascent is descent on the negated objective: every optimizer steps along −direction · gradient.
            _direction = goal == Goal.Maximize ? -1 : 1;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _optimizer = options.Optimizer;
            _previous = new double[parameterCount];
            // Plain descent keeps no state: a call of a Train… on a 1 ns cost is mostly this bookkeeping.
            _velocity = _optimizer == Optimizer.GradientDescent ? Array.Empty<double>() : new double[parameterCount];
            _secondMoment = _optimizer == Optimizer.Adam ? new double[parameterCount] : Array.Empty<double>();
        }

        /// <summary>Whether to evaluate the gradient for another update.</summary>
        public bool Continue()
        {
            if (_stop is not null) return false;
            // Every update made is complete: a cancellation asked for during the last one stops nothing early.
            if (_steps >= _options.Steps) _stop = StopReason.Completed;
            else if (_options.CancellationToken.IsCancellationRequested) _stop = StopReason.Cancelled;
            return _stop is null;
        }

        /// <summary>Updates <paramref name="parameters"/> from the gradient at them, unless training must stop.</summary>
        /// <returns>
        /// False when training stops here: the parameters are then unchanged, or, where the cost or gradient at them is
        /// not finite, back where the last update found them, the last point with a finite cost and gradient.
        /// </returns>
        public bool Step(double cost, double[] parameters, double[] gradient)
        {
            var largest = 0.0;
            var finite = IsFinite(cost);
            for (var i = 0; i < gradient.Length; i++)
            {
                finite &= IsFinite(gradient[i]);
                largest = Math.Max(largest, Math.Abs(gradient[i]));
            }
            if (!finite)
            {
                if (_steps > 0)
                {
                    // The update that led here is undone: the result describes the last point whose cost is known.
                    for (var j = 0; j < parameters.Length; j++) parameters[j] = _previous[j];
                    _steps--;
                }
                return Stop(StopReason.Diverged);
            }
            _lastCost = cost;
            if (_options.Tolerance > 0 && Norm(gradient, largest) <= _options.Tolerance) return Stop(StopReason.Converged);

            // Loops, not Array.Copy: a handful of weights costs less than the call.
            for (var i = 0; i < parameters.Length; i++) _previous[i] = parameters[i];
            Update(parameters, gradient);
            for (var i = 0; i < parameters.Length; i++)
            {
                // Adam's second moment overflows for a gradient past 1e154 and would freeze the weights at a step of 0.
                if (IsFinite(parameters[i]) && (_secondMoment.Length == 0 || IsFinite(_secondMoment[i]))) continue;
                for (var j = 0; j < parameters.Length; j++) parameters[j] = _previous[j]; // never leave NaN weights behind
                return Stop(StopReason.Diverged);
            }

            _options.OnStep?.Invoke(new TrainingStep(_steps, cost, Norm(gradient, largest), (double[])parameters.Clone()));
            _steps++;
            return true;
        }

        /// <param name="finalCost">The cost at the final parameters.</param>
        public TrainingResult Finish(double finalCost)
        {
            var reason = _stop ?? StopReason.Completed;
            var cost = IsFinite(finalCost) ? finalCost : _lastCost;
            return new TrainingResult(_steps, cost, reason);
        }

        private bool Stop(StopReason reason)
        {
            _stop = reason;
            return false;
        }

        private void Update(double[] parameters, double[] gradient)
        {
            var rate = _options.LearningRate;
            switch (_optimizer)
            {
                case Optimizer.GradientDescent:
                    for (var i = 0; i < parameters.Length; i++) parameters[i] -= rate * _direction * gradient[i];
                    break;
                case Optimizer.Momentum:
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        _velocity[i] = _options.Momentum * _velocity[i] + _direction * gradient[i];
                        parameters[i] -= rate * _velocity[i];
                    }
                    break;
                default:
                    var t = _steps + 1;
                    var correction1 = 1 - Math.Pow(_options.Beta1, t);
                    var correction2 = 1 - Math.Pow(_options.Beta2, t);
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        _velocity[i] = _options.Beta1 * _velocity[i] + (1 - _options.Beta1) * _direction * gradient[i];
                        _secondMoment[i] = _options.Beta2 * _secondMoment[i] + (1 - _options.Beta2) * gradient[i] * gradient[i];
                        var m = _velocity[i] / correction1;
                        var v = _secondMoment[i] / correction2;
                        parameters[i] -= rate * m / (Math.Sqrt(v) + _options.Epsilon);
                    }
                    break;
            }
        }

        /// <summary>
        /// The Euclidean norm; past 1e150, scaled by the largest magnitude so that squares of gradients past 1e154 do not
        /// overflow (a finite gradient has a finite norm unless the norm itself passes double.MaxValue).
        /// </summary>
        private static double Norm(double[] gradient, double largest)
        {
            if (largest == 0) return 0;
            var squares = 0.0;
            if (largest < 1e150 && largest > 1e-150)
            {
                // No square over- or underflows: the plain sum, as it always was (gradients up to 1e150).
                for (var i = 0; i < gradient.Length; i++) squares += gradient[i] * gradient[i];
                return Math.Sqrt(squares);
            }
            for (var i = 0; i < gradient.Length; i++)
            {
                var scaled = gradient[i] / largest;
                squares += scaled * scaled;
            }
            return largest * Math.Sqrt(squares);
        }

        // x − x is 0 for every finite x and NaN for NaN and ±∞ (double.IsFinite is not in netstandard2.0).
        private static bool IsFinite(double value) => value - value == 0;
    }
}
