using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using GradientDescent.Generator.Vectorization;
using Xunit;

namespace GradientDescent.Tests.Vectorization;

/// <summary>What the lowering of one loop accepts and refuses, on IR built by hand (shapes the parser rarely produces).</summary>
public class LoopLoweringTests
{
    private static readonly Symbol I = new("i", SymbolRole.Local, ScalarType.Int);
    private static readonly Symbol Xs = new("xs", SymbolRole.Parameter), Out = new("a", SymbolRole.Array);
    private static readonly Symbol S = new("s", SymbolRole.Temporary), T = new("t", SymbolRole.Temporary), W = new("w", SymbolRole.Parameter);
    private static readonly VectorTarget Target = new(new[] { MathFunction.Exp }.ToEquatableArray());

    private static For Loop(params Instruction[] body) => new(new LoopHeader(I, IntLiteral.Zero, new Length(Xs)), false, body.ToEquatableArray());

    private static Expr X(Expr index) => new ElementRead(Xs, index);

    private static VectorFor? Lower(For loop, out VectorRefusal refusal) => Lower(loop, new Dictionary<Symbol, Symbol>(), out refusal);

    private static VectorFor? Lower(For loop, Dictionary<Symbol, Symbol> sameLength, out VectorRefusal refusal) =>
        LoopLowering.Lower(loop, Target, _ => false, new NameAllocator(new[] { "i", "xs", "s", "t", "w", "a", "dxs" }), sameLength, out refusal);

    [Fact]
    public void A_sum_over_the_passes_becomes_lane_sums_with_a_broadcast_for_what_is_the_same_in_every_pass()
    {
        var lowered = Lower(Loop(new AddTo(S, new Binary(BinaryOperator.Add, X(I), W))), out _);
        Assert.NotNull(lowered);
        Assert.Contains(lowered!.Before, i => i is Broadcast { Value: Symbol { Name: "w" } });
        Assert.Contains(lowered.Body, i => i is LoadLanes { Array.Name: "xs" });
        Assert.Equal(new Instruction[] { new AddLaneSum(S, ((Broadcast)lowered.Before.First(i => i is Broadcast { Value: Constant })).Target) }, lowered.After.ToArray());
    }

    [Fact]
    public void A_sum_declared_in_the_pass_is_refused()
    {
        Assert.Null(Lower(Loop(new Let(T, Constant.Zero), new AddTo(T, X(I))), out var refusal));
        Assert.Equal(VectorRefusal.NotIndependent, refusal);
    }

    [Fact]
    public void Two_stores_into_one_array_are_refused_one_is_not()
    {
        var next = new IntOperation(IntOperator.Add, I, IntLiteral.One);
        Assert.Null(Lower(Loop(new StoreElement(Out, I, X(I)), new StoreElement(Out, next, X(I))), out var refusal));
        Assert.Equal(VectorRefusal.NotIndependent, refusal);
        Assert.NotNull(Lower(Loop(new StoreElement(Out, I, X(I))), out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reading_an_array_the_loop_writes_is_refused(bool store)
    {
        Instruction write = store ? new StoreElement(Out, I, X(I)) : new AddToElement(Out, I, X(I));
        Assert.Null(Lower(Loop(write, new AddTo(S, new ElementRead(Out, I))), out var refusal));
        Assert.Equal(VectorRefusal.ReadsWrittenArray, refusal);
    }

    [Fact]
    public void Reading_a_sum_the_loop_adds_to_is_refused()
    {
        Assert.Null(Lower(Loop(new AddTo(S, X(I)), new Let(T, new Binary(BinaryOperator.Multiply, S, X(I)))), out var refusal));
        Assert.Equal(VectorRefusal.ReadsSum, refusal);
    }

    [Fact]
    public void A_guarded_gradient_write_is_vouched_for_only_by_an_array_of_the_same_length()
    {
        // dxs[i] += xs[i] > 0 ? xs[i] : 0 in a loop bounded by xs.Length: every pass reaches xs[i], and dxs[i] too
        // only when dxs is known to be as long as xs (a weight and its gradient span, checked on entry).
        var dxs = new Symbol("dxs", SymbolRole.Output);
        var write = new AddToElement(dxs, I, new Conditional(new Binary(BinaryOperator.GreaterThan, X(I), Constant.Zero), X(I), Constant.Zero));
        Assert.Null(Lower(Loop(write), out var refusal));
        Assert.Equal(VectorRefusal.GuardedElement, refusal);
        Assert.NotNull(Lower(Loop(write), new Dictionary<Symbol, Symbol> { [Xs] = dxs, [dxs] = Xs }, out _));
        Assert.Null(Lower(Loop(write), new Dictionary<Symbol, Symbol> { [W] = dxs, [dxs] = W }, out _));
    }
}
