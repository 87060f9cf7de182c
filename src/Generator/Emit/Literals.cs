using System;
using System.Globalization;

namespace GradientDescent.Generator.Emit;

/// <summary>Double values as C# literals, culture-invariant and round-tripping.</summary>
internal static class Literals
{
    /// <param name="forceDouble">Write <c>1.0</c> rather than <c>1</c> where the literal alone decides the type.</param>
    public static string Format(double value, bool forceDouble)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (value == 0 && BitConverter.DoubleToInt64Bits(value) < 0) return "-0.0";
        var magnitude = Math.Abs(value);
        if (magnitude == Math.Floor(magnitude) && magnitude < 1e15)
        {
            var digits = ((long)value).ToString(CultureInfo.InvariantCulture);
            return forceDouble ? digits + ".0" : digits;
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A constant argument (of a reproduced throw) as the literal that gives the same value and overload.</summary>
    public static string Constant(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        double d => Format(d, forceDouble: true),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        bool b => b ? "true" : "false",
        char c => "'" + (c == '\'' ? "\\'" : Escape(c.ToString())) + "'",
        _ => throw new ArgumentException("not a constant", nameof(value)),
    };

    private static string String(string s) => "\"" + Escape(s).Replace("\"", "\\\"") + "\"";

    private static string Escape(string s)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    // no raw line break may stand in a literal
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
