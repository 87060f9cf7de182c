using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Vectorization;

/// <summary>Why a loop stays scalar under <c>Vectorize = true</c>; GD0014 names it when no loop of a method could be vectorised.</summary>
internal enum VectorRefusal
{
    NoLoop,
    NotIndependent,
    ScatteredElements,
    IndexAsValue,
    NonDoubleElements,
    Branch,
    Function,
    Comparison,
    ReadsSum,
    ReadsWrittenArray,
    IntSum,
    GuardedElement,
}

internal static class VectorRefusalText
{
    /// <summary>
    /// The reason as GD0014's message completes "…asks for Vectorize, but {reason}", naming the function or the
    /// element (<paramref name="element"/>, as C#) where one is the reason.
    /// </summary>
    public static string Describe(this VectorRefusal refusal, MathFunction? function, string? element) => refusal switch
    {
        VectorRefusal.Function when function is { } f =>
            $"its loops call {(f == MathFunction.Exp2 ? "double" : "Math")}.{f}, which has no lane-wise version in System.Numerics.Vector on this target",
        VectorRefusal.GuardedElement when element is not null =>
            $"its loops read {element} only on some passes (under ?:, after && or ||, or in an if) and nothing else in the pass reaches it, while a vector pass touches every lane's element",
        _ => refusal.Describe(),
    };

    /// <summary>The reason as GD0014's message completes "…asks for Vectorize, but {reason}".</summary>
    public static string Describe(this VectorRefusal refusal) => refusal switch
    {
        VectorRefusal.NoLoop => "it has no loop",
        VectorRefusal.NotIndependent => "no loop has independent passes (a value carried from pass to pass, a call, a branch, a stop on data, or several values kept per pass)",
        VectorRefusal.ScatteredElements => "its loops read or write elements at other places than the loop index plus an offset",
        VectorRefusal.IndexAsValue => "its loops use the loop index as a number",
        VectorRefusal.NonDoubleElements => "its loops read elements that are not doubles",
        VectorRefusal.Branch => "its loops choose between values per pass on a condition that is not made of comparisons of doubles",
        VectorRefusal.Function => "its loops call a math function with no lane-wise version in System.Numerics.Vector on this target",
        VectorRefusal.Comparison => "its loops compare values per pass outside a condition",
        VectorRefusal.ReadsSum => "its loops read a sum they add to",
        VectorRefusal.ReadsWrittenArray => "its loops read an array they write",
        VectorRefusal.IntSum => "its loops add to an int",
        VectorRefusal.GuardedElement => "its loops reach an element only on some passes (under ?:, or after && or ||) that nothing else in the pass reaches, and a vector pass touches every lane's element",
        _ => refusal.ToString(),
    };
}
