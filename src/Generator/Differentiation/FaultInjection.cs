using System;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Lets a test make the core fail for one method, so the path from an unexpected exception to the internal-error
/// diagnostic is exercised for real. Keyed by method name, so tests running in parallel do not see each other's faults.
/// </summary>
internal static class FaultInjection
{
    /// <summary>Methods whose differentiation throws; set only by tests.</summary>
    internal static volatile Func<string, bool>? FailFor;

    public static void ThrowIfRequested(string method)
    {
        if (FailFor is { } fail && fail(method))
            throw new InvalidOperationException($"fault injected into the differentiation of '{method}'");
    }
}
