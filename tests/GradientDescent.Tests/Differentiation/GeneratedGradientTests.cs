using System;
using System.Linq;
using CsCheck;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// Every supported construct, through the real generator and compiler: the generated gradient returns the
/// method's value exactly and agrees with central finite differences at random points.
/// </summary>
public class GeneratedGradientTests
{
    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(ConstructSources.Source));

    public static TheoryData<string> Constructs() => new(ConstructSources.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Constructs))]
    public void Gradient_matches_central_differences(string name)
    {
        var construct = ConstructSources.All.Single(c => c.Name == name);
        var model = Model.Value;
        FiniteDifferenceCheck.Run(name, check => Points.Uniform(construct.Low, construct.High, 3).Sample(point =>
        {
            var (value, gradient) = model.Gradient("Constructs.Functions", name, point);
            if (value != model.Value("Constructs.Functions", name, point)) return false;
            for (var i = 0; i < 3; i++)
            {
                if (!check.Agrees(p => model.Value("Constructs.Functions", name, p), point, i, gradient[i])) return false;
            }
            return true;
        }, iter: 300));
    }

    [Fact]
    public void Every_construct_generates_a_gradient()
    {
        var type = Model.Value.Type("Constructs.Functions");
        var generated = type.GetMethods().Where(m => m.Name.EndsWith("Gradient", StringComparison.Ordinal)).Select(m => m.Name);
        Assert.Empty(ConstructSources.All.Select(c => c.Name + "Gradient").Except(generated));
    }
}
