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

        var data = method.Parameters.Where(p => !method.Wrt.Contains(p.Name)).ToList();
        if (data.Count > 0 && data.All(p => p.Type == "double"))
        {
            writer.WriteLine();
            WriteDataset(writer, gradient);
        }
    }

    /// <summary>
    /// <c>Train{Method}</c> for a cost with vector weights: each vector wrt parameter becomes a <c>Span&lt;double&gt;</c>
    /// updated in place, scalar ones are <c>ref</c>. All weights live in one flat buffer the optimizer works on;
    /// the gradient writes straight into its slices.
    /// </summary>
    public static void WriteWithVectors(SourceWriter writer, GradientModel gradient)
    {
        WriteWithVectors(writer, gradient, dataset: false);
        var data = gradient.Method.Parameters.Where(p => !gradient.Method.Wrt.Contains(p.Name)).ToList();
        if (data.Count > 0 && data.All(p => p.Type == "double"))
        {
            writer.WriteLine();
            WriteWithVectors(writer, gradient, dataset: true);
        }
    }

    /// <param name="dataset">Each scalar data parameter becomes a span with one element per sample; updates follow the mean cost.</param>
    private static void WriteWithVectors(SourceWriter writer, GradientModel gradient, bool dataset)
    {
        var method = gradient.Method;
        var names = new NameAllocator(method.Parameters.Select(p => p.Name));
        var (session, parameters, derivatives, cost, options, size) =
            (names.Allocate("session"), names.Allocate("parameters"), names.Allocate("gradient"), names.Allocate("cost"), names.Allocate("options"), names.Allocate("size"));
        var (batches, perSample, k, sample, total) =
            (names.Allocate("batches"), names.Allocate("sampleGradient"), names.Allocate("k"), names.Allocate("sample"), names.Allocate("total"));
        string Id(string name) => ExpressionFormatter.Identifier(name);
        var wrt = method.Wrt.ToList();
        bool IsVector(string name) => method.IsVector(name);
        var offsets = new System.Collections.Generic.Dictionary<string, string>();
        var buffers = new System.Collections.Generic.Dictionary<string, string>();
        var running = "0";
        foreach (var w in wrt)
        {
            offsets[w] = names.Allocate("at" + char.ToUpperInvariant(w[0]) + w.Substring(1));
            if (method.Parameters.First(p => p.Name == w).Type == "double[]") buffers[w] = names.Allocate(w + "Values");
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Minimises {method.Name} by gradient descent over " + string.Join(", ", wrt.Select(w => $"<paramref name=\"{w}\"/>")) + ", updated in place.");
        writer.WriteLine("/// </summary>");
        foreach (var p in method.Parameters)
            writer.WriteLine($"/// <param name=\"{p.Name}\">{(wrt.Contains(p.Name) ? "The starting value; receives the trained one." : $"The argument {p.Name} of {method.Name}.")}</param>");
        writer.WriteLine($"/// <param name=\"{options}\">Learning rate, number of updates, optimizer, progress callback, early stops.</param>");
        writer.WriteLine("/// <returns>How many updates were made, the final cost, and why training stopped.</returns>");
        writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"GradientDescent.Generator\", \"{GradientEmitter.ToolVersion}\")]");

        var data = method.Parameters.Where(p => !wrt.Contains(p.Name)).ToList();
        var signature = method.Parameters.Select(p => !wrt.Contains(p.Name) ? (dataset ? "global::System.ReadOnlySpan<double>" : p.Type) + " " + Id(p.Name)
                : IsVector(p.Name) ? "global::System.Span<double> " + Id(p.Name) : "ref double " + Id(p.Name))
            .Append("global::GradientDescent.TrainingOptions " + Id(options));
        var hides = method.HidesInherited ? "new " : "";
        writer.OpenBlock($"{method.Accessibility} {hides}static global::GradientDescent.TrainingResult Train{method.Name}({string.Join(", ", signature)})");
        foreach (var w in wrt)
        {
            writer.WriteLine($"int {Id(offsets[w])} = {running};");
            running = $"{Id(offsets[w])} + {(IsVector(w) ? Id(w) + ".Length" : "1")}";
        }
        writer.WriteLine($"int {Id(size)} = {running};");
        if (dataset)
        {
            var first = Id(data[0].Name);
            foreach (var p in data.Skip(1))
                writer.WriteLine($"if ({Id(p.Name)}.Length != {first}.Length) throw new global::System.ArgumentException(\"{p.Name} must have one element per sample, as {data[0].Name} has\", nameof({Id(p.Name)}));");
            writer.WriteLine($"if ({first}.Length == 0) throw new global::System.ArgumentException(\"The dataset is empty: {data[0].Name} has no samples\", nameof({first}));");
        }
        writer.WriteLine($"var {Id(session)} = new global::GradientDescent.TrainingSession({Id(options)}, {Id(size)});");
        writer.WriteLine($"var {Id(parameters)} = new double[{Id(size)}];");
        writer.WriteLine($"var {Id(derivatives)} = new double[{Id(size)}];");
        foreach (var w in wrt)
        {
            writer.WriteLine(IsVector(w)
                ? $"{Id(w)}.CopyTo(new global::System.Span<double>({Id(parameters)}, {Id(offsets[w])}, {Id(w)}.Length));"
                : $"{Id(parameters)}[{Id(offsets[w])}] = {Id(w)};");
            if (buffers.TryGetValue(w, out var buffer)) writer.WriteLine($"var {Id(buffer)} = new double[{Id(w)}.Length];");
        }

        string Argument(string name) => !wrt.Contains(name) ? (dataset ? $"{Id(name)}[{Id(sample)}]" : Id(name))
            : buffers.TryGetValue(name, out var buffer) ? Id(buffer)
            : IsVector(name) ? $"new global::System.ReadOnlySpan<double>({Id(parameters)}, {Id(offsets[name])}, {Id(name)}.Length)"
            : $"{Id(parameters)}[{Id(offsets[name])}]";
        var into = dataset ? perSample : derivatives; // with a dataset each sample's gradient is added to the batch's
        string Out(string name) => IsVector(name)
            ? $"new global::System.Span<double>({Id(into)}, {Id(offsets[name])}, {Id(name)}.Length)"
            : $"out {Id(into)}[{Id(offsets[name])}]";
        void RefreshBuffers()
        {
            // A double[] parameter needs an array of its own: the current weights are copied in before each call.
            foreach (var pair in buffers)
                writer.WriteLine($"global::System.Array.Copy({Id(parameters)}, {Id(offsets[pair.Key])}, {Id(pair.Value)}, 0, {Id(pair.Value)}.Length);");
        }

        var arguments = method.Parameters.Select(p => Argument(p.Name)).ToList();
        if (!dataset)
        {
            writer.OpenBlock($"while ({Id(session)}.Continue())");
            RefreshBuffers();
            writer.WriteLine($"double {Id(cost)} = {method.Name}Gradient({string.Join(", ", arguments.Concat(wrt.Select(Out)))});");
            writer.WriteLine($"if (!{Id(session)}.Step({Id(cost)}, {Id(parameters)}, {Id(derivatives)})) break;");
            writer.CloseBlock();
        }
        else
        {
            writer.WriteLine($"var {Id(batches)} = new global::GradientDescent.BatchSchedule({Id(data[0].Name)}.Length, {Id(options)});");
            writer.WriteLine($"var {Id(perSample)} = new double[{Id(size)}];");
            writer.OpenBlock($"while ({Id(session)}.Continue())");
            RefreshBuffers();
            writer.WriteLine($"{Id(batches)}.Next();");
            writer.WriteLine($"double {Id(cost)} = 0;");
            writer.WriteLine($"global::System.Array.Clear({Id(derivatives)}, 0, {Id(size)});");
            writer.OpenBlock($"for (int {Id(k)} = 0; {Id(k)} < {Id(batches)}.Count; {Id(k)}++)");
            writer.WriteLine($"int {Id(sample)} = {Id(batches)}.Order[{Id(batches)}.Start + {Id(k)}];");
            writer.WriteLine($"{Id(cost)} += {method.Name}Gradient({string.Join(", ", arguments.Concat(wrt.Select(Out)))});");
            writer.WriteLine($"for (int {Id(total)} = 0; {Id(total)} < {Id(size)}; {Id(total)}++) {Id(derivatives)}[{Id(total)}] += {Id(perSample)}[{Id(total)}];");
            writer.CloseBlock();
            writer.WriteLine($"{Id(cost)} /= {Id(batches)}.Count;");
            writer.WriteLine($"for (int {Id(k)} = 0; {Id(k)} < {Id(size)}; {Id(k)}++) {Id(derivatives)}[{Id(k)}] /= {Id(batches)}.Count;");
            writer.WriteLine($"if (!{Id(session)}.Step({Id(cost)}, {Id(parameters)}, {Id(derivatives)})) break;");
            writer.CloseBlock();
        }
        foreach (var w in wrt)
        {
            writer.WriteLine(IsVector(w)
                ? $"new global::System.Span<double>({Id(parameters)}, {Id(offsets[w])}, {Id(w)}.Length).CopyTo({Id(w)});"
                : $"{Id(w)} = {Id(parameters)}[{Id(offsets[w])}];");
        }
        RefreshBuffers();
        if (!dataset)
        {
            writer.WriteLine($"return {Id(session)}.Finish({Id(method.Name)}({string.Join(", ", arguments)}));");
        }
        else
        {
            writer.WriteLine($"double {Id(cost)}Total = 0;");
            writer.WriteLine($"for (int {Id(sample)} = 0; {Id(sample)} < {Id(data[0].Name)}.Length; {Id(sample)}++) {Id(cost)}Total += {Id(method.Name)}({string.Join(", ", arguments)});");
            writer.WriteLine($"return {Id(session)}.Finish({Id(cost)}Total / {Id(data[0].Name)}.Length);");
        }
        writer.CloseBlock();
    }

    /// <summary>
    /// <c>Train{Method}</c> over a dataset: each data parameter becomes a span with one element per sample, and each
    /// update follows the gradient of the mean cost over the samples (or over a mini-batch of them).
    /// </summary>
    private static void WriteDataset(SourceWriter writer, GradientModel gradient)
    {
        var method = gradient.Method;
        var names = new NameAllocator(method.Parameters.Select(p => p.Name));
        var (session, batches, parameters, derivatives, sums, cost, total, k, sample, options) =
            (names.Allocate("session"), names.Allocate("batches"), names.Allocate("parameters"), names.Allocate("gradient"),
             names.Allocate("sum"), names.Allocate("cost"), names.Allocate("total"), names.Allocate("k"), names.Allocate("sample"), names.Allocate("options"));
        string Id(string name) => ExpressionFormatter.Identifier(name);
        var wrt = method.Wrt.ToList();
        var data = method.Parameters.Where(p => !wrt.Contains(p.Name)).ToList();
        var count = wrt.Count;

        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Minimises the mean of {method.Name} over a dataset by gradient descent over " +
                         string.Join(", ", wrt.Select(w => $"<paramref name=\"{w}\"/>")) + ", updated in place.");
        writer.WriteLine("/// </summary>");
        foreach (var p in method.Parameters)
            writer.WriteLine($"/// <param name=\"{p.Name}\">{(wrt.Contains(p.Name) ? "The starting value; receives the trained one." : $"The argument {p.Name} of {method.Name} for each sample.")}</param>");
        writer.WriteLine($"/// <param name=\"{options}\">Learning rate, number of updates, optimizer, mini-batches and shuffling, progress callback, early stops.</param>");
        writer.WriteLine("/// <returns>How many updates were made, the final mean cost over all samples, and why training stopped.</returns>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The spans differ in length or are empty, or an option is out of range.</exception>");
        writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"GradientDescent.Generator\", \"{GradientEmitter.ToolVersion}\")]");

        var signature = method.Parameters.Select(p => wrt.Contains(p.Name) ? "ref double " + Id(p.Name) : "global::System.ReadOnlySpan<double> " + Id(p.Name))
            .Append("global::GradientDescent.TrainingOptions " + Id(options));
        var hides = method.HidesInherited ? "new " : "";
        writer.OpenBlock($"{method.Accessibility} {hides}static global::GradientDescent.TrainingResult Train{method.Name}({string.Join(", ", signature)})");
        var first = Id(data[0].Name);
        foreach (var p in data.Skip(1))
            writer.WriteLine($"if ({Id(p.Name)}.Length != {first}.Length) throw new global::System.ArgumentException(\"{p.Name} must have one element per sample, as {data[0].Name} has\", nameof({Id(p.Name)}));");
        writer.WriteLine($"if ({first}.Length == 0) throw new global::System.ArgumentException(\"The dataset is empty: {data[0].Name} has no samples\", nameof({first}));");
        writer.WriteLine($"var {Id(session)} = new global::GradientDescent.TrainingSession({Id(options)}, {count});");
        writer.WriteLine($"var {Id(batches)} = new global::GradientDescent.BatchSchedule({first}.Length, {Id(options)});");
        writer.WriteLine($"var {Id(parameters)} = new double[] {{ {string.Join(", ", wrt.Select(Id))} }};");
        writer.WriteLine($"var {Id(derivatives)} = new double[{count}];");
        writer.OpenBlock($"while ({Id(session)}.Continue())");
        writer.WriteLine($"{Id(batches)}.Next();");
        writer.WriteLine($"double {Id(cost)} = 0;");
        writer.WriteLine($"global::System.Array.Clear({Id(derivatives)}, 0, {count});");
        writer.OpenBlock($"for (int {Id(k)} = 0; {Id(k)} < {Id(batches)}.Count; {Id(k)}++)");
        writer.WriteLine($"int {Id(sample)} = {Id(batches)}.Order[{Id(batches)}.Start + {Id(k)}];");
        var arguments = method.Parameters.Select(p => wrt.Contains(p.Name) ? $"{Id(parameters)}[{wrt.IndexOf(p.Name)}]" : $"{Id(p.Name)}[{Id(sample)}]");
        var outs = wrt.Select((_, i) => $"out double {Id(sums)}{i}");
        writer.WriteLine($"{Id(cost)} += {method.Name}Gradient({string.Join(", ", arguments.Concat(outs))});");
        for (var i = 0; i < count; i++) writer.WriteLine($"{Id(derivatives)}[{i}] += {Id(sums)}{i};");
        writer.CloseBlock();
        writer.WriteLine($"{Id(cost)} /= {Id(batches)}.Count;");
        writer.WriteLine($"for (int {Id(k)} = 0; {Id(k)} < {count}; {Id(k)}++) {Id(derivatives)}[{Id(k)}] /= {Id(batches)}.Count;");
        writer.WriteLine($"if (!{Id(session)}.Step({Id(cost)}, {Id(parameters)}, {Id(derivatives)})) break;");
        writer.CloseBlock();
        foreach (var w in wrt) writer.WriteLine($"{Id(w)} = {Id(parameters)}[{wrt.IndexOf(w)}];");
        writer.WriteLine($"double {Id(total)} = 0;");
        var finalArguments = method.Parameters.Select(p => wrt.Contains(p.Name) ? Id(p.Name) : $"{Id(p.Name)}[{Id(sample)}]");
        writer.WriteLine($"for (int {Id(sample)} = 0; {Id(sample)} < {first}.Length; {Id(sample)}++) {Id(total)} += {Id(method.Name)}({string.Join(", ", finalArguments)});");
        writer.WriteLine($"return {Id(session)}.Finish({Id(total)} / {first}.Length);");
        writer.CloseBlock();
    }
}
