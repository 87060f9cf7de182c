using GradientDescent.Generator.Model;
using GradientDescent.Generator.Vectorization;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// A differentiated method, ready to emit: <see cref="Body"/> computes the value into <see cref="Value"/> and the
/// derivatives into <see cref="Outputs"/>, each local defined before it is read. Value-equatable, so an unchanged
/// gradient keeps its generated file cached.
/// </summary>
/// <param name="Outputs">For each wrt parameter, its out parameter (scalar) or gradient span (vector).</param>
/// <param name="Formulas">For each wrt parameter, its derivative in terms of parameters and primal locals for the doc comment, or null when it is too long to read or has no closed form (a vector, a loop).</param>
/// <param name="AlwaysZero">For each wrt parameter, whether nothing is ever added to its derivative (GD0012).</param>
/// <param name="Vectorization">For a method declared <c>Vectorize = true</c>, which loops became SIMD loops (GD0014 when none did).</param>
internal sealed record GradientModel(
    MethodModel Method,
    Symbol Value,
    EquatableArray<Symbol> Outputs,
    EquatableArray<Instruction> Body,
    EquatableArray<Expr?> Formulas,
    EquatableArray<bool> AlwaysZero,
    VectorizationReport? Vectorization = null)
{
    /// <summary>For each wrt parameter, whether its gradient span is assigned whole by its first write, so it is not cleared on entry.</summary>
    public EquatableArray<bool> Overwritten { get; init; }

    public bool IsOverwritten(int output) => output < Overwritten.Count && Overwritten[output];
}
