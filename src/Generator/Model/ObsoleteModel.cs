namespace GradientDescent.Generator.Model;

/// <summary>
/// The cost's <c>[Obsolete]</c>, repeated on its generated members: they call the cost, and a call of an obsolete
/// member from an obsolete one is not reported (CS0618 would fail a warnings-as-errors build, CS0619 any build).
/// </summary>
/// <param name="Message">The message, or null when none is given.</param>
internal sealed record ObsoleteModel(string? Message, bool IsError);
