namespace GradientDescent.Generator.Model;

/// <param name="Name">The parameter name without '@'.</param>
/// <param name="Type">The C# type as the generated signature writes it.</param>
internal sealed record ParameterModel(string Name, string Type);
