using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace GradientDescent.Generator.Emit;

/// <summary>
/// Writes IR as text with the fewest parentheses that keep its structure: as C# for the generated code, or in
/// mathematical notation (·, exp, sign) for the doc comment.
/// </summary>
internal sealed class ExpressionFormatter
{
    public static readonly ExpressionFormatter CSharp = new(mathStyle: false);
    public static readonly ExpressionFormatter Math = new(mathStyle: true);

    /// <summary>C# for the body of a SIMD loop: a math function of lanes is the lane-wise one of System.Numerics.Vector.</summary>
    public static readonly ExpressionFormatter Lanes = new(mathStyle: false, lanes: true);

    private const int ConditionalLevel = 1, OrLevel = 2, AndLevel = 3, EqualityLevel = 4, RelationalLevel = 5,
        AdditiveLevel = 6, MultiplicativeLevel = 7, UnaryLevel = 8, PrimaryLevel = 9;

    private readonly bool _mathStyle;
    private readonly bool _lanes;

    private ExpressionFormatter(bool mathStyle, bool lanes = false)
    {
        _mathStyle = mathStyle;
        _lanes = lanes;
    }

    public string Format(Expr e) => Format(e, 0, forceDouble: false);

    /// <summary>An argument of a double parameter: a whole-number literal is written as a double (<c>2.0</c>).</summary>
    public string FormatArgument(Expr e) => Format(e, 0, forceDouble: true);

    /// <summary>An argument; for a double parameter, an int value is converted as the call converted it (H(w, (double)k) must not call H(double, int)).</summary>
    public string FormatArgument(Expr e, bool asDouble) =>
        asDouble && e.Type == ScalarType.Int && !_mathStyle ? "(double)" + Format(e, PrimaryLevel, false) : FormatArgument(e);

    private string Format(Expr e, int required, bool forceDouble)
    {
        var (text, level) = Write(e, forceDouble);
        return level < required ? "(" + text + ")" : text;
    }

    private (string Text, int Level) Write(Expr e, bool forceDouble)
    {
        switch (e)
        {
            case Constant c:
                var literal = Literals.Format(c.Value, forceDouble && !_mathStyle);
                return (literal, c.Value < 0 ? UnaryLevel : PrimaryLevel);
            case Symbol s:
                return (_mathStyle ? s.Name : Identifier(s.Name), PrimaryLevel);
            case FieldValue f:
                return (_mathStyle || f.QualifiedType is null ? Name(f.Name) : f.QualifiedType + "." + Identifier(f.Name), PrimaryLevel);
            case IntLiteral i:
                return (i.ToString(), i.Value < 0 ? UnaryLevel : PrimaryLevel);
            case IntOperation o:
                return WriteInt(o);
            case Length l:
                return (Name(l.Array.Name) + ".Length", PrimaryLevel);
            case ElementRead r:
                return (Name(r.Array.Name) + "[" + Format(r.Index, 0, false) + "]", PrimaryLevel);
            case ArraySlice a:
                var element = a.Array.ValueType == ScalarType.Int ? "int" : "double";
                return ("((global::System.ReadOnlySpan<" + element + ">)" + Name(a.Array.Name) + ").Slice(" + Format(a.Start, 0, false) + ", " + Format(a.Count, 0, false) + ")",
                    PrimaryLevel);
            case TapeRead t:
                return (Identifier(t.Tape.Name) + "[" + Format(t.Slot, 0, false) + "]", PrimaryLevel);
            case Unary u:
                var operand = Format(u.Operand, UnaryLevel, forceDouble);
                if (operand.StartsWith("-", System.StringComparison.Ordinal)) operand = "(" + operand + ")";
                return ((u.Operator == UnaryOperator.Negate ? "-" : "!") + operand, UnaryLevel);
            case Binary b:
                var level = Level(b.Operator);
                var token = _mathStyle && b.Operator == BinaryOperator.Multiply ? "·" : " " + b.Operator.Token() + " ";
                // A literal next to a double operand may stay "2"; two int-typed operands would be int arithmetic.
                var intOnly = IsIntTyped(b.Left) && IsIntTyped(b.Right);
                var left = Format(b.Left, level, intOnly);
                if (intOnly && b.Left is not Constant && !_mathStyle) left = "(double)" + Format(b.Left, PrimaryLevel, false);
                return (left + token + Format(b.Right, level + 1, intOnly), level);
            case Call c:
                return WriteCall(c);
            case Conditional c when _lanes && ReadsLanes(c.Condition):
                return ("global::System.Numerics.Vector.ConditionalSelect(" + Mask(c.Condition) + ", " + Format(c.WhenTrue, 0, true) + ", " +
                        Format(c.WhenFalse, 0, true) + ")", PrimaryLevel);
            case Conditional c:
                return (Format(c.Condition, OrLevel, false) + " ? " + Format(c.WhenTrue, OrLevel, true) + " : " +
                        Format(c.WhenFalse, ConditionalLevel, true), ConditionalLevel);
            default:
                return ("?", PrimaryLevel);
        }
    }

