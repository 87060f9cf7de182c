using System.Linq;
using System.Reflection;
using GradientDescent.Tests.Infrastructure;
using Xunit;

namespace GradientDescent.Tests.Generator;

/// <summary>Gradients are generated into every kind of partial type, keeping the cost's accessibility.</summary>
public class ContainingTypeTests
{
    private const string Source = """
        using GradientDescent;

        namespace A.B
        {
            public partial record struct RecordStruct { [Differentiable] public static double F(double x) => x * x; }
            public readonly partial struct ReadOnlyStruct { [Differentiable] internal static double F(double x) => x * x; }
        }

        public static partial class Outer
        {
            public partial struct Middle
            {
                internal partial record Inner { [Differentiable] protected internal static double F(double x) => x * x; }
            }
        }

        public partial interface IShape { [Differentiable] public static double F(double x) => x * x; }

        public sealed partial class Sealed
        {
            [Differentiable] private static double F(double x) => x * x;
            public static double CallsPrivateGradient(double x) => FGradient(x, out var d) + d;
        }

        public partial class Generic<T> where T : class
        {
            [Differentiable] private protected static double F(double x) => x * x;
        }

        public partial class @class
        {
            [Differentiable(nameof(@double))] public static double @static(double @double, double value, double dvalue) => @double * value * dvalue;
        }
        """;

    private static readonly CompiledModel Model = CompiledModel.Build(Source);

    [Theory]
    [InlineData("A.B.RecordStruct", MethodAttributes.Public)]
    [InlineData("A.B.ReadOnlyStruct", MethodAttributes.Assembly)]
    [InlineData("Outer+Middle+Inner", MethodAttributes.FamORAssem)]
    [InlineData("IShape", MethodAttributes.Public)]
    [InlineData("Sealed", MethodAttributes.Private)]
    [InlineData("Generic`1", MethodAttributes.FamANDAssem)]
    public void Gradient_has_the_costs_accessibility_and_works(string type, MethodAttributes access)
    {
        var t = Model.Type(type);
        if (t.IsGenericTypeDefinition) t = t.MakeGenericType(typeof(string));
        var gradient = t.GetMethod("FGradient", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;

        Assert.Equal(access, gradient.Attributes & MethodAttributes.MemberAccessMask);
        var args = new object?[] { 3.0, null };
        Assert.Equal(9.0, gradient.Invoke(null, args));
        Assert.Equal(6.0, args[1]);
    }

    [Fact]
    public void Private_gradient_is_callable_from_inside_the_type()
    {
        var call = Model.Type("Sealed").GetMethod("CallsPrivateGradient")!;
        Assert.Equal(9.0 + 6.0, call.Invoke(null, new object[] { 3.0 }));
    }

    [Fact]
    public void Keyword_and_clashing_names_are_escaped_or_renamed()
    {
        var gradient = Model.Type("class").GetMethod("staticGradient")!;
        // d + "double" = "ddouble"; "dvalue" is a parameter already, and "value" names the result local otherwise.
        Assert.Equal(new[] { "double", "value", "dvalue", "ddouble" }, gradient.GetParameters().Select(p => p.Name));
        var args = new object?[] { 2.0, 3.0, 5.0, null };
        Assert.Equal(30.0, gradient.Invoke(null, args));
        Assert.Equal(15.0, args[3]);
    }
}
