using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>Where a local array lives in generated code: on the stack when its length is a small constant, else in the pool.</summary>
internal static class ArrayStorage
{
    /// <summary>Beyond this many doubles a stack allocation risks more than it saves.</summary>
    private const int MaxOnStack = 64;

    public static bool OnStack(Expr length) => length is IntLiteral { Value: >= 0 and <= MaxOnStack };
}
