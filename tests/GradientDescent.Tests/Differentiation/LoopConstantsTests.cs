using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;
using Xunit;

namespace GradientDescent.Tests.Differentiation;

/// <summary>A constant factor leaves a loop's sum only where the sum starts at zero and the loop never reads it.</summary>
public class LoopConstantsTests
{
    private static readonly Symbol D = new("d", SymbolRole.Temporary), X = new("x", SymbolRole.Parameter), I = new("i", SymbolRole.Local, ScalarType.Int);

    private static Expr Times(double c, Expr e) => new Binary(BinaryOperator.Multiply, new Constant(c), e);

    private static For Loop(params Instruction[] body) => new(new LoopHeader(I, IntLiteral.Zero, new IntLiteral(8)), false, body.ToEquatableArray());

    [Fact]
    public void The_common_factor_is_applied_once_after_the_loop()
    {
        var code = LoopConstants.Apply(new List<Instruction> { new Let(D, Constant.Zero), Loop(new AddTo(D, Times(2, X)), new AddTo(D, Times(2, Times(3, X)))) });
        Assert.Equal(3, code.Count);
        var loop = Assert.IsType<For>(code[1]);
        Assert.Equal(new Instruction[] { new AddTo(D, X), new AddTo(D, Times(3, X)) }, loop.Body.ToArray());
        Assert.Equal(new Store(D, Times(2, D)), code[2]);
    }

    [Fact]
    public void A_sum_that_does_not_start_at_zero_a_sum_read_in_the_loop_and_different_factors_are_left_alone()
    {
        var notZero = new List<Instruction> { new Let(D, X), Loop(new AddTo(D, Times(2, X))) };
        var read = new List<Instruction> { new Let(D, Constant.Zero), Loop(new AddTo(D, Times(2, X)), new Let(new Symbol("t", SymbolRole.Temporary), D)) };
        var different = new List<Instruction> { new Let(D, Constant.Zero), Loop(new AddTo(D, Times(2, X)), new AddTo(D, Times(3, X))) };
        var readBetween = new List<Instruction> { new Let(D, Constant.Zero), new Let(new Symbol("t", SymbolRole.Temporary), D), Loop(new AddTo(D, Times(2, X))) };
        foreach (var code in new[] { notZero, read, different })
            Assert.Equal(code, LoopConstants.Apply(code));
        Assert.Equal(readBetween.Count, LoopConstants.Apply(readBetween).Count);
    }
}