    /// <summary>A condition that differs per lane as a mask: System.Numerics.Vector's comparisons and bitwise operations.</summary>
    private string Mask(Expr condition) => condition switch
    {
        Binary { Operator: BinaryOperator.And } b => "global::System.Numerics.Vector.BitwiseAnd(" + Mask(b.Left) + ", " + Mask(b.Right) + ")",
        Binary { Operator: BinaryOperator.Or } b => "global::System.Numerics.Vector.BitwiseOr(" + Mask(b.Left) + ", " + Mask(b.Right) + ")",
        Unary { Operator: UnaryOperator.Not } u => "global::System.Numerics.Vector.OnesComplement(" + Mask(u.Operand) + ")",
        Binary { Operator: BinaryOperator.NotEqual } b => "global::System.Numerics.Vector.OnesComplement(" + Compare("Equals", b) + ")",
        Binary { Operator: var op } b => Compare(op switch
        {
            BinaryOperator.LessThan => "LessThan",
            BinaryOperator.LessThanOrEqual => "LessThanOrEqual",
            BinaryOperator.GreaterThan => "GreaterThan",
            BinaryOperator.GreaterThanOrEqual => "GreaterThanOrEqual",
            _ => "Equals",
        }, b),
        _ => Format(condition),
    };

    private string Compare(string name, Binary b) => "global::System.Numerics.Vector." + name + "(" + Format(b.Left, 0, false) + ", " + Format(b.Right, 0, false) + ")";

    private static bool ReadsLanes(Expr e) => e is Symbol { Kind: SymbolRole.Lanes } || ExprWalker.Children(e).Any(ReadsLanes);

    /// <summary>Whether C# would type the expression int: int literals, int values, and arithmetic of those.</summary>
    private static bool IsIntTyped(Expr e) => e switch
    {
        Constant c => c.Value == System.Math.Floor(c.Value) && System.Math.Abs(c.Value) < 1e15,
        { Type: ScalarType.Int } => true,
        Binary { Operator: var op } b when op.IsArithmetic() => IsIntTyped(b.Left) && IsIntTyped(b.Right),
        Unary { Operator: UnaryOperator.Negate } u => IsIntTyped(u.Operand),
        _ => false,
    };

    private (string, int) WriteCall(Call c)
    {
        var arguments = string.Join(", ", c.Arguments.Select(a => Format(a, 0, forceDouble: true)));
        if (_lanes && c.Arguments.Any(ReadsLanes) && VectorTarget.VectorName(c.Function) is { } laneWise)
            return ("global::System.Numerics.Vector." + laneWise + "(" + arguments + ")", PrimaryLevel);
        if (_mathStyle) return ((c.Function == MathFunction.FusedMultiplyAdd ? "fma" : c.Function.ToString().ToLowerInvariant()) + "(" + arguments + ")", PrimaryLevel);
        // Math.Sign returns int and throws on NaN; the runtime helper keeps double arithmetic and propagates NaN.
        var type = c.Function switch
        {
            MathFunction.Sign => "global::GradientDescent.DerivativeMath.",
            MathFunction.Exp2 => "global::System.Double.",
            _ => "global::System.Math.",
        };
        return (type + c.Function + "(" + arguments + ")", PrimaryLevel);
    }

    private (string, int) WriteInt(IntOperation o)
    {
        var x = o.Operands;
        switch (o.Operator)
        {
            case IntOperator.Negate:
                var operand = Format(x[0], UnaryLevel, false);
                return ("-" + (operand.StartsWith("-", System.StringComparison.Ordinal) ? "(" + operand + ")" : operand), UnaryLevel);
            case IntOperator.FromDouble:
                return (_mathStyle ? "⌊" + Format(x[0], 0, false) + "⌋" : "(int)" + Format(x[0], PrimaryLevel, false), UnaryLevel);
            case IntOperator.Max or IntOperator.Min or IntOperator.Abs or IntOperator.Sign:
                var arguments = string.Join(", ", x.Select(a => Format(a, 0, false)));
                return ((_mathStyle ? o.Operator.ToString().ToLowerInvariant() : "global::System.Math." + o.Operator) + "(" + arguments + ")", PrimaryLevel);
            default:
                var (token, level) = o.Operator switch
                {
                    IntOperator.Add => ("+", AdditiveLevel),
                    IntOperator.Subtract => ("-", AdditiveLevel),
                    IntOperator.Multiply => (_mathStyle ? "·" : "*", MultiplicativeLevel),
                    IntOperator.Divide => ("/", MultiplicativeLevel),
                    _ => ("%", MultiplicativeLevel),
                };
                var spaced = token == "·" ? token : " " + token + " ";
                return (Format(x[0], level, false) + spaced + Format(x[1], level + 1, false), level);
        }
    }

    /// <summary>A name as code or mathematics writes it: keywords escaped in code only.</summary>
    private string Name(string name) => _mathStyle ? name : Identifier(name);

    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    private static int Level(BinaryOperator op) => op switch
    {
        BinaryOperator.Add or BinaryOperator.Subtract => AdditiveLevel,
        BinaryOperator.Multiply or BinaryOperator.Divide => MultiplicativeLevel,
        BinaryOperator.LessThan or BinaryOperator.LessThanOrEqual or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual => RelationalLevel,
        BinaryOperator.Equal or BinaryOperator.NotEqual => EqualityLevel,
        BinaryOperator.And => AndLevel,
        _ => OrLevel,
    };
}
