using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit.Sdk;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// Verify's conventions without Verify: <c>Snapshots/&lt;name&gt;.verified.cs</c> holds the accepted text; a mismatch
/// writes <c>&lt;name&gt;.received.cs</c> beside it and fails with a diff. Set GD_ACCEPT_SNAPSHOTS=1 to accept.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "GD_ACCEPT_SNAPSHOTS";

    private static readonly string Directory = Path.Combine(
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Generator", "Snapshots");

    public static void Match(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var verified = Path.Combine(Directory, name + ".verified.cs");
        var received = Path.Combine(Directory, name + ".received.cs");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {verified}. Review {received} and rerun with {AcceptVariable}=1 to accept it."
            : $"Snapshot {name} changed. Review {received} (rerun with {AcceptVariable}=1 to accept):\n{LineDiff(expected, actual)}");
    }

    private static string LineDiff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var lines = new System.Collections.Generic.List<string>();
        for (var i = 0; i < Math.Max(e.Length, a.Length) && lines.Count < 40; i++)
        {
            var left = i < e.Length ? e[i] : null;
            var right = i < a.Length ? a[i] : null;
            if (left == right) continue;
            if (left is not null) lines.Add($"{i + 1,4} - {left}");
            if (right is not null) lines.Add($"{i + 1,4} + {right}");
        }
        return string.Join("\n", lines);
    }
}
