namespace GradientDescent.Generator.Emit;

/// <summary>One generated source file; compared by value so unchanged files stay cached.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
