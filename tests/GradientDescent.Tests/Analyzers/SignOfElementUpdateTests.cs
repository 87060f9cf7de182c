using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// GD0001 on vector weights: an element update <c>w[j] ∓= t</c>, judged against ∂cost/∂w[j] of the latest cost the
/// array was passed to. The gradient comes from the generated <c>…Gradient</c> into an array or a span, or is written
/// by hand per element. Each form wrong (one warning, at the update) and right (silent).
/// </summary>
public class SignOfElementUpdateTests
{
    private static string With(string body) => ElementUpdateFixture.With(body);

    [Fact]
    public Task An_element_update_climbing_the_generated_gradient_is_flagged() => VerifyAsync(With("""
                var dw = new double[w.Length];
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Model.CostGradient(w, b, x, y, dw, out double db);
                    for (int j = 0; j < w.Length; j++) {|#0:w[j] += lr * dw[j]|};
                    b -= lr * db;
                }
        """), Warning().WithLocation(0).WithMessage("Update of 'w[j]' climbs the gradient of 'Cost' (∂Cost/∂w[j] = its generated gradient); gradient descent moves against it"));

    [Fact]
    public Task Element_updates_descending_the_generated_gradient_are_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Model.CostGradient(w, b, x, y, dw, out double db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
                    for (int j = 0; j < w.Length; j++) w[j] = w[j] - lr * dw[j] / epochs;
                    for (int j = 0; j < w.Length; j++) w[j] = -lr * dw[j] + w[j];
                    b -= lr * db;
                }
        """));

    [Fact]
    public Task The_assignment_form_with_the_element_on_the_right_is_flagged() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) {|#0:w[j] = w[j] + lr * dw[j]|};
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_span_gradient_from_stackalloc_is_judged() => VerifyAsync(With("""
                Span<double> dw = stackalloc double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < dw.Length; j++) {|#0:w[j] -= -lr * dw[j]|};
                for (int j = 0; j < dw.Length; j++) w[j] -= lr * dw[j];
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_gradient_passed_with_AsSpan_and_weights_updated_through_a_span_are_judged() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Span<double> weights = w;
                Model.CostGradient(w, b, x, y, dw.AsSpan(), out double db);
                for (int j = 0; j < w.Length; j++) {|#0:w[j] += lr * dw[j]|};
                for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
        """), Warning().WithLocation(0));

    [Fact]
    public Task A_hand_written_per_element_gradient_is_judged_against_the_cost() => VerifyAsync(With("""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    double p = Model.Predict(w, x) + b;
                    double loss = Model.Cost(w, b, x, y);
                    for (int j = 0; j < w.Length; j++) {|#0:w[j] += lr * (p - y) * x[j]|};
                }
        """), Warning().WithLocation(0).WithMessage("Update of 'w[j]' climbs the gradient of 'Cost' (∂Cost/∂w[j] = its generated gradient); gradient descent moves against it"));

    [Fact]
    public Task A_right_hand_written_per_element_gradient_is_silent() => VerifyAsync(With("""
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    double p = Model.Predict(w, x) + b;
                    double loss = Model.Cost(w, b, x, y);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * (p - y) * x[j];
                    for (int j = 0; j < w.Length; j++) w[j] += lr * (y - p) * x[j];
                }
        """));

    [Fact]
    public Task Steps_that_are_not_the_elements_own_partial_are_not_judged() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                // another element's partial, weight decay, a momentum-free heuristic on the data: none is k·∂Cost/∂w[j]
                for (int j = 1; j < w.Length; j++) w[j] += lr * dw[j - 1];
                for (int j = 0; j < w.Length; j++) w[j] += lr * w[j];
                for (int j = 0; j < w.Length; j++) w[j] += lr * x[j];
        """));

    [Fact]
    public Task An_array_the_cost_did_not_see_is_not_judged() => VerifyAsync(With("""
                var dw = new double[w.Length];
                var copy = (double[])w.Clone();
                Model.CostGradient(copy, b, x, y, dw, out double db);
                var other = new double[w.Length];
                for (int j = 0; j < w.Length; j++) other[j] += lr * dw[j];
        """));

    [Fact]
    public Task A_filled_gradient_buffer_written_by_hand_is_not_judged() => VerifyAsync(With("""
                double p = Model.Predict(w, x) + b;
                double loss = Model.Cost(w, b, x, y);
                var g = new double[w.Length];
                for (int j = 0; j < w.Length; j++) g[j] = (p - y) * x[j];
                for (int j = 0; j < w.Length; j++) w[j] += lr * g[j];
        """));

    // Found by review: each was flagged before the arrays' element writes, aliases and escapes were followed.

    [Fact]
    public Task Undoing_a_step_that_raised_the_cost_is_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double before = Model.Cost(w, b, x, y);
                for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
                double after = Model.Cost(w, b, x, y);
                if (after > before)
                    for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
                if (double.IsNaN(Model.Predict(w, x)))
                    for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
        """));

    [Fact]
    public Task A_finite_difference_probe_along_the_gradient_and_its_restore_are_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double c0 = Model.Cost(w, b, x, y);
                for (int j = 0; j < w.Length; j++) w[j] -= 1e-6 * dw[j];
                double cm = Model.Cost(w, b, x, y);
                for (int j = 0; j < w.Length; j++) w[j] += 1e-6 * dw[j];
        """));

    [Fact]
    public Task A_gradient_buffer_turned_into_the_step_in_place_is_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) dw[j] *= -lr;
                for (int j = 0; j < w.Length; j++) w[j] += dw[j];
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = 0; j < dw.Length; j++) dw[j] = -dw[j];
                    for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
                }
        """));

    [Fact]
    public Task A_gradient_buffer_changed_by_a_helper_or_through_an_alias_is_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                var step = dw;
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) step[j] = -lr * dw[j];
                for (int j = 0; j < w.Length; j++) w[j] += dw[j];
                var g = new double[w.Length];
                Model.CostGradient(w, b, x, y, g, out db);
                Negate(g);
                for (int j = 0; j < w.Length; j++) w[j] += lr * g[j];
        """));
}
