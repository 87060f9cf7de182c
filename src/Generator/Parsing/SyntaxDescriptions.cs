using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GradientDescent.Generator.Parsing;

/// <summary>Human words for syntax the differentiator rejects, so diagnostics name the construct.</summary>
internal static class SyntaxDescriptions
{
    /// <summary>"IfStatement" → "if statement", "SimpleLambdaExpression" → "simple lambda expression".</summary>
    public static string Describe(SyntaxNode node)
    {
        var name = node.Kind().ToString();
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) builder.Append(' ');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>The node's source text on one line, shortened for a diagnostic message.</summary>
    public static string Excerpt(SyntaxNode node)
    {
        var text = node.ToString().Replace("\r", " ").Replace("\n", " ");
        while (text.Contains("  ")) text = text.Replace("  ", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
