using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Emit;

/// <summary>
/// Writes <c>Train{Method}</c>: gradient descent on one sample, the wrt parameters by <c>ref</c>. The loop calls the
/// generated gradient; <c>GradientDescent.TrainingSession</c> applies the optimizer and decides when to stop.
/// </summary>
internal static class TrainEmitter
{
    public static void Write(SourceWriter writer, GradientModel gradient)
    {
        var method = gradient.Method;
        var names = new NameAllocator(method.Parameters.Select(p => p.Name));
        var (session, parameters, derivatives, cost, options) =
            (names.Allocate("session"), names.Allocate("parameters"), names.Allocate("gradient"), names.Allocate("cost"), names.Allocate("options"));
        string Id(string name) => ExpressionFormatter.Identifier(name);
        string Slot(string wrt) => $"{Id(parameters)}[{method.Wrt.ToList().IndexOf(wrt)}]";

        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Minimises <see cref=\"{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Type.Replace('<', '{').Replace('>', '}')))})\"/> by gradient descent over " +
                         string.Join(", ", method.Wrt.Select(w => $"<paramref name=\"{w}\"/>")) + ", updated in place.");
        writer.WriteLine("/// </summary>");
        foreach (var p in method.Parameters)
            writer.WriteLine($"/// <param name=\"{p.Name}\">{(method.Wrt.Contains(p.Name) ? "The starting value; receives the trained one." : $"The argument {p.Name} of {method.Name}.")}</param>");
        writer.WriteLine($"/// <param name=\"{options}\">Learning rate, number of updates, optimizer, progress callback, early stops.</param>");
        writer.WriteLine("/// <returns>How many updates were made, the final cost, and why training stopped.</returns>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An option is out of range; the exception names it.</exception>");
        writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"GradientDescent.Generator\", \"{GradientEmitter.ToolVersion}\")]");

        var signature = method.Parameters.Select(p => (method.Wrt.Contains(p.Name) ? "ref " : "") + p.Type + " " + Id(p.Name))
            .Append("global::GradientDescent.TrainingOptions " + Id(options));
        var hides = method.HidesInherited ? "new " : ""; // a base type's cost of the same shape has a Train of the same signature
        writer.OpenBlock($"{method.Accessibility} {hides}static global::GradientDescent.TrainingResult Train{method.Name}({string.Join(", ", signature)})");
        writer.WriteLine($"var {Id(session)} = new global::GradientDescent.TrainingSession({Id(options)}, {method.Wrt.Count});");
        writer.WriteLine($"var {Id(parameters)} = new double[] {{ {string.Join(", ", method.Wrt.Select(Id))} }};");
        writer.WriteLine($"var {Id(derivatives)} = new double[{method.Wrt.Count}];");

        var arguments = method.Parameters.Select(p => method.Wrt.Contains(p.Name) ? Slot(p.Name) : Id(p.Name)).ToList();
        var outs = method.Wrt.Select((_, i) => $"out {Id(derivatives)}[{i}]");
        writer.OpenBlock($"while ({Id(session)}.Continue())");
        writer.WriteLine($"double {Id(cost)} = {method.Name}Gradient({string.Join(", ", arguments.Concat(outs))});");
        writer.WriteLine($"if (!{Id(session)}.Step({Id(cost)}, {Id(parameters)}, {Id(derivatives)})) break;");
        writer.CloseBlock();
        foreach (var w in method.Wrt) writer.WriteLine($"{Id(w)} = {Slot(w)};");
        writer.WriteLine($"return {Id(session)}.Finish({Id(method.Name)}({string.Join(", ", arguments)}));");
        writer.CloseBlock();
    }
}
