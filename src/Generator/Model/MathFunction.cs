namespace GradientDescent.Generator.Model;

/// <summary>The System.Math functions the differentiator knows, plus Sign, which only derivatives produce.</summary>
internal enum MathFunction
{
    Exp,
    Log,
    Sqrt,
    Pow,
    Sin,
    Cos,
    Tan,
    Tanh,
    Atan,
    Abs,
    Max,
    Min,
    Sign,
    Sinh,
    Cosh,
    Asinh,
    Acosh,
    Atanh,
    Asin,
    Acos,
    Atan2,
    Cbrt,
    Log10,
    Log2,

    /// <summary>2ᵘ: <c>double.Exp2</c> (.NET 7 and later; System.Math has no Exp2).</summary>
    Exp2,
    Clamp,
    FusedMultiplyAdd,
    Floor,
    Ceiling,
    Round,
    Truncate,
}
