using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Emit;

/// <summary>
/// Writes <c>Train{Method}</c>: gradient descent over the wrt parameters, updated in place (a scalar by
/// <c>ref</c>, a vector as a <c>Span&lt;double&gt;</c>). Every weight lives in one flat buffer the optimizer works on
/// (a scalar is a slice of length 1); the generated gradient writes straight into its slices, and
/// <c>GradientDescent.TrainingSession</c> applies the optimizer and decides when to stop. The dataset overload takes
/// one span per scalar data parameter and follows the mean cost over all samples or mini-batches.
/// </summary>
internal static class TrainEmitter
{
    /// <summary><c>global::Namespace.Outer&lt;T&gt;.Inner</c>: the type, named so that no parameter or local can hide it.</summary>
    private static string QualifiedType(MethodModel method) =>
        "global::" + (method.Namespace is { } ns ? ns + "." : "") + string.Join(".", method.ContainingTypes.Select(t => t.Reference));

    private static IEnumerable<ParameterModel> Data(MethodModel method) => method.Parameters.Where((_, i) => !method.Wrt.Contains(i));

    public static void Write(SourceWriter writer, GradientModel gradient, bool dataset)
    {
        var method = gradient.Method;
        var names = new NameAllocator(method.Parameters.Select(p => p.Name));
        var local = new Locals(names);
        string Id(string name) => ExpressionFormatter.Identifier(name);
        var wrt = method.Wrt.Select(i => method.Parameters[i]).ToList();
        var data = Data(method).ToList();
        bool IsWrt(ParameterModel p) => wrt.Contains(p);

        // Where each weight's slice of the flat buffer starts: literals while the weights before it are scalars.
        var offsets = new Dictionary<ParameterModel, string>();
        var offsetLocals = new List<(string Name, string Value)>();
        var running = "0";
        var constant = 0;
        var fixedSoFar = true;
        foreach (var w in wrt)
        {
            if (fixedSoFar)
            {
                offsets[w] = constant.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (w.IsVector)
                {
                    fixedSoFar = false;
                    running = offsets[w] == "0" ? $"{Id(w.Name)}.Length" : $"{offsets[w]} + {Id(w.Name)}.Length";
                }
                else
                {
                    constant++;
                    running = constant.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                continue;
            }
            var at = names.Allocate("at" + char.ToUpperInvariant(w.Name[0]) + w.Name.Substring(1));
            offsetLocals.Add((at, running));
            offsets[w] = Id(at);
            running = w.IsVector ? $"{Id(at)} + {Id(w.Name)}.Length" : $"{Id(at)} + 1";
        }
        var size = fixedSoFar ? running : Id(local.Size);
        var buffers = wrt.Where(w => w.Shape == ParameterShape.Array).ToDictionary(w => w, w => names.Allocate(w.Name + "Values"));

        WriteDocumentation(writer, gradient, dataset, local.Options);
        foreach (var attribute in GeneratorInfo.AttributesOf(method)) writer.WriteLine(attribute);
        // The parameters TrainPlan gives this overload: the parser checked these very types for clashes (GD0015).
        var kind = dataset ? TrainOverloadKind.Dataset : TrainOverloadKind.OneSample;
        var slots = TrainPlan.For(method).Single(o => o.Kind == kind).Slots;
        var signature = slots.Select((slot, i) => TypeNames.Of(slot) + " " + (i < method.Parameters.Count ? Id(method.Parameters[i].Name) : Id(local.Options)));
        var hides = method.HiddenTrain.Contains(dataset ? TrainOverloadKind.Dataset : TrainOverloadKind.OneSample) ? "new " : ""; // CS0108 otherwise
        writer.OpenBlock($"{method.Accessibility} {hides}static global::GradientDescent.TrainingResult Train{method.Name}({string.Join(", ", signature)})");

        if (dataset)
        {
            var first = Id(data[0].Name);
            foreach (var p in data.Skip(1))
                writer.WriteLine($"if ({Id(p.Name)}.Length != {first}.Length) throw new global::System.ArgumentException(\"{p.Name} must have one element per sample, as {data[0].Name} has\", nameof({Id(p.Name)}));");
            writer.WriteLine($"if ({first}.Length == 0) throw new global::System.ArgumentException(\"The dataset is empty: {data[0].Name} has no samples\", nameof({first}));");
        }
        foreach (var (name, value) in offsetLocals) writer.WriteLine($"int {Id(name)} = {value};");
        if (!fixedSoFar) writer.WriteLine($"int {Id(local.Size)} = {running};");
        var goal = method.Maximizes ? ", global::GradientDescent.Goal.Maximize" : "";
        writer.WriteLine($"var {Id(local.Session)} = new global::GradientDescent.TrainingSession({Id(local.Options)}, {size}{goal});");
        if (wrt.All(w => !w.IsVector))
        {
            writer.WriteLine($"var {Id(local.Parameters)} = new double[] {{ {string.Join(", ", wrt.Select(w => Id(w.Name)))} }};");
        }
        else
        {
            writer.WriteLine($"var {Id(local.Parameters)} = new double[{size}];");
            foreach (var w in wrt)
            {
                writer.WriteLine(w.IsVector
                    ? $"{Id(w.Name)}.CopyTo(new global::System.Span<double>({Id(local.Parameters)}, {offsets[w]}, {Id(w.Name)}.Length));"
                    : $"{Id(local.Parameters)}[{offsets[w]}] = {Id(w.Name)};");
            }
        }
        writer.WriteLine($"var {Id(local.Gradient)} = new double[{size}];");
        foreach (var pair in buffers) writer.WriteLine($"var {Id(pair.Value)} = new double[{Id(pair.Key.Name)}.Length];");

        string Argument(ParameterModel p, string sample) => !IsWrt(p) ? (dataset ? $"{Id(p.Name)}[{sample}]" : Id(p.Name))
            : buffers.TryGetValue(p, out var buffer) ? Id(buffer)
            : p.IsVector ? $"new global::System.ReadOnlySpan<double>({Id(local.Parameters)}, {offsets[p]}, {Id(p.Name)}.Length)"
            : $"{Id(local.Parameters)}[{offsets[p]}]";
        string Out(ParameterModel w, string into) => w.IsVector
            ? $"new global::System.Span<double>({Id(into)}, {offsets[w]}, {Id(w.Name)}.Length)"
            : $"out {Id(into)}[{offsets[w]}]";
        void RefreshBuffers()
        {
            // A double[] weight needs an array of its own: the current weights are copied in before each call.
            foreach (var pair in buffers)
                writer.WriteLine($"global::System.Array.Copy({Id(local.Parameters)}, {offsets[pair.Key]}, {Id(pair.Value)}, 0, {Id(pair.Value)}.Length);");
        }
        string GradientCall(string sample, string into) =>
            $"{Member(method.Name + "Gradient")}({string.Join(", ", method.Parameters.Select(p => Argument(p, sample)).Concat(wrt.Select(w => Out(w, into))))})";
        string CostCall(string sample) => $"{Member(method.Name)}({string.Join(", ", method.Parameters.Select(p => Argument(p, sample)))})";
        // A parameter named like the cost or its gradient hides the method from a plain call (CS0149): go through the
        // type, fully qualified, as a parameter may have the type's name too.
        string Member(string name) => method.Parameters.Any(p => p.Name == name) ? QualifiedType(method) + "." + Id(name) : Id(name);

        if (dataset)
        {
            writer.WriteLine($"var {Id(local.Batches)} = new global::GradientDescent.BatchSchedule({Id(data[0].Name)}.Length, {Id(local.Options)});");
            writer.WriteLine($"var {Id(local.SampleGradient)} = new double[{size}];");
        }
        writer.OpenBlock($"while ({Id(local.Session)}.Continue())");
        RefreshBuffers();
        if (!dataset)
        {
            writer.WriteLine($"double {Id(local.Cost)} = {GradientCall("", local.Gradient)};");
        }
        else
        {
            var (k, sample, j) = (Id(local.K), Id(local.Sample), Id(local.J));
            writer.WriteLine($"{Id(local.Batches)}.Next();");
            writer.WriteLine($"double {Id(local.Cost)} = 0;");
            writer.WriteLine($"global::System.Array.Clear({Id(local.Gradient)}, 0, {size});");
            writer.OpenBlock($"for (int {k} = 0; {k} < {Id(local.Batches)}.Count; {k}++)");
            writer.WriteLine($"int {sample} = {Id(local.Batches)}.Order[{Id(local.Batches)}.Start + {k}];");
            writer.WriteLine($"{Id(local.Cost)} += {GradientCall(sample, local.SampleGradient)};");
            writer.WriteLine($"for (int {j} = 0; {j} < {size}; {j}++) {Id(local.Gradient)}[{j}] += {Id(local.SampleGradient)}[{j}];");
            writer.CloseBlock();
            writer.WriteLine($"{Id(local.Cost)} /= {Id(local.Batches)}.Count;");
            writer.WriteLine($"for (int {j} = 0; {j} < {size}; {j}++) {Id(local.Gradient)}[{j}] /= {Id(local.Batches)}.Count;");
        }
        writer.WriteLine($"if (!{Id(local.Session)}.Step({Id(local.Cost)}, {Id(local.Parameters)}, {Id(local.Gradient)})) break;");
        writer.CloseBlock();

        foreach (var w in wrt)
        {
            writer.WriteLine(w.IsVector
                ? $"new global::System.Span<double>({Id(local.Parameters)}, {offsets[w]}, {Id(w.Name)}.Length).CopyTo({Id(w.Name)});"
                : $"{Id(w.Name)} = {Id(local.Parameters)}[{offsets[w]}];");
        }
        RefreshBuffers();
        if (!dataset)
        {
            writer.WriteLine($"return {Id(local.Session)}.Finish({CostCall("")});");
        }
        else
        {
            var sample = Id(local.Sample);
            writer.WriteLine($"double {Id(local.Total)} = 0;");
            writer.WriteLine($"for (int {sample} = 0; {sample} < {Id(data[0].Name)}.Length; {sample}++) {Id(local.Total)} += {CostCall(sample)};");
            writer.WriteLine($"return {Id(local.Session)}.Finish({Id(local.Total)} / {Id(data[0].Name)}.Length);");
        }
        writer.CloseBlock();
    }

    private static void WriteDocumentation(SourceWriter writer, GradientModel gradient, bool dataset, string options)
    {
        var method = gradient.Method;
        var wrt = method.Wrt.Select(i => method.Parameters[i]).ToList();
        var what = dataset ? $"the mean of <see cref=\"{GradientEmitter.Cref(method)}\"/> over a dataset" : $"<see cref=\"{GradientEmitter.Cref(method)}\"/>";
        writer.WriteLine("/// <summary>");
        writer.WriteLine((method.Maximizes ? $"/// Maximises {what} by gradient ascent over " : $"/// Minimises {what} by gradient descent over ") + string.Join(", ", wrt.Select(w => $"<paramref name=\"{w.Name}\"/>")) + ", updated in place.");
        writer.WriteLine("/// </summary>");
        foreach (var p in method.Parameters)
        {
            var text = wrt.Contains(p) ? "The starting value; receives the trained one."
                : dataset ? $"The argument {p.Name} of {method.Name} for each sample." : $"The argument {p.Name} of {method.Name}.";
            writer.WriteLine($"/// <param name=\"{p.Name}\">{GradientEmitter.Xml(text)}</param>");
        }
        writer.WriteLine(dataset
            ? $"/// <param name=\"{options}\">Learning rate, number of updates, optimizer, mini-batches and shuffling, progress callback, early stops.</param>"
            : $"/// <param name=\"{options}\">Learning rate, number of updates, optimizer, progress callback, early stops.</param>");
        writer.WriteLine(dataset
            ? "/// <returns>How many updates were made, the final mean cost over all samples, and why training stopped.</returns>"
            : "/// <returns>How many updates were made, the final cost, and why training stopped.</returns>");
        writer.WriteLine(dataset
            ? "/// <exception cref=\"global::System.ArgumentException\">The spans differ in length or are empty, or an option is out of range.</exception>"
            : "/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An option is out of range; the exception names it.</exception>");
    }

    /// <summary>The generated method's locals, named around the cost's parameters.</summary>
    private sealed class Locals
    {
        public Locals(NameAllocator names)
        {
            Options = names.Allocate("options");
            Session = names.Allocate("session");
            Parameters = names.Allocate("parameters");
            Gradient = names.Allocate("gradient");
            Cost = names.Allocate("cost");
            Size = names.Allocate("size");
            Batches = names.Allocate("batches");
            SampleGradient = names.Allocate("sampleGradient");
            K = names.Allocate("k");
            J = names.Allocate("j");
            Sample = names.Allocate("sample");
            Total = names.Allocate("total");
        }

        public string Options { get; }
        public string Session { get; }
        public string Parameters { get; }
        public string Gradient { get; }
        public string Cost { get; }
        public string Size { get; }
        public string Batches { get; }
        public string SampleGradient { get; }
        public string K { get; }
        public string J { get; }
        public string Sample { get; }
        public string Total { get; }
    }
}
