using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// A differentiated method, ready to emit: <see cref="Statements"/> (the primal body, the value, then adjoints and
/// shared subexpressions, each defined before use), then one derivative per wrt parameter. Value-equatable.
/// </summary>
/// <param name="ValueName">The local that holds the cost's value.</param>
/// <param name="OutNames">The out parameter for each wrt parameter, <c>d</c> + its name unless that is taken.</param>
/// <param name="Formulas">Each derivative in mathematical notation for the doc comment, or empty when too long to read.</param>
/// <param name="Derivatives">One per wrt parameter; for a vector parameter the derivative is in <paramref name="ElementGradients"/> and <paramref name="VectorLoops"/> instead (Zero here).</param>
/// <param name="ElementGradients">Added to an element of a vector's gradient span after <paramref name="Statements"/>.</param>
/// <param name="VectorLoops">Loops that add each pass's derivative to the gradient span, scaled by the loop total's adjoint.</param>
internal sealed record GradientModel(
    MethodModel Method,
    string ValueName,
    EquatableArray<string> OutNames,
    EquatableArray<Assignment> Statements,
    EquatableArray<Expr> Derivatives,
    EquatableArray<string> Formulas,
    EquatableArray<ElementGradient> ElementGradients = default,
    EquatableArray<VectorLoop> VectorLoops = default)
{
    /// <summary>Whether the derivative with respect to the wrt parameter at <paramref name="index"/> is zero everywhere.</summary>
    public bool IsAlwaysZero(int index) =>
        Ex.IsZero(Derivatives[index]) &&
        !ElementGradients.Any(e => e.Span == Emit.ExpressionFormatter.Identifier(OutNames[index])) &&
        !VectorLoops.Any(l => Feeds(l, Emit.ExpressionFormatter.Identifier(OutNames[index])));

    private static bool Feeds(VectorLoop loop, string span) =>
        loop.PerPass.Any(p => p.Span == span) || loop.Loop.InnerVectorLoops.Any(inner => Feeds(inner, span));
}

