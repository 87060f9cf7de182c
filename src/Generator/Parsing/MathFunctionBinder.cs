using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>Maps a call of System.Math to the IR function it denotes, or says why it cannot be differentiated.</summary>
internal static class MathFunctionBinder
{
    public static bool IsSystemMath(INamedTypeSymbol? type) =>
        type is { Name: "Math", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>A System.Math function, or one of the few that only System.Double has (<c>double.Exp2</c>).</summary>
    public static bool IsMathFunction(IMethodSymbol method) =>
        IsSystemMath(method.ContainingType) ||
        method is { ContainingType.SpecialType: SpecialType.System_Double, Name: "Exp2", Parameters: [{ Type.SpecialType: SpecialType.System_Double }] };

    public static bool IsPiecewiseConstant(MathFunction function) =>
        function is MathFunction.Floor or MathFunction.Ceiling or MathFunction.Round or MathFunction.Truncate or MathFunction.Sign;

    public static string PiecewiseConstant(string name) =>
        $"Math.{name} is piecewise constant, so its derivative is zero wherever it exists and gradient descent would not move; apply it only to data, or use a smooth function";

    /// <returns>The function, or null with <paramref name="reason"/> set.</returns>
    public static MathFunction? Bind(IMethodSymbol method, out string reason)
    {
        reason = "";
        foreach (var p in method.Parameters)
        {
            if (p.Type.SpecialType != SpecialType.System_Double)
            {
                // Math.Round(x, 2) takes an int: name the overload that is read, not "the double overloads".
                var signature = string.Join(", ", method.Parameters.Select(q => q.Type.ToDisplayString()));
                reason = $"Math.{method.Name}({signature}) has no derivative rule: its parameter '{p.Name}' is not a double";
                return null;
            }
        }

        var arity = method.Parameters.Length;
        switch (method.Name)
        {
            case "Exp" when arity == 1: return MathFunction.Exp;
            case "Log" when arity == 1: return MathFunction.Log;
            case "Log" when arity == 2: return MathFunction.Log; // Math.Log(a, newBase)
            case "Sqrt": return MathFunction.Sqrt;
            case "Pow": return MathFunction.Pow;
            case "Sin": return MathFunction.Sin;
            case "Cos": return MathFunction.Cos;
            case "Tan": return MathFunction.Tan;
            case "Tanh": return MathFunction.Tanh;
            case "Atan": return MathFunction.Atan;
            case "Abs": return MathFunction.Abs;
            case "Max": return MathFunction.Max;
            case "Min": return MathFunction.Min;
            case "Sinh": return MathFunction.Sinh;
            case "Cosh": return MathFunction.Cosh;
            case "Asinh": return MathFunction.Asinh;
            case "Acosh": return MathFunction.Acosh;
            case "Atanh": return MathFunction.Atanh;
            case "Asin": return MathFunction.Asin;
            case "Acos": return MathFunction.Acos;
            case "Atan2": return MathFunction.Atan2;
            case "Cbrt": return MathFunction.Cbrt;
            case "Log10": return MathFunction.Log10;
            case "Log2": return MathFunction.Log2;
            case "Exp2" when arity == 1: return MathFunction.Exp2;
            case "Clamp" when arity == 3: return MathFunction.Clamp;
            case "FusedMultiplyAdd": return MathFunction.FusedMultiplyAdd;
            // Piecewise constant: read, but only of data (CallReader refuses them on a differentiated value).
            case "Floor" when arity == 1: return MathFunction.Floor;
            case "Ceiling" when arity == 1: return MathFunction.Ceiling;
            case "Round" when arity == 1: return MathFunction.Round;
            case "Truncate" when arity == 1: return MathFunction.Truncate;
            case "Floor":
            case "Ceiling":
            case "Round":
            case "Truncate":
            case "Sign":
                reason = PiecewiseConstant(method.Name);
                return null;
            default:
                reason = $"Math.{method.Name} has no derivative rule yet; the supported functions are Exp, Log (with or without a base), Log10, Log2, Sqrt, Cbrt, Pow, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Max, Min, Clamp and FusedMultiplyAdd, and double.Exp2; give any other one a [DerivativeOf]";
                return null;
        }
    }
}
