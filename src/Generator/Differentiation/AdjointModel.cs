using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// What the reverse sweep produced for one method: the gradient as imperative code (the primal, then the backward
/// pass), before the simplifier shares repeated work and drops dead stores.
/// </summary>
/// <param name="Value">The local that holds the method's value.</param>
/// <param name="Outputs">For each wrt parameter, in order, the out parameter (scalar) or gradient span (vector) of the generated method.</param>
/// <param name="Tapes">Buffers rented at the start of the method and returned at its end.</param>
internal sealed record AdjointModel(MethodModel Method, Symbol Value, EquatableArray<Symbol> Outputs, EquatableArray<Instruction> Body,
    EquatableArray<Symbol> Tapes);
