using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>Source with <c>[|…|]</c> around the spans a diagnostic is expected on: returns the plain text and the spans.</summary>
internal static class SpanMarkup
{
    public static (string Text, List<TextSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '[' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                open.Push(text.Length);
                i++;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == ']')
            {
                var start = open.Pop();
                spans.Add(TextSpan.FromBounds(start, text.Length));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }
        return (text.ToString(), spans);
    }
}
