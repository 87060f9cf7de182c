using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>Where a pass's values sit on a tape: pass (index − start) holds <c>width</c> slots, one per kept value.</summary>
internal static class TapeLayout
{
    public static Expr Slot(LoopHeader header, int width, int k) =>
        IntMath.Add(IntMath.Multiply(IntMath.Subtract(header.Index, header.Start), width), k);

    public static Expr Length(LoopHeader header, int width) => IntMath.Multiply(IntMath.Subtract(header.End, header.Start), width);
}

/// <summary>Int arithmetic that folds the zeros and ones tape layouts produce.</summary>
internal static class IntMath
{
    public static Expr Add(Expr a, int b) =>
        b == 0 ? a : a is IntLiteral l ? new IntLiteral(l.Value + b) : new IntOperation(IntOperator.Add, a, new IntLiteral(b));

    public static Expr Subtract(Expr a, Expr b) =>
        b is IntLiteral { Value: 0 } ? a : a is IntLiteral x && b is IntLiteral y ? new IntLiteral(x.Value - y.Value) : new IntOperation(IntOperator.Subtract, a, b);

    public static Expr Multiply(Expr a, int b) =>
        b == 1 ? a : a is IntLiteral l ? new IntLiteral(l.Value * b) : new IntOperation(IntOperator.Multiply, a, new IntLiteral(b));
}
