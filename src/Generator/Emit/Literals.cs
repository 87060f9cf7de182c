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
}
