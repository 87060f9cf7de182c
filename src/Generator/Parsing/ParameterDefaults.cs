using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>The value a call that leaves out an optional parameter passes: for the parser and GD0001's reader alike.</summary>
internal static class ParameterDefaults
{
    /// <summary>The default of an optional <c>double</c> or <c>int</c> parameter as a constant; null for anything else.</summary>
    public static Expr? Number(IParameterSymbol parameter) => (parameter.Type.SpecialType, parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null) switch
    {
        (SpecialType.System_Double, double d) => new Constant(d),
        (SpecialType.System_Int32, int n) => new IntLiteral(n),
        _ => null,
    };
}
