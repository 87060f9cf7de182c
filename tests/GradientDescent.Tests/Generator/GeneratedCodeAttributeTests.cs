using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GradientDescent.Generator;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>Every generated member carries [GeneratedCode] with the generator's own assembly name and version, never a literal that drifts.</summary>
public class GeneratedCodeAttributeTests
{
    [Fact]
    public void The_attribute_names_the_generator_assembly_and_its_package_version()
    {
        var assembly = typeof(DifferentiableGenerator).Assembly;
        var root = Path.Combine(typeof(GeneratedCodeAttributeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!, "..", "..");
        // The one place the version is set.
        var version = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
        var generated = GeneratorHarness.Run(SnapshotSources.SeedCost).AllGeneratedSources();

        var attributes = Regex.Matches(generated, @"GeneratedCode\(""([^""]*)"", ""([^""]*)""\)");
        Assert.NotEmpty(attributes);
        Assert.All(attributes, a =>
        {
            Assert.Equal(assembly.GetName().Name, a.Groups[1].Value);
            Assert.Equal(version, a.Groups[2].Value);
        });
    }
}
