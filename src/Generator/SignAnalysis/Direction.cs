namespace GradientDescent.Generator.SignAnalysis;

internal enum Direction
{
    /// <summary>The step is not a constant-signed multiple of the derivative: momentum, decay, another gradient.</summary>
    Undecided,

    /// <summary>The step is a positive multiple of the derivative.</summary>
    Along,

    /// <summary>The step is a positive multiple of minus the derivative.</summary>
    Against,
}
