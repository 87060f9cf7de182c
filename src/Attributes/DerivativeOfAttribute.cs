using System;

namespace GradientDescent
{
    /// <summary>
    /// Gives the derivative of a method the generator cannot see into (a library call, a numerical routine, a
    /// function with a better-conditioned hand-written derivative). Calls of that method inside a
    /// <see cref="DifferentiableAttribute"/> method are then differentiated through the method marked here.
    /// </summary>
    /// <remarks>
    /// The marked method is static, returns the original's value, and takes the original's parameters (all double)
    /// followed by one <c>out double</c> per parameter, in order, receiving ∂f/∂parameter: the same shape as a
    /// generated <c>…Gradient</c>.
    /// </remarks>
    /// <example>
    /// <code>
    /// public static double SoftPlus(double x) => Math.Log(1 + Math.Exp(x));
    ///
    /// [DerivativeOf(nameof(SoftPlus))]
    /// public static double SoftPlusGradient(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return SoftPlus(x); }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
    public sealed class DerivativeOfAttribute : Attribute
    {
        /// <summary>The derivative of <paramref name="method"/>, a method of the type that declares this one.</summary>
        public DerivativeOfAttribute(string method)
        {
            Method = method;
        }

        /// <summary>The derivative of <paramref name="method"/> of <paramref name="type"/> (for example <c>typeof(Math)</c>).</summary>
        public DerivativeOfAttribute(Type type, string method)
        {
            Type = type;
            Method = method;
        }

        /// <summary>The type declaring the method, or null for the type declaring the derivative.</summary>
        public Type? Type { get; }

        /// <summary>The name of the method whose derivative this is.</summary>
        public string Method { get; }
    }
}
