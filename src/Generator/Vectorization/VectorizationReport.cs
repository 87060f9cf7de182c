using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Vectorization;

/// <summary>How many loops of a method became SIMD loops, and why the first innermost loop that did not, did not.</summary>
/// <param name="Function">For <see cref="VectorRefusal.Function"/>, the math function with no lane-wise version.</param>
/// <param name="Element">For <see cref="VectorRefusal.GuardedElement"/>, the element only some passes reach.</param>
internal sealed record VectorizationReport(int Vectorised, VectorRefusal? FirstRefusal, MathFunction? Function = null, ElementRead? Element = null);
