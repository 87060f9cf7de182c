using System;
using System.Collections.Concurrent;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Lets a test make the core fail for one method, so the path from an unexpected exception to the internal-error
/// diagnostic is exercised for real. Keyed by method name, so tests running in parallel do not see each other's faults.
/// </summary>
internal static class FaultInjection
{
    /// <summary>Names of methods whose differentiation throws; only tests add to it.</summary>
    internal static readonly ConcurrentDictionary<string, bool> FailingMethods = new(StringComparer.Ordinal);

    public static void ThrowIfRequested(string method)
    {
        if (!FailingMethods.IsEmpty && FailingMethods.ContainsKey(method))
            throw new InvalidOperationException($"fault injected into the differentiation of '{method}'");
    }
}
