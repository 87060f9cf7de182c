using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// A differentiated method, ready to emit: <see cref="Statements"/> (the primal body, the value, then adjoints and
/// shared subexpressions, each defined before use), then one derivative per wrt parameter. Value-equatable.
/// </summary>
/// <param name="ValueName">The local that holds the cost's value.</param>
/// <param name="OutNames">The out parameter for each wrt parameter, <c>d</c> + its name unless that is taken.</param>
/// <param name="Formulas">Each derivative in mathematical notation for the doc comment, or empty when too long to read.</param>
internal sealed record GradientModel(
    MethodModel Method,
    string ValueName,
    EquatableArray<string> OutNames,
    EquatableArray<Assignment> Statements,
    EquatableArray<Expr> Derivatives,
    EquatableArray<string> Formulas);
