using System;
using System.Linq;

namespace GradientDescent.Bench;

internal static class Program
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/GradientDescent.Bench -- <mode> [options]
          scaling [N ...] [--timeout S] [--repeat R] [--methods M] [--no-many]
                                generator + analyzer time for a chain method of N statements
                                (default N: 250 500 1000 2000 3000 4000; timeout 120 s per run; best of R = 3 runs),
                                then the 'many' workload
          many [--methods M] [--timeout S]
                                M small [Differentiable] methods (default 200): cold run, then after an unrelated edit
          runtime [BenchmarkDotNet args, e.g. --filter *SeedCost*]
                                primal vs generated vs hand-written gradients (vs finite differences)
          check                 generated and hand-written gradients agree to 1e-9 relative
          chart [table]         docs/benchmarks.png from the ratio table the runtime mode saved (bench/results/runtime.md)
        """;

    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        string[] rest = args.Skip(1).ToArray();
        int code = mode switch
        {
            "scaling" => Scaling.ScalingMode.Run(rest, chain: true),
            "many" => Scaling.ScalingMode.Run(rest, chain: false),
            "runtime" => Runtime.RuntimeMode.Run(rest),
            "check" => Runtime.RuntimeMode.Check(),
            "chart" => Runtime.ResultsChart.Run(rest),
            _ => -1,
        };
        if (code == -1)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        // A generator run that timed out may still be busy on its thread: do not wait for it.
        Console.Out.Flush();
        Environment.Exit(code);
        return code;
    }
}
