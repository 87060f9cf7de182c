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
}
