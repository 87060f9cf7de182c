namespace GradientDescent.Tests.Packaging;

/// <summary>The files of the projects that install the package: they know nothing of this repository.</summary>
internal static class ConsumerSources
{
    public const string Console = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <RestorePackagesPath>PACKAGES</RestorePackagesPath>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="GradientDescent" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    public const string Library = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.0</TargetFramework>
            <LangVersion>latest</LangVersion>
            <RestorePackagesPath>PACKAGES</RestorePackagesPath>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="GradientDescent" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    public const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="gradientdescent-local" value="FEED" />
          </packageSources>
        </configuration>
        """;

    /// <summary>The seed cost; line 17 holds the wrong-sign update GD0001 must flag.</summary>
    public const string Program = """
        using System;
        using GradientDescent;

        double value = Model.CostGradient(3, 2, 10, out double dw);
        Console.WriteLine($"value:{value:R} dw:{dw:R}");

        double w = 0.1;
        var result = Model.TrainCost(ref w, 1, 100, new TrainingOptions { LearningRate = 0.2, Steps = 61 });
        Console.WriteLine($"trained:{w:F3} steps:{result.Steps}");
        Console.WriteLine($"climbed:{Steps.Climb(0.1, 1, 100, 0.2):R}");

        public static class Steps
        {
            public static double Climb(double w, double x, double y, double lr)
            {
                Model.CostGradient(w, x, y, out double dw);
                w += lr * dw;
                return w;
            }
        }

        public static partial class Model
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w, double x, double y) { double yOut = w * x; return 0.5 * (y - yOut) * (y - yOut); }
        }
        """;

    public const int WrongUpdateLine = 17;

    /// <summary>An unsupported construct (a lambda) at line 8, column 19.</summary>
    public const string Unsupported = """
        using System;
        using GradientDescent;

        public static partial class Unsupported
        {
            [Differentiable(nameof(w))]
            public static double Cost(double w)
                => Apply(z => z * w, w);

            private static double Apply(Func<double, double> f, double x) => f(x);
        }
        """;

    public const string LibraryCost = """
        using GradientDescent;

        namespace Fit
        {
            public static partial class Line
            {
                [Differentiable(nameof(w), nameof(b))]
                public static double Cost(double w, double b, double[] xs, double[] ys)
                {
                    double sum = 0;
                    for (int i = 0; i < xs.Length; i++) { double e = ys[i] - (w * xs[i] + b); sum += e * e; }
                    return sum / xs.Length;
                }

                public static double Slope(double w, double b, double[] xs, double[] ys)
                {
                    CostGradient(w, b, xs, ys, out double dw, out double db);
                    return dw + db;
                }
            }
        }
        """;
}
