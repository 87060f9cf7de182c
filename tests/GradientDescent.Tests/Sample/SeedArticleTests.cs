using System.IO;
using System.Linq;
using GradientDescent.Sample;
using Xunit;

namespace GradientDescent.Tests.Sample;

/// <summary>The sample reproduces the seed article's table with the generated gradient.</summary>
public class SeedArticleTests
{
    private static string[] Lines()
    {
        var output = new StringWriter();
        SeedArticle.Train(output);
        return output.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    [Fact]
    public void First_line_matches_the_article()
    {
        Assert.Equal("steps:0 E_cost:4990.005 w:20.080", Lines()[0]);
    }

    [Fact]
    public void Weight_reaches_100_at_step_54_and_training_ends_at_step_60()
    {
        var lines = Lines();

        Assert.Equal(61, lines.Length);
        Assert.EndsWith(" w:99.999", lines[53]);
        Assert.Matches(@"^steps:54 E_cost:\d+\.\d{3} w:100\.000$", lines[54]);
        Assert.StartsWith("steps:60 ", lines[^1]);
    }

    [Fact]
    public void Learned_weight_follows_the_closed_form()
    {
        // Each step multiplies the error 100 − w by 1 − lr·x² = 0.8, so after 61 updates w = 100 − 99.9·0.8⁶¹.
        Assert.Equal(100 - 99.9 * System.Math.Pow(0.8, 61), SeedArticle.Train(TextWriter.Null), 9);
    }

    [Fact]
    public void Generated_train_prints_the_same_table_as_the_hand_written_loop()
    {
        var generated = new StringWriter();
        var byHand = new StringWriter();
        var w = SeedArticle.Train(generated);
        var wByHand = SeedArticle.TrainByHand(byHand);

        Assert.Equal(byHand.ToString(), generated.ToString());
        Assert.Equal(wByHand, w);
    }
}
