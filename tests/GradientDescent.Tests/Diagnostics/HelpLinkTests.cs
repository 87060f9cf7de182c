using System.Globalization;
using System.Linq;
using System.Reflection;
using GradientDescent.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GradientDescent.Tests.Diagnostics;

/// <summary>What the IDE shows of each diagnostic outside this repository: a link that opens its page, no paths.</summary>
public class HelpLinkTests
{
    private static DiagnosticDescriptor[] All() => typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void No_message_carries_a_path()
    {
        var descriptors = All();
        Assert.Equal(16, descriptors.Length);
        foreach (var descriptor in descriptors)
        {
            var text = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture) + descriptor.Description.ToString(CultureInfo.InvariantCulture);
            Assert.DoesNotContain("docs/", text);
            Assert.DoesNotContain(".md", text);
        }
    }
}
