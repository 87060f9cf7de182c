namespace GradientDescent.Generator.Model;

/// <summary>
/// The type of a value in the IR. Every node and symbol carries one, so no stage guesses a type from text; a
/// float variant of the differentiator adds a case here rather than a string comparison somewhere.
/// </summary>
internal enum ScalarType
{
    Double,
    Int,
    Bool,
}
