using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// The stage between the sweep and the emitter: shares repeated work, drops dead stores, and works out what the
/// emitter and the analyzers read about each derivative (its formula, whether it is always zero).
/// </summary>
internal static class GradientSimplifier
{
    public static GradientModel Simplify(AdjointModel adjoint)
    {
        var names = GradientNames.Allocator(adjoint.Method, adjoint.Body, adjoint.Outputs, adjoint.Value);
        var mutable = new HashSet<Symbol>();
        CollectMutable(adjoint.Body, mutable);
        var shared = Sharing.Apply(LoopConstants.Apply(adjoint.Body), names, mutable);
        var body = DeadCode.Remove(shared, new HashSet<Symbol> { adjoint.Value });

        var formulas = new List<Expr?>();
        var zero = new List<bool>();
        for (var k = 0; k < adjoint.Outputs.Count; k++)
        {
            var output = adjoint.Outputs[k];
            var vector = adjoint.Method.WrtParameter(k).IsVector;
            formulas.Add(vector ? null : Formulas.Of(output, body));
            zero.Add(!Writes(body, output));
        }
        var (assigned, overwritten) = FirstWrites.Apply(body.ToList(), adjoint.Method, adjoint.Outputs);
        return new GradientModel(adjoint.Method, adjoint.Value, adjoint.Outputs, assigned.ToEquatableArray(), formulas.ToEquatableArray(), zero.ToEquatableArray())
        {
            Overwritten = overwritten,
        };
    }

    /// <summary>Whether anything other than zero is ever stored or added to the output.</summary>
    private static bool Writes(IEnumerable<Instruction> code, Symbol output) => code.Any(instruction => instruction switch
    {
        Store s => s.Target.Equals(output) && !Ex.IsZero(s.Value),
        AddTo a => a.Target.Equals(output),
        AddToElement a => a.Span.Equals(output),
        For f => Writes(f.Body, output),
        If i => Writes(i.Body, output),
        _ => false,
    });

    private static void CollectMutable(IEnumerable<Instruction> code, HashSet<Symbol> mutable)
    {
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                case Store s: mutable.Add(s.Target); break;
                case AddTo a: mutable.Add(a.Target); break;
                case For f: CollectMutable(f.Body, mutable); break;
                case If i: CollectMutable(i.Body, mutable); break;
            }
        }
    }
}
