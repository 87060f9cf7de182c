using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace GradientDescent.Tests.Infrastructure;

/// <summary>The generator's output compiled and loaded, so tests call the generated gradients for real.</summary>
internal sealed class CompiledModel
{
    private readonly Assembly _assembly;

    private CompiledModel(Assembly assembly) => _assembly = assembly;

    public static CompiledModel Build(params string[] sources)
    {
        var result = GeneratorHarness.Run(sources);
        if (result.GeneratorException is { } exception) throw new XunitException("Generator threw: " + exception);
        var problems = result.CompilationDiagnostics().Concat(result.AnalyzerDiagnostics).ToList();
        if (problems.Count > 0)
            throw new XunitException("Generated code has diagnostics:\n" + string.Join("\n", problems) + "\n" + result.AllGeneratedSources());

        return Load(result.Output);
    }

    /// <summary>Compiles and loads an output compilation as it is (e.g. one a test's own driver produced); fails on any error.</summary>
    public static CompiledModel Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success) throw new XunitException(string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        return new CompiledModel(context.LoadFromStream(stream));
    }

    public Type Type(string name) => _assembly.GetType(name) ?? throw new XunitException($"No type {name}");

    /// <summary>Calls the original method.</summary>
    public double Value(string type, string method, params double[] arguments) =>
        (double)Type(type).GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
            .Invoke(null, arguments.Cast<object>().ToArray())!;

    /// <summary>Calls <c>{method}Gradient</c>; returns its value and the out parameters in wrt order.</summary>
    public (double Value, double[] Gradient) Gradient(string type, string method, params double[] arguments)
    {
        var gradient = Type(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == method + "Gradient" && m.GetParameters().Count(p => !p.IsOut) == arguments.Length);
        var outs = gradient.GetParameters().Count(p => p.IsOut);
        var args = arguments.Cast<object?>().Concat(Enumerable.Repeat<object?>(0.0, outs)).ToArray();
        var value = (double)gradient.Invoke(null, args)!;
        return (value, args.Skip(arguments.Length).Select(a => (double)a!).ToArray());
    }
}
