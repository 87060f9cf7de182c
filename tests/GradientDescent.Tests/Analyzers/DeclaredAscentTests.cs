using System;
using System.Threading.Tasks;
using GradientDescent.Tests.Infrastructure;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// <c>Goal = Goal.Maximize</c>: gradient ascent on a log-likelihood is correct code, descent on it is GD0001, and the
/// generated Train… ascends it.
/// </summary>
public class DeclaredAscentTests
{
    private const string Objective = """
        using System;
        using GradientDescent;

        public static partial class Model
        {
            // the log-likelihood of one Bernoulli observation y under p = σ(w·x)
            [Differentiable(nameof(w), Goal = Goal.Maximize)]
            public static double LogLikelihood(double w, double x, double y)
            {
                double p = 1 / (1 + Math.Exp(-w * x));
                return y * Math.Log(p) + (1 - y) * Math.Log(1 - p);
            }

            [Differentiable(nameof(w), Goal = Goal.Maximize)]
            public static double Reward(double w, double x) => -(w - x) * (w - x);

            [Differentiable(nameof(w))]
            public static double Loss(double w, double x, double y) => -LogLikelihood(w, x, y);
        }

        public static class Fit
        {
            public static void Step(ref double w, double x, double y, double lr)
            {
        BODY
            }
        }
        """;

    private static string With(string body) => Objective.Replace("BODY", body);

    [Fact]
    public Task Ascent_on_a_declared_objective_is_silent() => VerifyAsync(With("""
                Model.LogLikelihoodGradient(w, x, y, out double dw);
                w += lr * dw;
        """));

    [Fact]
    public Task Descent_on_a_declared_objective_is_flagged_with_the_way_to_move() => VerifyAsync(With("""
                Model.LogLikelihoodGradient(w, x, y, out double dw);
                {|#0:w -= lr * dw|};
                Model.RewardGradient(w, x, out double dr);
                {|#1:w = w - lr * dr|};
        """), Warning().WithLocation(0).WithMessage(
        "Update of 'w' descends the gradient of 'LogLikelihood' (∂LogLikelihood/∂w = (y - 1 / (1 + exp(-w·x)))·x); 'LogLikelihood' is declared Goal.Maximize, and gradient ascent moves along it"),
        Warning().WithLocation(1).WithMessage(
        "Update of 'w' descends the gradient of 'Reward' (∂Reward/∂w = -2·(w - x)); 'Reward' is declared Goal.Maximize, and gradient ascent moves along it"));

    [Fact]
    public Task A_cost_without_the_declaration_keeps_descent_right() => VerifyAsync(With("""
                Model.LossGradient(w, x, y, out double dw);
                w -= lr * dw;
                Model.LossGradient(w, x, y, out double dw2);
                {|#0:w += lr * dw2|};
        """), Warning().WithLocation(0).WithMessage(
        "Update of 'w' climbs the gradient of 'Loss' (∂Loss/∂w = its generated gradient); gradient descent moves against it"));

    [Fact]
    public void The_generated_Train_ascends_a_declared_objective()
    {
        var type = CompiledModel.Build(With("")).Type("Model");
        // Samples that say y = 1 at x = 1: the likelihood rises with w, so training must raise w and the log-likelihood.
        var train = type.GetMethod("TrainLogLikelihood", new[] { typeof(double).MakeByRefType(), typeof(double), typeof(double), typeof(GradientDescent.TrainingOptions) })!;
        var options = new GradientDescent.TrainingOptions { LearningRate = 0.5, Steps = 50 };
        var arguments = new object[] { 0.0, 1.0, 1.0, options };
        var result = (GradientDescent.TrainingResult)train.Invoke(null, arguments)!;
        var trained = (double)arguments[0];
        Assert.True(trained > 1, $"w = {trained}: ascent raises w where y = 1");
        var before = (double)type.GetMethod("LogLikelihood")!.Invoke(null, new object[] { 0.0, 1.0, 1.0 })!;
        var after = (double)type.GetMethod("LogLikelihood")!.Invoke(null, new object[] { trained, 1.0, 1.0 })!;
        Assert.True(after > before, $"log-likelihood {before} → {after}");
        Assert.Equal(after, result.FinalCost, 12);
    }
}
