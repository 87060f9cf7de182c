using System;

namespace GradientDescent
{
    /// <summary>
    /// Marks a static method of a partial type as a cost function to differentiate at compile time.
    /// The GradientDescent generator emits, in the same type, <c>{Method}Gradient</c>: the value of the method
    /// and its exact partial derivatives with respect to <see cref="Wrt"/>, as readable C#.
    /// </summary>
    /// <example>
    /// <code>
    /// [Differentiable(nameof(w))]
    /// public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }
    /// // generated: public static double CostGradient(double w, double x, double y, out double dw)
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
        /// <summary>Differentiates with respect to the named parameters, in this order (use <c>nameof</c>).
        /// With no names, every <see cref="double"/> parameter is differentiated, in declaration order.</summary>
        /// <param name="wrt">The parameters to differentiate with respect to.</param>
        public DifferentiableAttribute(params string[] wrt)
        {
            Wrt = wrt ?? Array.Empty<string>();
        }

        /// <summary>The parameters to differentiate with respect to, in the order of the generated out parameters.</summary>
        public string[] Wrt { get; }

        /// <summary>
        /// Whether the function is minimised (a cost, the default) or maximised (a log-likelihood, a reward): the
        /// generated <c>Train…</c> descends or ascends it, and GD0001 flags updates that move the other way.
        /// </summary>
        /// <example><c>[Differentiable(nameof(w), Goal = Goal.Maximize)]</c></example>
        public Goal Goal { get; set; }

        /// <summary>
        /// Emits the gradient's sum loops over arrays and spans with <c>System.Numerics.Vector&lt;double&gt;</c>: several
        /// passes per instruction, the value and the partials summed in vector registers, a scalar loop for the rest.
        /// Off by default: summing in lanes reassociates the sums, so the result can differ from the scalar gradient in
        /// the last bits, and the vector width (hence those bits) differs between machines. A loop that cannot be
        /// vectorised stays scalar; when none can, warning GD0014 says why.
        /// </summary>
        /// <example><c>[Differentiable(nameof(w), nameof(b), Vectorize = true)]</c></example>
        public bool Vectorize { get; set; }
    }
}
