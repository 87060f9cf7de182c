namespace GradientDescent
{
    /// <summary>How a generated <c>Train…</c> turns gradients into parameter updates.</summary>
    public enum Optimizer
    {
        /// <summary>w ← w − η·g, the seed article's rule.</summary>
        GradientDescent,

        /// <summary>v ← μ·v + g; w ← w − η·v (heavy ball).</summary>
        Momentum,

        /// <summary>Adam: bias-corrected first and second moment estimates (Kingma and Ba, 2015).</summary>
        Adam,
    }
}
