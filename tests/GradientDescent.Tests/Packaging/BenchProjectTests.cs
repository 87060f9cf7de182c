using Xunit;

namespace GradientDescent.Tests.Packaging;

/// <summary>
/// The benchmark suite is not run by the tests (timing belongs in BenchmarkDotNet), but it must keep compiling, and
/// its gradients must keep agreeing: every case's generated and hand-written gradients to 1e-9, and finite
/// differences to 1e-5, the check the suite runs before it times anything.
/// </summary>
[Collection(DotNetCli.Collection)]
public sealed class BenchProjectTests
{
    [Fact]
    public void The_bench_project_builds_and_its_gradient_check_passes()
    {
        var root = DotNetCli.RepositoryRoot();
        var (built, buildOutput) = DotNetCli.Run(root, "build", "bench/GradientDescent.Bench", "-c", "Release");
        Assert.True(built == 0, "bench build failed:\n" + buildOutput);
        Assert.DoesNotContain("warning GD", buildOutput);

        var (checkedCode, checkOutput) = DotNetCli.Run(root, "run", "-c", "Release", "--no-build", "--project", "bench/GradientDescent.Bench", "--", "check");
        Assert.True(checkedCode == 0, "bench check failed:\n" + checkOutput);
        foreach (var name in new[] { "seed cost", "network", "sigmoid neuron", "Rosenbrock", "4096 samples", "256 weights", "logistic regression", "softmax classifier" })
            Assert.Contains(name, checkOutput);
    }
}
