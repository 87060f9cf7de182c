using System.Threading;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Vectorization;

namespace GradientDescent.Generator;

/// <summary>The stages after parsing, as the generator and the analyzers both run them: differentiate, simplify, then (where asked) vectorise.</summary>
internal static class GradientPipeline
{
    public static GradientModel Run(MethodModel method, CancellationToken cancellationToken) =>
        LoopVectorizer.Apply(GradientSimplifier.Simplify(ReverseSweep.Differentiate(method, cancellationToken)));
}
