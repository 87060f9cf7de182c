using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Emit;

/// <summary>
/// Prints a <see cref="VectorFor"/>: the vector loop, guarded by the hardware check and by there being at least one
/// vector's worth of passes, then the scalar loop for the passes left, both in a block that owns the index.
/// </summary>
internal static class VectorLoopWriter
{
    private static readonly ExpressionFormatter Code = ExpressionFormatter.CSharp;
    private static readonly ExpressionFormatter Lanes = ExpressionFormatter.Lanes;

    public static void Write(SourceWriter writer, VectorFor loop, System.Action<SourceWriter, EquatableArray<Instruction>> writeScalar)
    {
        var header = loop.Scalar.Header;
        var index = Name(header.Index);
        // The end is printed in `end - i` and `end - Count`: parenthesised unless it binds at least as tightly as a sum.
        var end = header.End is IntLiteral or Symbol or Length or IntOperation { Operator: not (IntOperator.Negate or IntOperator.FromDouble) }
            ? Code.Format(header.End)
            : "(" + Code.Format(header.End) + ")";
        var count = VectorType(loop.Element) + ".Count";
        writer.OpenBlock();
        writer.WriteLine($"int {index} = {Code.Format(header.Start)};");
        writer.OpenBlock($"if (global::System.Numerics.Vector.IsHardwareAccelerated && {end} - {index} >= {count})");
        Write(writer, loop.Before);
        writer.OpenBlock($"for (; {index} <= {end} - {count}; {index} += {count})");
        Write(writer, loop.Body);
        writer.CloseBlock();
        Write(writer, loop.After);
        writer.CloseBlock();
        writer.OpenBlock($"for (; {index} < {end}; {index}++)");
        writeScalar(writer, loop.Scalar.Body);
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void Write(SourceWriter writer, EquatableArray<Instruction> code)
    {
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                case Let { Target.Kind: SymbolRole.Lanes } l:
                    writer.WriteLine($"{VectorType(l.Target.ValueType)} {Name(l.Target)} = {Lanes.Format(l.Value)};");
                    break;
                case Let l:
                    writer.WriteLine($"{TypeNames.Of(l.Target.ValueType)} {Name(l.Target)} = {Code.Format(l.Value)};");
                    break;
                case Broadcast { Value: Constant { IsZero: true } } b:
                    writer.WriteLine($"{VectorType(b.Target.ValueType)} {Name(b.Target)} = {VectorType(b.Target.ValueType)}.Zero;");
                    break;
                case Broadcast b:
                    writer.WriteLine($"{VectorType(b.Target.ValueType)} {Name(b.Target)} = new {VectorType(b.Target.ValueType)}({Code.FormatArgument(b.Value)});");
                    break;
                case LoadLanes l:
                    writer.WriteLine($"{VectorType(l.Target.ValueType)} {Name(l.Target)} = new {VectorType(l.Target.ValueType)}({Elements(l.Array, l.Index, l.FromSpan)});");
                    break;
                case AddTo a:
                    writer.WriteLine($"{Name(a.Target)} += {Lanes.Format(a.Value)};");
                    break;
                case AddLanesToElements a:
                    var elements = Elements(a.Span, a.Index, a.ToSpan);
                    writer.WriteLine($"(new {VectorType(a.Span.ValueType)}({elements}) + {Lanes.Format(a.Value)}).CopyTo({elements});");
                    break;
                case StoreLanes s:
                    var lanes = s.Value is Symbol stored ? Name(stored) : "(" + Lanes.Format(s.Value) + ")";
                    writer.WriteLine($"{lanes}.CopyTo({Elements(s.Array, s.Index, s.ToSpan)});");
                    break;
                case AddLaneSum s:
                    writer.WriteLine($"{Name(s.Target)} += global::System.Numerics.Vector.Sum({Name(s.Lanes)});");
                    break;
            }
        }
    }

    /// <summary>The arguments that load (a constructor) or store (<c>CopyTo</c>) lanes from index on: a span slice, or the array and the index.</summary>
    private static string Elements(Symbol array, Expr index, bool span) =>
        span ? $"{Name(array)}.Slice({Code.Format(index)})" : $"{Name(array)}, {Code.Format(index)}";

    private static string VectorType(ScalarType element) => "global::System.Numerics.Vector<" + TypeNames.Of(element) + ">";

    private static string Name(Symbol symbol) => ExpressionFormatter.Identifier(symbol.Name);
}
