using System.Text;

namespace GradientDescent.Generator.Emit;

/// <summary>An indenting text writer: generated source is built as text, not with SyntaxFactory.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter(int indent = 0) => _indent = indent;

    public int Indent => _indent;

    /// <summary>Appends text another writer produced at this writer's indentation.</summary>
    public void Append(SourceWriter other) => _builder.Append(other._builder);

    public void WriteLine(string line)
    {
        for (var i = 0; i < _indent; i++) _builder.Append(IndentUnit);
        _builder.Append(line).Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
    }

    /// <summary>A bare block, for locals that must not outlive it.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock()
    {
        _indent--;
        WriteLine("}");
    }

    public override string ToString() => _builder.ToString();
}
