using BenchmarkDotNet.Attributes;

namespace GradientDescent.Bench.Runtime.Cases;

/// <summary>The four ways to a gradient, on one <see cref="GradientCase"/>; each derived class is one row of the table.</summary>
public abstract class CaseBenchmark<T> where T : GradientCase, new()
{
    private T _case = null!;
    private double[] _gradient = null!;

    [GlobalSetup]
    public void Setup()
    {
        CaseCheck.Run(new T());
        _case = new T();
        _gradient = new double[_case.Parameters.Length];
    }

    [Benchmark(Baseline = true)]
    public double Primal() => _case.Primal();

    [Benchmark]
    public double Generated() => _case.Generated(_gradient);

    [Benchmark]
    public double HandWritten() => _case.HandWritten(_gradient);

    [Benchmark]
    public double FiniteDifferences() => _case.FiniteDifferences(_gradient);
}

[ShortRunJob, MemoryDiagnoser] public class Neuron : CaseBenchmark<NeuronCase>;
[ShortRunJob, MemoryDiagnoser] public class Rosenbrock : CaseBenchmark<RosenbrockCase>;
[ShortRunJob, MemoryDiagnoser] public class Mse4096 : CaseBenchmark<MseCase>;
[ShortRunJob, MemoryDiagnoser] public class Dot256 : CaseBenchmark<DotCase>;
[ShortRunJob, MemoryDiagnoser] public class Logistic512 : CaseBenchmark<LogisticCase>;
[ShortRunJob, MemoryDiagnoser] public class Softmax256 : CaseBenchmark<SoftmaxCase>;
[ShortRunJob, MemoryDiagnoser] public class Mse4096Simd : CaseBenchmark<MseSimdCase>;
[ShortRunJob, MemoryDiagnoser] public class Dot256Simd : CaseBenchmark<DotSimdCase>;
[ShortRunJob, MemoryDiagnoser] public class Logistic512Simd : CaseBenchmark<LogisticSimdCase>;
[ShortRunJob, MemoryDiagnoser] public class Softmax256Simd : CaseBenchmark<SoftmaxSimdCase>;
[ShortRunJob, MemoryDiagnoser] public class NetworkSimd : CaseBenchmark<NetworkSimdCase>;

/// <summary>The seed article's whole training, 61 steps at lr 0.2 from w = 0.1: the generated TrainCost against a hand-written loop.</summary>
[ShortRunJob, MemoryDiagnoser]
public class SeedTraining
{
    private readonly TrainingOptions _options = new() { LearningRate = 0.2, Steps = 61 };

    [Benchmark(Baseline = true)]
    public double HandWritten() => CaseHandWritten.TrainSeed(0.1, 1, 100, 0.2, 61);

    [Benchmark]
    public double Generated()
    {
        double w = 0.1;
        Models.TrainCost(ref w, 1, 100, _options);
        return w;
    }
}
