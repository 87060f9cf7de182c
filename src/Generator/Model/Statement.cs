namespace GradientDescent.Generator.Model;

/// <summary>
/// A statement of a differentiable body. Bodies are in SSA form: every <see cref="Assignment"/> defines a fresh
/// <see cref="Symbol"/>, so the reverse sweep can read any earlier value without a tape.
/// Control flow and loops will add statement kinds here.
/// </summary>
internal abstract record Statement;

/// <summary><c>double target = value;</c></summary>
internal sealed record Assignment(Symbol Target, Expr Value) : Statement;

/// <summary><c>return value;</c></summary>
internal sealed record Return(Expr Value) : Statement;
