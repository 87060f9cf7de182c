using System.ComponentModel;

namespace GradientDescent
{
    /// <summary>Small functions that generated derivatives call. Not meant to be called by hand.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class DerivativeMath
    {
        /// <summary>
        /// The derivative of |x|: 1 for x &gt; 0, −1 for x &lt; 0, and x itself at 0 (the subgradient 0) and for NaN,
        /// which <see cref="System.Math.Sign(double)"/> would throw on.
        /// </summary>
        public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;
    }
}
