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
            _previous = new double[parameterCount];
            _velocity = new double[parameterCount];
            _secondMoment = options.Optimizer == Optimizer.Adam ? new double[parameterCount] : Array.Empty<double>();
        }

        /// <summary>Whether to evaluate the gradient for another update.</summary>
        public bool Continue()
        {
            if (_stop is not null) return false;
            if (_options.CancellationToken.IsCancellationRequested) _stop = StopReason.Cancelled;
            else if (_steps >= _options.Steps) _stop = StopReason.Completed;
            return _stop is null;
        }

        /// <summary>Updates <paramref name="parameters"/> from the gradient at them, unless training must stop.</summary>
        /// <returns>False when training stops here (the parameters are then unchanged).</returns>
        public bool Step(double cost, double[] parameters, double[] gradient)
        {
            var norm = 0.0;
            foreach (var g in gradient) norm += g * g;
            norm = Math.Sqrt(norm);
            if (!IsFinite(cost) || !IsFinite(norm)) return Stop(StopReason.Diverged);
            _lastCost = cost;
            if (_options.Tolerance > 0 && norm <= _options.Tolerance) return Stop(StopReason.Converged);

            Array.Copy(parameters, _previous, parameters.Length);
            Update(parameters, gradient);
            foreach (var p in parameters)
            {
                if (IsFinite(p)) continue;
                Array.Copy(_previous, parameters, parameters.Length); // never leave NaN weights behind
                return Stop(StopReason.Diverged);
            }

            _options.OnStep?.Invoke(new TrainingStep(_steps, cost, norm, (double[])parameters.Clone()));
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
            switch (_options.Optimizer)
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

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
