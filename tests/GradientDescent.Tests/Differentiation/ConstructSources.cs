using System.Linq;

namespace GradientDescent.Tests.Differentiation;

/// <summary>
/// One [Differentiable] method per supported construct, each over (a, b, c) with the domain where it is smooth.
/// Compiled once through the real generator; tests call the generated gradients.
/// </summary>
internal static class ConstructSources
{
    public sealed record Construct(string Name, string Body, double Low = -2, double High = 2)
    {
        public override string ToString() => Name;
    }

    public static readonly Construct[] All =
    {
        new("Add", "=> a + b + 3 * c;"),
        new("Subtract", "=> a - b - (c - a);"),
        new("Multiply", "=> a * b * c * 2;"),
        new("Divide", "=> a / b + c / (a * a + 1);", 0.5, 2),
        new("UnaryMinus", "=> -a * -(b - c) + -(-c);"),
        new("Parentheses", "=> ((a + b) * (c - a)) * ((b));"),
        new("Literals", "=> 1.5e-1 * a + 2 * b - 0.25f * c + 1 / 2 * a;"),
        new("Locals", "{ double t = a * b; var u = t + c; return t * u; }"),
        new("LateAssignedLocal", "{ double t; t = a - c; return t * b; }"),
        new("Reassignment", "{ double t = a; t = t * b; t = t + c * t; return t; }"),
        new("CompoundAssignment", "{ double s = a; s += b * c; s -= a * a; s *= c; s /= b; return s; }", 0.5, 2),
        new("IncrementDecrement", "{ double s = a * b; s++; s--; s++; return s * c; }"),
        new("ReassignedParameter", "{ a = a * b; a += c; return a * a; }"),
        new("ConstField", "=> Rate * a * b + Offset * c;"),
        new("StaticReadonlyField", "=> Scale * a * a + Scale * b * c;"),
        new("MathConstants", "=> Math.PI * a + Math.E * b * c;"),
        new("Exp", "=> Math.Exp(a * b) + Math.Exp(-c);"),
        new("Log", "=> Math.Log(a * b) + Math.Log(c);", 0.5, 2),
        new("Sqrt", "=> Math.Sqrt(a * b + c);", 0.5, 2),
        new("PowConstantExponent", "=> Math.Pow(a, 3) + Math.Pow(b * c, 2.5);", 0.5, 2),
        new("PowVariableExponent", "=> Math.Pow(a, b * c);", 0.5, 2),
        new("PowConstantBase", "=> Math.Pow(2, a * b) + Math.Pow(c, 2);"),
        new("Sin", "=> Math.Sin(a * b) * c;"),
        new("Cos", "=> Math.Cos(a + b * c);"),
        new("Tan", "=> Math.Tan(a * 0.5) + b * c;", -1.5, 1.5),
        new("Tanh", "=> Math.Tanh(a * b - c);"),
        new("Atan", "=> Math.Atan(a / b) * c;", 0.5, 2),
        new("Abs", "=> Math.Abs(a - b) * c + Math.Abs(c);"),
        new("Max", "=> Math.Max(a * b, c) + Math.Max(0, a);"),
        new("Min", "=> Math.Min(a, b * c) - Math.Min(c, 1);"),
        new("ManyUses", "{ double t = a * b + c; return t * t * t + t / (1 + t * t) - Math.Exp(t) * t; }", -1, 1),
        new("Sigmoid", "{ double z = a * b + c; double p = 1 / (1 + Math.Exp(-z)); return p * (1 - p); }"),
        new("LogLoss", "{ double p = 1.0 / (1.0 + Math.Exp(-(a * b + c))); return -(0.3 * Math.Log(p) + 0.7 * Math.Log(1 - p)); }"),
        new("Rosenbrock", "=> (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a) + c;"),
        new("Cast", "=> (double)a * (double)(b + c);"),
        new("Call", "=> Helper(a * b, c) + Helper(c, a) * a;"),
        new("CallChain", "{ double t = Middle(a, b); return t * Middle(t, c); }"),
        new("CallWithData", "=> Loss(3.5, a * b + c);"),
        new("CustomDerivative", "=> SoftPlus(a * b) - SoftPlus(c);"),
        new("CustomDerivativeOfMath", "=> Math.Cbrt(a * a + 1) * b + c;"),
        new("IfElse", "{ double r; if (a > b) r = a * c; else r = b * b; return r + c; }"),
        new("IfWithoutElse", "{ double r = a * b; if (r > c) r = r - c; return r * a; }"),
        new("IfWithoutBraces", "{ double r = a; if (b > 0) r *= b; else if (c > 0) r *= c; else r = -r; return r * r; }"),
        new("EarlyReturn", "{ if (a < 0) return -a * b; double t = a * a; if (t > 1 && b > 0) return t * b; return t + c; }"),
        new("ReturnInElse", "{ double t = a + b; if (t > 0) { t = t * c; } else { return t * t; } return t - a; }"),
        new("ConditionalOperator", "=> a > b ? a * c : (b < c || !(a > 0) ? b * b : c * a);"),
        new("LogicalOperators", "{ double r = a; if ((a > 0 && b > 0) || !(c <= 0)) r = a * b * c; return r; }"),
        new("BranchGuardsInfinity", "{ if (a > 0.1) return Math.Log(a) * b; return c; }"),
        new("BranchGuardsNaN", "{ double r = c; if (a > 0.1) { double s = Math.Sqrt(a); r = s * b; } return r; }"),
        new("BranchWithCall", "{ if (a > 0) return Helper(a, b); return Helper(b, c); }"),
    };

    public static string Source => $$"""
        using System;
        using GradientDescent;

        namespace Constructs;

        public static partial class Functions
        {
            private const double Rate = 0.3;
            public const double Offset = -1.25;
            private static readonly double Scale = 1.5;

            [Differentiable] private static double Helper(double u, double v) => u * Math.Sin(v);
            [Differentiable] internal static double Middle(double u, double v) => Helper(u, v) + u * v;
            [Differentiable(nameof(yOut))] public static double Loss(double yTrue, double yOut) => 0.5 * (yTrue - yOut) * (yTrue - yOut);

            public static double SoftPlus(double x) => Math.Log(1 + Math.Exp(x));
            [DerivativeOf(nameof(SoftPlus))]
            public static double SoftPlusGradient(double x, out double dx) { dx = 1 / (1 + Math.Exp(-x)); return SoftPlus(x); }
            [DerivativeOf(typeof(Math), nameof(Math.Cbrt))]
            public static double CbrtGradient(double x, out double dx) { var c = Math.Cbrt(x); dx = 1 / (3 * c * c); return c; }

        {{string.Join("\n", All.Select(c => $"    [Differentiable] public static double {c.Name}(double a, double b, double c) {c.Body}"))}}
        }
        """;
}
