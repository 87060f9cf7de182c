using System.Threading;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Layout;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Vectorization;

namespace GradientDescent.Generator;

/// <summary>
/// The stages after parsing, as the generator and the analyzers both run them: differentiate, simplify, (where
/// asked) vectorise, then guard the gradient writes a branch makes and address the rows of flattened matrices through spans.
/// </summary>
internal static class GradientPipeline
{
    public static GradientModel Run(MethodModel method, CancellationToken cancellationToken) =>
        RowViews.Apply(GuardedWrites.Apply(LoopVectorizer.Apply(GradientSimplifier.Simplify(ReverseSweep.Differentiate(method, cancellationToken)))));
}
