namespace GradientDescent.Generator.Model;

/// <summary>
/// A method a differentiable body calls, through the gradient GradientDescent generates for it ([Differentiable]) or
/// a hand-written one ([DerivativeOf]).
/// </summary>
/// <param name="QualifiedType">The type declaring <paramref name="Name"/> and <paramref name="GradientName"/>, fully qualified, or null for the type the caller's gradient is generated into.</param>
/// <param name="Outs">For each out parameter of the gradient, in order, the index of the argument it is the partial derivative of.</param>
/// <param name="Key">For a [Differentiable] callee, its <see cref="MethodModel.Key"/>: its gradient exists only if it could be differentiated itself. Null for a hand-written [DerivativeOf] gradient.</param>
/// <param name="TakesDouble">For each parameter, whether it is a double: an int argument there is passed as a double, as the call converts it, so no int overload is chosen instead.</param>
internal sealed record Callee(string? QualifiedType, string Name, string? GradientQualifiedType, string GradientName, EquatableArray<int> Outs, string? Key,
    EquatableArray<bool> TakesDouble = default);
