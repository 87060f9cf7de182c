namespace GradientDescent.Generator;

/// <summary>Names of the incremental pipeline's steps; tests assert each is Cached or Unchanged after unrelated edits.</summary>
internal static class TrackingNames
{
    public const string Methods = nameof(Methods);
    public const string Gradients = nameof(Gradients);
    public const string Files = nameof(Files);
}
