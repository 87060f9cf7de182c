using System.Linq;
using GradientDescent.Generator.Layout;
using GradientDescent.Generator.Model;
using Xunit;

namespace GradientDescent.Tests.Layout;

/// <summary>
/// A gradient write whose value is a branch with a zero arm becomes a guarded write (on hand-built IR): the zero arm
/// on either side, inside loops and ifs, and never inside vector lanes, where every lane reads its element anyway.
/// The end-to-end case (a read that only some passes reach) is in <see cref="RowViewsTests"/>.
/// </summary>
public class GuardedWritesTests
{
    private static readonly Symbol I = new("i", SymbolRole.Local, ScalarType.Int), N = new("n", SymbolRole.Local, ScalarType.Int);
    private static readonly Symbol Dw = new("dw", SymbolRole.Output), A = new("a", SymbolRole.Temporary);
    private static readonly Expr Condition = new Binary(BinaryOperator.LessThan, I, N);

    private static Instruction Rewrite(Instruction instruction) => GuardedWrites.Rewrite(new[] { instruction }.ToEquatableArray()).Single();

    private static For Loop(params Instruction[] body) => new(new LoopHeader(I, IntLiteral.Zero, N), false, body.ToEquatableArray());

    [Fact]
    public void A_write_of_a_branch_whose_false_arm_is_zero_happens_only_when_the_condition_holds()
    {
        var guarded = Assert.IsType<If>(Rewrite(new AddToElement(Dw, I, new Conditional(Condition, A, Constant.Zero))));
        Assert.Equal(Condition, guarded.Condition);
        Assert.Equal(new AddToElement(Dw, I, A), Assert.Single(guarded.Body));
    }

    [Fact]
    public void A_write_of_a_branch_whose_true_arm_is_zero_happens_only_when_the_condition_fails()
    {
        var guarded = Assert.IsType<If>(Rewrite(new AddToElement(Dw, I, new Conditional(Condition, Constant.Zero, A))));
        Assert.Equal(new Unary(UnaryOperator.Not, Condition), guarded.Condition);
        Assert.Equal(new AddToElement(Dw, I, A), Assert.Single(guarded.Body));
    }

    [Fact]
    public void Nested_branches_become_nested_guards_and_writes_inside_loops_and_ifs_are_reached()
    {
        var inner = new Binary(BinaryOperator.GreaterThan, A, Constant.Zero);
        var write = new AddToElement(Dw, I, new Conditional(Condition, new Conditional(inner, A, Constant.Zero), Constant.Zero));
        var loop = Assert.IsType<For>(Rewrite(Loop(new If(Condition, new Instruction[] { write }.ToEquatableArray()))));
        var outer = Assert.IsType<If>(Assert.Single(Assert.IsType<If>(Assert.Single(loop.Body)).Body));
        Assert.Equal(Condition, outer.Condition);
        var nested = Assert.IsType<If>(Assert.Single(outer.Body));
        Assert.Equal(inner, nested.Condition);
        Assert.Equal(new AddToElement(Dw, I, A), Assert.Single(nested.Body));
    }

    [Fact]
    public void A_zero_deeper_in_the_choice_puts_the_write_under_the_condition_of_the_other_arms()
    {
        var inner = new Binary(BinaryOperator.GreaterThan, A, Constant.Zero);
        var value = new Conditional(Condition, Constant.One, new Conditional(inner, A, Constant.Zero)); // c ? 1 : a > 0 ? a : 0
        var guarded = Assert.IsType<If>(Rewrite(new AddToElement(Dw, I, value)));
        Assert.Equal(new Binary(BinaryOperator.Or, Condition, inner), guarded.Condition);
        Assert.Equal(new AddToElement(Dw, I, value), Assert.Single(guarded.Body));

        var split = new Conditional(Condition, new Conditional(inner, A, Constant.Zero), new Conditional(inner, Constant.Zero, A));
        guarded = Assert.IsType<If>(Rewrite(new AddToElement(Dw, I, split)));
        Assert.Equal(new Conditional(Condition, inner, new Unary(UnaryOperator.Not, inner)), guarded.Condition);
    }

    [Fact]
    public void A_write_whose_every_choice_is_zero_is_dropped()
    {
        var inner = new Binary(BinaryOperator.GreaterThan, A, Constant.Zero);
        var write = new AddToElement(Dw, I, new Conditional(Condition, Constant.One, new Conditional(inner, Constant.Zero, Constant.Zero)));
        var rewritten = GuardedWrites.Rewrite(new Instruction[] { Loop(write) }.ToEquatableArray());
        var guarded = Assert.IsType<If>(Assert.Single(Assert.IsType<For>(Assert.Single(rewritten)).Body));
        Assert.Equal(Condition, guarded.Condition); // c ? 1 : (… ? 0 : 0) is c ? 1 : 0
        Assert.Empty(GuardedWrites.Rewrite(new Instruction[] { new AddToElement(Dw, I, new Conditional(inner, Constant.Zero, Constant.Zero)) }.ToEquatableArray()));
    }

    [Fact]
    public void Writes_of_values_with_no_zero_arm_and_writes_in_vector_lanes_are_left_alone()
    {
        var both = new AddToElement(Dw, I, new Conditional(Condition, A, Constant.One));
        Assert.Equal(both, Rewrite(both));
        var zeroArm = new AddToElement(Dw, I, new Conditional(Condition, A, Constant.Zero));
        var lanes = new VectorFor(Loop(zeroArm), ScalarType.Double, EquatableArray<Instruction>.Empty, new Instruction[] { zeroArm }.ToEquatableArray(), EquatableArray<Instruction>.Empty);
        Assert.Equal(lanes, Rewrite(lanes));
    }
}
