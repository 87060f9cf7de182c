namespace GradientDescent.Generator.Model;

/// <summary>
/// A statement of a differentiable body. Bodies are in SSA form: every <see cref="Assignment"/> defines a fresh
/// <see cref="Symbol"/>, so the reverse sweep can read any earlier value without a tape. Branches are flattened:
/// their statements carry a guard and the values they leave meet in a conditional after the <c>if</c>.
/// Loops will add a statement kind here.
/// </summary>
internal abstract record Statement;

/// <summary>
/// <c>double target = value;</c>. A statement inside an <c>if</c> branch carries the branch's path condition as
/// <paramref name="Guard"/>: it is computed unconditionally (values are immutable, so that is safe), but its
/// contributions to the derivative count only where the guard holds.
/// </summary>
internal sealed record Assignment(Symbol Target, Expr Value, Expr? Guard = null) : Statement;

/// <summary><c>return value;</c></summary>
internal sealed record Return(Expr Value) : Statement;
