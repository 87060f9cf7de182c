using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using GradientDescent.Generator.Layout;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Layout;

/// <summary>
/// Reads and writes of a flattened matrix's rows (<c>W[j * n + i]</c>) go through spans over the rows: which loops
/// get them (on hand-built IR), that the code still computes the same gradients (hand-derived and central
/// differences), for int data too, and that a loop with no passes slices nothing, so nothing throws.
/// </summary>
public class RowViewsTests
{
    private const string Source = """
        using System;
        using GradientDescent;

        namespace Rows;

        public static partial class Models
        {
            // a linear layer: L = Σⱼ (Σᵢ W[j·n + i]·x[i] − y[j])²
            [Differentiable(nameof(W))]
            public static double Linear(double[] W, double[] x, double[] y)
            {
                int n = x.Length;
                double loss = 0;
                for (int j = 0; j < y.Length; j++)
                {
                    double z = 0;
                    for (int i = 0; i < n; i++) z += W[j * n + i] * x[i];
                    loss += (z - y[j]) * (z - y[j]);
                }
                return loss;
            }

            // rows that start 5 elements in, weighted by int counts read by row too
            [Differentiable(nameof(w))]
            public static double Offset(double[] w, ReadOnlySpan<int> counts, int n)
            {
                double s = 0;
                for (int r = 0; r < 3; r++)
                {
                    for (int i = 0; i < n; i++) s += counts[r * n + i] * w[r * n + 5 + i] * w[r * n + 5 + i];
                }
                return s;
            }

            // reads w[c + i] only while i < m: the original never reaches past w[c + m - 1]
            [Differentiable(nameof(w))]
            public static double Guarded(double[] w, int c, int n, int m)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += (i < m && w[c + i] > 0) ? w[c + i] * w[c + i] : w[i];
                return s;
            }

            public static double GuardedAt(double[] w, int c, int n, int m, double[] dw) => GuardedGradient(w, c, n, m, dw);
            public static double LinearAt(double[] W, double[] x, double[] y, double[] dW) => LinearGradient(W, x, y, dW);
            public static double OffsetAt(double[] w, int[] counts, int n, double[] dw) => OffsetGradient(w, counts, n, dw);
            public static double OffsetValue(double[] w, int[] counts, int n) => Offset(w, counts, n);
        }
        """;

    private static readonly Lazy<GenerationResult> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<CompiledModel> Model = new(() => CompiledModel.Build(Source));

    private static MethodInfo Method(string name) => Model.Value.Type("Rows.Models").GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static string Member(string method) => Vectorization.VectorizedGradientTests.Member(Generated.Value.AllGeneratedSources(), method);

    [Fact]
    public void The_rows_of_a_flattened_matrix_are_read_and_written_through_views_bounded_by_their_length()
    {
        var code = Member("LinearGradient");
        Assert.Contains("global::System.ReadOnlySpan<double> W_row = n > 0 ? ((global::System.ReadOnlySpan<double>)W).Slice(j * n, n) : default;", code);
        Assert.Contains("global::System.Span<double> dW_row = n > 0 ? dW.Slice(j * n, n) : default;", code);
        Assert.Contains("for (int i = 0; i < W_row.Length; i++)", code);
        Assert.Contains("dW_row[i] += ", code);
        Assert.Contains("x[i]", code); // read at the index itself: no view needed
        Assert.Contains("global::System.ReadOnlySpan<int> counts_row", Member("OffsetGradient"));
    }

