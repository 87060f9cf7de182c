using System;
using System.Diagnostics;
using System.IO;

namespace GradientDescent.Tests.Packaging;

/// <summary>Runs the dotnet CLI as a user would, outside the test host's MSBuild environment.</summary>
internal static class DotNetCli
{
    /// <summary>Tests that build the repository's projects in Release run one at a time: they share its bin and obj folders.</summary>
    public const string Collection = "dotnet CLI builds of the repository";

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host runs under MSBuild variables that would make the child build against this repository's SDK state.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GradientDescent.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("GradientDescent.sln not found above " + AppContext.BaseDirectory);
    }
}
