namespace GradientDescent.Generator.Vectorization;

/// <summary>How many loops of a method became SIMD loops, and why the first innermost loop that did not, did not.</summary>
internal sealed record VectorizationReport(int Vectorised, VectorRefusal? FirstRefusal);
