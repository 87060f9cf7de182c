using System;
using System.Linq;
using System.Reflection;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>
/// For a method differentiated with respect to its first parameter alone: calls <c>{method}Gradient</c>, checks its
/// value is the method's, and compares its derivative with a central difference in that parameter.
/// </summary>
internal static class OneParameterCheck
{
    public static bool Agrees(FiniteDifferenceCheck check, Type type, string method, params object[] arguments)
    {
        var gradient = type.GetMethod(method + "Gradient", BindingFlags.Public | BindingFlags.Static)!;
        var primal = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        var args = arguments.Append(0.0).ToArray();
        var value = (double)gradient.Invoke(null, args)!;
        double F(double[] p)
        {
            var at = (object[])arguments.Clone();
            at[0] = p[0];
            return (double)primal.Invoke(null, at)!;
        }
        var point = new[] { (double)arguments[0] };
        return value.Equals(F(point)) && check.Agrees(F, point, 0, (double)args[^1]);
    }
}
