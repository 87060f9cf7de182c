using System.Threading;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator;

/// <summary>The stages after parsing, as the generator and the analyzers both run them: differentiate, then simplify.</summary>
internal static class GradientPipeline
{
    public static GradientModel Run(MethodModel method, CancellationToken cancellationToken) =>
        GradientSimplifier.Simplify(ReverseSweep.Differentiate(method, cancellationToken));
}
