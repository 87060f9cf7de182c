using System.Threading.Tasks;
using Xunit;
using static GradientDescent.Tests.Infrastructure.SignVerifier;

namespace GradientDescent.Tests.Analyzers;

/// <summary>
/// Correct training code found by review that GD0001 must leave silent (each once a false warning or a case
/// probed for one): element updates of vector weights in every statement form, through slices, ref locals, fields, callees and line searches.
/// </summary>
public class ReviewedElementUpdatesTests
{
    private static string With(string body) => ElementUpdateFixture.With(body);

    [Fact]
    public Task E01_local_function_negates_buffer() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                Flip();
                for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];

                void Flip() { for (int i = 0; i < dw.Length; i++) dw[i] = -dw[i]; }
        """));

    [Fact]
    public Task E02_lambda_negates_buffer() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Action flip = () => { for (int i = 0; i < dw.Length; i++) dw[i] = -dw[i]; };
                Model.CostGradient(w, b, x, y, dw, out double db);
                flip();
                for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
        """));

    [Fact]
    public Task E03_ref_foreach_negates_buffer() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                foreach (ref double g in dw.AsSpan()) g *= -lr;
                for (int j = 0; j < w.Length; j++) w[j] += dw[j];
        """));

    [Fact]
    public Task E04_ref_local_negates_buffer() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) { ref double gj = ref dw[j]; gj = -lr * gj; }
                for (int j = 0; j < w.Length; j++) w[j] += dw[j];
        """));

    [Fact]
    public Task E05_ref_local_step_then_undo() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double before = Model.Cost(w, b, x, y);
                for (int j = 0; j < w.Length; j++) { ref double wj = ref w[j]; wj -= lr * dw[j]; }
                double after = Model.Cost(w, b, x, y);
                if (after > before)
                    for (int j = 0; j < w.Length; j++) w[j] += lr * dw[j];
        """));

    [Fact]
    public Task E06_line_search_undo_in_loop() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double before = Model.Cost(w, b, x, y);
                double t = lr;
                for (int trial = 0; trial < 20; trial++)
                {
                    for (int j = 0; j < w.Length; j++) w[j] -= t * dw[j];
                    if (Model.Cost(w, b, x, y) < before) break;
                    for (int j = 0; j < w.Length; j++) w[j] += t * dw[j];
                    t /= 2;
                }
        """));

    [Fact]
    public Task E07_line_search_undo_at_top_of_loop() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double before = Model.Cost(w, b, x, y);
                double t = 2 * lr;
                for (int trial = 0; trial < 20; trial++)
                {
                    if (trial > 0)
                        for (int j = 0; j < w.Length; j++) w[j] += t * dw[j];
                    t /= 2;
                    for (int j = 0; j < w.Length; j++) w[j] -= t * dw[j];
                    if (Model.Cost(w, b, x, y) < before) break;
                }
        """));

    [Fact]
    public Task E08_blocks_of_all_kinds_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Model.CostGradient(w, b, x, y, dw, out double db);
                    if (epoch % 2 == 0) { for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j]; }
                    else { for (int j = 0; j < w.Length; j++) w[j] = w[j] - lr * dw[j]; }
                    Model.CostGradient(w, b, x, y, dw, out db);
                    try { for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j]; } catch (Exception) { }
                    Model.CostGradient(w, b, x, y, dw, out db);
                    switch (epoch % 3) { case 0: for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j]; break; default: break; }
                    Model.CostGradient(w, b, x, y, dw, out db);
                    foreach (int j in new[] { 0, 1, 2 }) w[j] -= lr * dw[j];
                    Model.CostGradient(w, b, x, y, dw, out db);
                    int i = 0;
                    while (i < w.Length) { w[i] -= lr * dw[i]; i++; }
                    Model.CostGradient(w, b, x, y, dw, out db);
                    i = 0;
                    do { w[i] -= lr * dw[i]; i++; } while (i < w.Length);
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = w.Length - 1; j >= 0; j--) w[^1] -= lr * dw[^1];
                    b -= lr * db;
                }
        """));

    [Fact]
    public Task E09_local_functions_and_lambdas_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                void Step(double[] ww, double rate)
                {
                    var g = new double[ww.Length];
                    Model.CostGradient(ww, 0, x, y, g, out _);
                    for (int j = 0; j < ww.Length; j++) ww[j] -= rate * g[j];
                }
                Step(w, lr);
                Action<double> step2 = rate =>
                {
                    var g = new double[w.Length];
                    Model.CostGradient(w, 0, x, y, g, out _);
                    for (int j = 0; j < w.Length; j++) w[j] += -rate * g[j];
                };
                step2(lr);
                Func<int, double> f = j => { Model.CostGradient(w, 0, x, y, dw, out _); w[j] -= lr * dw[j]; return w[j]; };
        """));

    [Fact]
    public Task E10_span_slice_of_weights() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                Span<double> tail = w.AsSpan(1);
                for (int j = 0; j < tail.Length; j++) tail[j] -= lr * dw[j + 1];
                Model.CostGradient(w, b, x, y, dw, out db);
                Span<double> gs = dw.AsSpan(1);
                for (int j = 1; j < w.Length; j++) w[j] -= lr * gs[j - 1];
                Model.CostGradient(w, b, x, y, dw.AsSpan(0, w.Length), out db);
                for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
        """));

    [Fact]
    public Task E11_ref_local_weight_update_silent() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) { ref double wj = ref w[j]; wj -= lr * dw[j]; }
                Model.CostGradient(w, b, x, y, dw, out db);
                for (int j = 0; j < w.Length; j++) { ref double wj = ref w[j]; wj = wj - lr * dw[j]; }
        """));

    [Fact]
    public Task E12_negative_constant_step_element() => VerifyAsync(With("""
                const double step = -0.1;
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                for (int j = 0; j < w.Length; j++) w[j] += step * dw[j];
                Model.CostGradient(w, b, x, y, dw, out db);
                double neg = -lr;
                for (int j = 0; j < w.Length; j++) w[j] += neg * dw[j];
        """));

        [Fact]
    public Task E14_index_from_other_variable_and_reverse() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                var order = new int[] { 2, 0, 1 };
                foreach (var j in order) w[j] -= lr * dw[j];
        """));

    [Fact]
    public Task E15_schedules() => VerifyAsync(With("""
                var dw = new double[w.Length];
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    Model.CostGradient(w, b, x, y, dw, out double db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr / (epoch + 1) * dw[j];
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * Math.Pow(0.9, epoch) * dw[j];
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)) * dw[j];
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * (1.0 - (double)epoch / epochs) * dw[j];
                    Model.CostGradient(w, b, x, y, dw, out db);
                    for (int j = 0; j < w.Length; j++) w[j] -= lr / Math.Sqrt(epoch + 1.0) * dw[j];
                }
        """));

    [Fact]
    public Task E16_nesterov_lookahead_array_and_adam() => VerifyAsync(With("""
                var v = new double[w.Length];
                var look = new double[w.Length];
                var dw = new double[w.Length];
                double mu = 0.9;
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    for (int j = 0; j < w.Length; j++) look[j] = w[j] + mu * v[j];
                    Model.CostGradient(look, b, x, y, dw, out double db);
                    for (int j = 0; j < w.Length; j++) { v[j] = mu * v[j] - lr * dw[j]; w[j] += v[j]; }
                }
                var m = new double[w.Length];
                var s = new double[w.Length];
                for (int t = 0; t < epochs; t++)
                {
                    Model.CostGradient(w, b, x, y, dw, out double db);
                    for (int j = 0; j < w.Length; j++)
                    {
                        m[j] = 0.9 * m[j] + 0.1 * dw[j];
                        s[j] = 0.999 * s[j] + 0.001 * dw[j] * dw[j];
                        w[j] -= lr * (m[j] / (1 - Math.Pow(0.9, t + 1))) / (Math.Sqrt(s[j] / (1 - Math.Pow(0.999, t + 1))) + 1e-8);
                    }
                    for (int j = 0; j < w.Length; j++) v[j] = t == 0 ? dw[j] : mu * v[j] + dw[j];
                    for (int j = 0; j < w.Length; j++) w[j] -= lr * v[j];
                }
        """));

    [Fact]
    public Task E17_step_buffer_precomputed_negative() => VerifyAsync(With("""
                var dw = new double[w.Length];
                Model.CostGradient(w, b, x, y, dw, out double db);
                double neg = -lr;
                double scale = lr > 0 ? -lr : lr;
                for (int j = 0; j < w.Length; j++) w[j] += scale * dw[j];
        """));
}
