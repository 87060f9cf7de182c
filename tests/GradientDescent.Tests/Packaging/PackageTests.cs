using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace GradientDescent.Tests.Packaging;

/// <summary>
/// Packs the repository as its README says, installs the package into fresh projects outside the repository (their
/// own packages folder, so no cached copy hides a broken package) and checks what a user would see.
/// </summary>
[Collection(DotNetCli.Collection)]
public sealed class PackageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gd-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public void The_packed_package_installs_into_fresh_projects_and_generates_trains_warns_and_refuses()
    {
        var feed = Path.Combine(_root, "feed");
        var (packed, packOutput) = DotNetCli.Run(DotNetCli.RepositoryRoot(), "pack", "-c", "Release", "-o", feed);
        Assert.True(packed == 0, packOutput);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        var version = Regex.Match(Path.GetFileName(package), @"^GradientDescent\.(.+)\.nupkg$").Groups[1].Value;
        Assert.NotEmpty(version);

        var console = Consumer("console", "Consumer.csproj", ConsumerSources.Console, version, feed);
        File.WriteAllText(Path.Combine(console, "Program.cs"), ConsumerSources.Program);
        var (built, buildOutput) = DotNetCli.Run(console, "build", "-c", "Release");
        Assert.True(built == 0, buildOutput);

        // 3. the wrong-sign update is flagged, at its file and line
        Assert.Matches($@"Program\.cs\({ConsumerSources.WrongUpdateLine},\d+\): warning GD0001", buildOutput);
        // 5. the code-fix assembly loads beside the generator
        Assert.DoesNotMatch(@"warning (AD0001|CS8032)", buildOutput);

        var (ran, runOutput) = DotNetCli.Run(console, "run", "-c", "Release", "--no-build");
        Assert.True(ran == 0, runOutput);
        // 1. E = ½(y − wx)² at w = 3, x = 2, y = 10: E = 8, ∂E/∂w = −(y − wx)·x = −8
        var gradient = Regex.Match(runOutput, @"value:(\S+) dw:(\S+)");
        Assert.True(gradient.Success, runOutput);
        Assert.Equal(8.0, double.Parse(gradient.Groups[1].Value, CultureInfo.InvariantCulture), 12);
        Assert.Equal(-8.0, double.Parse(gradient.Groups[2].Value, CultureInfo.InvariantCulture), 12);
        // 2. the seed article's training reaches w = 100
        Assert.Contains("trained:100.000", runOutput);

        // 4. an unsupported construct in a second file fails the build with GD0008 there
        File.WriteAllText(Path.Combine(console, "Unsupported.cs"), ConsumerSources.Unsupported);
        var (refused, refusedOutput) = DotNetCli.Run(console, "build", "-c", "Release");
        Assert.NotEqual(0, refused);
        Assert.Matches(@"Unsupported\.cs\(8,\d+\): error GD0008", refusedOutput);

        // 6. a netstandard2.0 library consumer builds (System.Memory comes with the package there)
        var library = Consumer("library", "Fit.csproj", ConsumerSources.Library, version, feed);
        File.WriteAllText(Path.Combine(library, "Line.cs"), ConsumerSources.LibraryCost);
        var (libraryBuilt, libraryOutput) = DotNetCli.Run(library, "build", "-c", "Release");
        Assert.True(libraryBuilt == 0, libraryOutput);
        Assert.DoesNotMatch(@"warning (AD0001|CS8032)", libraryOutput);
    }

    private string Consumer(string name, string projectFile, string project, string version, string feed)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, projectFile),
            project.Replace("VERSION", version).Replace("PACKAGES", Path.Combine(_root, "packages")));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), ConsumerSources.NuGetConfig.Replace("FEED", feed));
        return directory;
    }
}
