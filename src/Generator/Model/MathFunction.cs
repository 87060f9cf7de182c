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
    Clamp,
    FusedMultiplyAdd,
}
