using System.IO;
using System.Text.RegularExpressions;
using GradientDescent.Sample;
using Xunit;

namespace GradientDescent.Tests.Sample;

/// <summary>The sample's next steps after the article: they train, and the loss curve is written.</summary>
public class DemoTests
{
    [Fact]
    public void Sigmoid_neuron_finds_the_height_boundary()
    {
        var output = new StringWriter();
        Demos.Neuron(output);

        var match = Regex.Match(output.ToString(), @"\((\d+)/13 classified\), boundary at ([0-9.]+) m");
        Assert.True(match.Success, output.ToString());
        Assert.True(int.Parse(match.Groups[1].Value) >= 11);
        Assert.InRange(double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 1.65, 1.75);
    }

    [Fact]
    public void Regression_recovers_the_line_and_writes_the_loss_curve()
    {
        var output = new StringWriter();
        var path = Demos.Regression(output);

        var match = Regex.Match(output.ToString(), @"slope=([0-9.]+) intercept=([0-9.]+)");
        Assert.True(match.Success, output.ToString());
        Assert.InRange(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2.45, 2.55);
        Assert.InRange(double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.7, 1.3);
        Assert.True(new FileInfo(path).Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);
    }
}
