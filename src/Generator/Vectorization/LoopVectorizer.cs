using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Vectorization;

/// <summary>
/// The last stage before emission for a method declared <c>Vectorize = true</c>: each innermost loop whose passes
/// are independent becomes a <see cref="VectorFor"/>. Reads only the simplified <see cref="GradientModel"/>.
/// </summary>
internal static class LoopVectorizer
{
    public static GradientModel Apply(GradientModel gradient)
    {
        if (gradient.Method.Vectorize is not { } target) return gradient;
        var names = GradientNames.Allocator(gradient.Method, gradient.Body, gradient.Outputs, gradient.Value);
        var onStack = new HashSet<Symbol>();
        CollectStackArrays(gradient.Body, onStack);
        var spans = new HashSet<string>(gradient.Method.Parameters.Where(p => p.Shape == ParameterShape.ReadOnlySpan).Select(p => p.Name));
        bool IsSpan(Symbol array) => array.Kind switch
        {
            SymbolRole.Output => true,
            SymbolRole.Array => onStack.Contains(array),
            SymbolRole.Parameter => spans.Contains(array.Name),
            _ => false,
        };

        var sameLength = new Dictionary<Symbol, Symbol>();
        for (var k = 0; k < gradient.Outputs.Count; k++)
        {
            var weight = gradient.Method.WrtParameter(k);
            if (!weight.IsVector) continue;
            sameLength[weight.Symbol] = gradient.Outputs[k];
            sameLength[gradient.Outputs[k]] = weight.Symbol;
        }

        var run = new Run(target, IsSpan, names, sameLength);
        var body = run.Rewrite(gradient.Body);
        var report = run.Vectorised > 0 ? new VectorizationReport(run.Vectorised, null) : run.FirstRefusal ?? new VectorizationReport(0, VectorRefusal.NoLoop);
        return gradient with { Body = body, Vectorization = report };
    }

    /// <summary>The local arrays that live on the stack as spans (the others are pooled double[]s).</summary>
    private static void CollectStackArrays(IEnumerable<Instruction> code, HashSet<Symbol> onStack)
    {
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                case AllocateArray { OnStack: true } a:
                    onStack.Add(a.Array);
                    break;
                case For f:
                    CollectStackArrays(f.Body, onStack);
                    break;
                case If i:
                    CollectStackArrays(i.Body, onStack);
                    break;
            }
        }
    }

    private sealed class Run
    {
        private readonly VectorTarget _target;
        private readonly System.Func<Symbol, bool> _isSpan;
        private readonly NameAllocator _names;
        private readonly IReadOnlyDictionary<Symbol, Symbol> _sameLength;

        public Run(VectorTarget target, System.Func<Symbol, bool> isSpan, NameAllocator names, IReadOnlyDictionary<Symbol, Symbol> sameLength)
        {
            _target = target;
            _isSpan = isSpan;
            _names = names;
            _sameLength = sameLength;
        }

        public int Vectorised { get; private set; }

        /// <summary>Why the first innermost loop that stayed scalar did.</summary>
        public VectorizationReport? FirstRefusal { get; private set; }

        public EquatableArray<Instruction> Rewrite(EquatableArray<Instruction> code) => code.Select(Rewrite).ToEquatableArray();

        private Instruction Rewrite(Instruction instruction)
        {
            switch (instruction)
            {
                case For f when f.Body.Any(i => i is For or If):
                    return f with { Body = Rewrite(f.Body) };
                case For f:
                    if (LoopLowering.Lower(f, _target, _isSpan, _names, _sameLength, out VectorizationReport? why) is { } lowered)
                    {
                        Vectorised++;
                        return lowered;
                    }
                    FirstRefusal ??= why;
                    return f;
                case If i:
                    return i with { Body = Rewrite(i.Body) };
                default:
                    return instruction;
            }
        }
    }
}