    [Fact]
    public void A_linear_layers_gradient_through_views_is_the_hand_derived_one_and_agrees_with_central_differences()
    {
        var at = Method("LinearAt");
        FiniteDifferenceCheck.Run("linear layer", check => Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4]).SelectMany((m, n) =>
            Gen.Select(Points.Uniform(-2, 2, m * n), Points.Uniform(-2, 2, n), Points.Uniform(-2, 2, m))).Sample((W, x, y) =>
        {
            var dW = new double[W.Length];
            at.Invoke(null, new object[] { W, x, y, dW });
            int n = x.Length;
            double F(double[] p) => (double)Method("Linear").Invoke(null, new object[] { p, x, y })!;
            for (int j = 0; j < y.Length; j++)
            {
                var e = Enumerable.Range(0, n).Sum(i => W[j * n + i] * x[i]) - y[j];
                for (int i = 0; i < n; i++)
                {
                    if (!Differentiation.SymbolicPropertyTests.Close(2 * e * x[i], dW[j * n + i], 1e-12) || !check.Agrees(F, W, j * n + i, dW[j * n + i])) return false;
                }
            }
            return true;
        }, iter: 200));
    }

    [Fact]
    public void Offset_rows_of_doubles_and_ints_give_the_hand_derived_gradient()
    {
        Gen.Int[1, 4].SelectMany(n => Gen.Select(Points.Uniform(-2, 2, 3 * n + 5), Gen.Int[0, 3].Array[3 * n])).Sample((w, counts) =>
        {
            int n = counts.Length / 3;
            var dw = new double[w.Length];
            at(w, counts, n, dw);
            var expected = new double[w.Length];
            for (int r = 0; r < 3; r++)
            {
                for (int i = 0; i < n; i++) expected[r * n + 5 + i] += 2 * counts[r * n + i] * w[r * n + 5 + i];
            }
            return expected.Zip(dw).All(p => Differentiation.SymbolicPropertyTests.Close(p.First, p.Second, 1e-12));
        }, iter: 200);

        static void at(double[] w, int[] counts, int n, double[] dw) => Method("OffsetAt").Invoke(null, new object[] { w, counts, n, dw });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_loop_with_no_passes_slices_nothing_even_where_its_rows_would_start_past_the_end(int n)
    {
        // Slice(5, 0) of an empty array would throw; the method itself reads nothing.
        var dw = Array.Empty<double>();
        var value = (double)Method("OffsetAt").Invoke(null, new object[] { Array.Empty<double>(), Array.Empty<int>(), n, dw })!;
        Assert.Equal(0.0, value);
        Assert.Equal(0.0, (double)Method("OffsetValue").Invoke(null, new object[] { Array.Empty<double>(), Array.Empty<int>(), n })!);
    }

    [Fact]
    public void A_row_read_only_some_passes_reach_is_not_viewed_so_the_gradient_throws_only_where_the_method_does()
    {
        // w has 6 elements, the rows would be w[3..8), but only w[3] is read (m = 1): a view would slice past the end.
        var w = new double[] { 1, -2, 3, 4, 5, 6 };
        var dw = new double[w.Length];
        var value = (double)Method("GuardedAt").Invoke(null, new object[] { w, 3, 5, 1, dw })!;
        Assert.Equal(16 + (-2) + 3 + 4 + 5, value);
        Assert.Equal(new double[] { 0, 1, 1, 1 + 8, 1, 0 }, dw);
        Assert.DoesNotContain("Slice(c, n)", Member("GuardedGradient"));
    }

    [Fact]
    public void Reads_under_a_condition_or_after_a_short_circuit_keep_their_array_and_the_others_are_viewed()
    {
        var atRow = new ElementRead(Xs, Row(C));
        var guarded = new Conditional(new Binary(BinaryOperator.And, new Binary(BinaryOperator.LessThan, I, N), new Binary(BinaryOperator.GreaterThan, atRow, Constant.Zero)), atRow, Constant.One);
        var viewed = Assert.IsType<ViewedFor>(Rewrite(Loop(new AddTo(S, new Binary(BinaryOperator.Add, guarded, atRow)))));
        var value = Assert.IsType<AddTo>(Assert.Single(viewed.Viewed.Body)).Value;
        var sum = Assert.IsType<Binary>(value);
        var kept = Assert.IsType<Conditional>(sum.Left);
        Assert.Equal(atRow, kept.WhenTrue);
        Assert.Equal(atRow, Assert.IsType<Binary>(Assert.IsType<Binary>(kept.Condition).Right).Left);
        Assert.Equal(new ElementRead(viewed.Views[0].View, I), sum.Right);
    }

    private static readonly Symbol I = new("i", SymbolRole.Local, ScalarType.Int), K = new("k", SymbolRole.Local, ScalarType.Int);
    private static readonly Symbol N = new("n", SymbolRole.Local, ScalarType.Int), C = new("c", SymbolRole.Local, ScalarType.Int);
    private static readonly Symbol Xs = new("xs", SymbolRole.Parameter), Dw = new("dw", SymbolRole.Output), S = new("s", SymbolRole.Temporary);
    private static readonly Symbol Local = new("a", SymbolRole.Array);

    private static Expr Row(Expr offset) => new IntOperation(IntOperator.Add, offset, I);

    private static For Loop(params Instruction[] body) => Loop(IntLiteral.Zero, false, body);

    private static For Loop(Expr start, bool backward, params Instruction[] body) => new(new LoopHeader(I, start, N), backward, body.ToEquatableArray());

    private static Instruction Rewrite(Instruction loop) =>
        RowViews.Rewrite(new[] { loop }.ToEquatableArray(), new NameAllocator(new[] { "i", "k", "n", "c", "xs", "dw", "s", "a" })).Single();

    [Fact]
    public void A_read_and_a_write_at_an_offset_the_same_in_every_pass_get_one_view_each_and_a_repeated_row_shares_it()
    {
        var offset = new IntOperation(IntOperator.Multiply, K, N);
        var viewed = Assert.IsType<ViewedFor>(Rewrite(Loop(
            new AddTo(S, new Binary(BinaryOperator.Multiply, new ElementRead(Xs, Row(offset)), new ElementRead(Xs, Row(offset)))),
            new AddToElement(Dw, Row(offset), new ElementRead(Xs, I)))));
        Assert.Equal(new[] { ("xs", false), ("dw", true) }, viewed.Views.Select(v => (v.Array.Name, v.Writable)).ToArray());
        Assert.Equal(new Length(viewed.Views[0].View), viewed.Viewed.Header.End);
        Assert.Contains(viewed.Viewed.Body, i => i is AddToElement { Span.Kind: SymbolRole.View, Index: Symbol { Name: "i" } });
    }

    [Fact]
    public void Loops_that_may_stop_early_run_backwards_start_elsewhere_or_have_an_offset_that_changes_are_left_alone()
    {
        var read = new AddTo(S, new ElementRead(Xs, Row(C)));
        Assert.IsType<ViewedFor>(Rewrite(Loop(read)));
        Assert.IsType<For>(Rewrite(Loop(new BreakUnless(new Binary(BinaryOperator.LessThan, S, Constant.One)), read)));
        Assert.IsType<For>(Rewrite(Loop(new If(Constant.One, new Instruction[] { read }.ToEquatableArray()), read)));
        Assert.IsType<For>(Rewrite(Loop(IntLiteral.Zero, backward: true, read)));
        Assert.IsType<For>(Rewrite(Loop(IntLiteral.One, backward: false, read)));
        Assert.IsType<For>(Rewrite(Loop(new Store(C, new IntOperation(IntOperator.Add, C, IntLiteral.One)), read)));
        Assert.IsType<For>(Rewrite(Loop(new AddTo(S, new ElementRead(Xs, I)))));
    }

    [Fact]
    public void A_local_array_and_a_tape_are_not_viewed_and_nor_is_a_parameter_written_at_a_row()
    {
        Assert.IsType<For>(Rewrite(Loop(new StoreElement(Local, Row(C), Constant.One))));
        Assert.IsType<For>(Rewrite(Loop(new AddTo(S, new ElementRead(Local, Row(C))))));
        Assert.IsType<For>(Rewrite(Loop(new AddToElement(Xs, Row(C), Constant.One))));
    }

    [Fact]
    public void An_inner_loop_is_viewed_inside_its_outer_loop()
    {
        var outer = new For(new LoopHeader(K, IntLiteral.Zero, N), false, new Instruction[] { Loop(new AddTo(S, new ElementRead(Xs, Row(new IntOperation(IntOperator.Multiply, K, N))))) }.ToEquatableArray());
        var rewritten = Assert.IsType<For>(Rewrite(outer));
        Assert.IsType<ViewedFor>(Assert.Single(rewritten.Body));
    }
}
