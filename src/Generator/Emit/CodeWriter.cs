using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Emit;

/// <summary>Prints the imperative IR one instruction per line, loops as blocks.</summary>
internal static class CodeWriter
{
    private static readonly ExpressionFormatter Code = ExpressionFormatter.CSharp;

    public static void Write(SourceWriter writer, EquatableArray<Instruction> code)
    {
        foreach (var instruction in code) Write(writer, instruction);
    }

    private static void Write(SourceWriter writer, Instruction instruction)
    {
        switch (instruction)
        {
            case Let l:
                writer.WriteLine($"{TypeNames.Of(l.Target.ValueType)} {Name(l.Target)} = {Value(l.Target, l.Value)};");
                break;
            case Store s:
                writer.WriteLine($"{Name(s.Target)} = {Value(s.Target, s.Value)};");
                break;
            case AddTo a:
                writer.WriteLine($"{Name(a.Target)} += {Code.Format(a.Value)};");
                break;
            case AddToElement a:
                writer.WriteLine($"{Name(a.Span)}[{Code.Format(a.Index)}] += {Code.Format(a.Value)};");
                break;
            case CallMethod { Assigns: true } c:
                writer.WriteLine($"{Name(c.Target)} = {Call(c)};");
                break;
            case CallMethod c:
                writer.WriteLine($"double {Name(c.Target)} = {Call(c)};");
                break;
            case For f:
                var index = Name(f.Header.Index);
                var start = Code.Format(f.Header.Start);
                var end = Code.Format(f.Header.End);
                writer.OpenBlock(f.Backward
                    ? $"for (int {index} = {end} - 1; {index} >= {start}; {index}--)"
                    : $"for (int {index} = {start}; {index} < {end}; {index}++)");
                Write(writer, f.Body);
                writer.CloseBlock();
                break;
            case VectorFor v:
                VectorLoopWriter.Write(writer, v, Write);
                break;
            case ViewedFor v:
                foreach (var view in v.Views) WriteView(writer, view);
                Write(writer, v.Viewed);
                break;
            case BreakUnless b:
                writer.WriteLine($"if ({Code.Format(Ex.Not(b.Condition))}) break;");
                break;
            case EnsureTape e:
                var (tape, scratch, needed) = (Name(e.Tape), Name(e.Scratch), Code.Format(e.Length));
                writer.OpenBlock($"if ({tape}.Length < {needed})");
                writer.WriteLine($"double[] {scratch} = {Pool}.Rent(global::System.Math.Max({needed}, 2 * {tape}.Length));");
                writer.WriteLine($"global::System.Array.Copy({tape}, {scratch}, {tape}.Length);");
                writer.WriteLine($"{Pool}.Return({tape});");
                writer.WriteLine($"{tape} = {scratch};");
                writer.CloseBlock();
                break;
            case If i:
                writer.OpenBlock($"if ({Code.Format(i.Condition)})");
                Write(writer, i.Body);
                writer.CloseBlock();
                break;
            case RentTape r:
                WriteRent(writer, r.Tape, r.Length);
                break;
            case ReleaseTape r:
                writer.WriteLine($"{Pool}.Return({Name(r.Tape)});");
                break;
            case AllocateArray a when a.OnStack:
                writer.WriteLine($"global::System.Span<double> {Name(a.Array)} = stackalloc double[{Code.Format(a.Length)}];");
                break;
            case AllocateArray a:
                WriteRent(writer, a.Array, a.Length);
                break;
            case ClearArray c when c.OnStack:
                writer.WriteLine($"{Name(c.Array)}.Clear();");
                break;
            case ClearArray c:
                writer.WriteLine($"global::System.Array.Clear({Name(c.Array)}, 0, {Code.Format(c.Length)});");
                break;
            case ThrowUnless t:
                writer.WriteLine($"if ({Code.Format(Ex.Not(t.Condition))}) throw new {t.Failure.ExceptionType}({string.Join(", ", t.Failure.Arguments.Select(a => Literals.Constant(a.Value)))});");
                break;
            case StoreElement e:
                writer.WriteLine($"{Name(e.Array)}[{Code.Format(e.Index)}] = {Code.Format(e.Value)};");
                break;
            case WriteTape w:
                writer.WriteLine($"{Name(w.Tape)}[{Code.Format(w.Slot)}] = {Code.Format(w.Value)};");
                break;
        }
    }

    /// <summary>
    /// A parameter (a T[] or a ReadOnlySpan) is cast to a ReadOnlySpan, a gradient span sliced as it is; a loop with
    /// no passes gets an empty view, so a start past the end is never sliced.
    /// </summary>
    private static void WriteView(SourceWriter writer, RowView view)
    {
        var element = TypeNames.Of(view.Array.ValueType);
        var type = view.Writable ? $"global::System.Span<{element}>" : $"global::System.ReadOnlySpan<{element}>";
        var source = view.Writable ? Name(view.Array) : $"(({type}){Name(view.Array)})";
        var (start, length) = (Code.Format(view.Start), Code.Format(view.Length));
        var slice = $"{source}.Slice({start}, {length})";
        writer.WriteLine(view.Length is IntLiteral { Value: > 0 }
            ? $"{type} {Name(view.View)} = {slice};"
            : $"{type} {Name(view.View)} = {length} > 0 ? {slice} : default;");
    }

    private const string Pool = "global::System.Buffers.ArrayPool<double>.Shared";

    private static void WriteRent(SourceWriter writer, Symbol buffer, Expr length) =>
        writer.WriteLine($"double[] {Name(buffer)} = {Pool}.Rent(global::System.Math.Max({Code.Format(length)}, 0));");

    /// <summary>The value stored; a constant condition prints as a number elsewhere, so a bool gets its literal.</summary>
    private static string Value(Symbol target, Expr value) =>
        target.ValueType == ScalarType.Bool && value is Constant truth ? (truth.IsZero ? "false" : "true") : Code.Format(value);

    /// <summary><c>F(a, b)</c>, or <c>FGradient(a, b, out double da, out _)</c> when the partials are read.</summary>
    private static string Call(CallMethod call)
    {
        var arguments = call.Arguments.Select((a, i) => ExpressionFormatter.CSharp.FormatArgument(a, asDouble: i < call.Callee.TakesDouble.Count && call.Callee.TakesDouble[i]));
        var callee = call.Callee;
        if (!call.CallsGradient) return Qualified(callee.QualifiedType, callee.Name) + "(" + string.Join(", ", arguments) + ")";
        var outs = call.Outs.Select((p, j) => p switch
        {
            null => "out _",
            // a helper's gradient span: the pooled buffer, cut to the length of the array it differentiates
            { Kind: SymbolRole.Array } => $"new global::System.Span<double>({Name(p)}, 0, {Code.Format(ArraySlice.Of(call.Arguments[callee.Outs[j]]).Count)})",
            _ => (call.Assigns ? "out " : "out double ") + Name(p),
        });
        return Qualified(callee.GradientQualifiedType, callee.GradientName) + "(" + string.Join(", ", arguments.Concat(outs)) + ")";
    }

    private static string Qualified(string? type, string member) => type is null ? ExpressionFormatter.Identifier(member) : type + "." + ExpressionFormatter.Identifier(member);

    private static string Name(Symbol symbol) => ExpressionFormatter.Identifier(symbol.Name);
}
