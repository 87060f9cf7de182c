using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// Each scalar derivative as one formula for the doc comment: the output's value with the generated locals it reads
/// expanded, while the result stays small. Expansion stops the moment the budget is spent, so a long method costs
/// no more than a short one; derivatives that accumulate (loops, long sums) have no single formula.
/// </summary>
internal static class Formulas
{
    public const int MaxFormulaSize = 60;

    public static Expr? Of(Symbol output, IReadOnlyList<Instruction> code)
    {
        Expr? value = null;
        var definitions = new Dictionary<Symbol, Expr>();
        var mutable = new HashSet<Symbol>(code.OfType<AddTo>().Select(a => a.Target).Concat(code.Where(i => i is For or If).SelectMany(Written)));
        foreach (var instruction in code)
        {
            switch (instruction)
            {
                // An accumulator stays a name: its value is the sum a loop built.
                case Let { Target.Kind: SymbolRole.Temporary } l when !mutable.Contains(l.Target):
                    definitions[l.Target] = l.Value;
                    break;
                case Store s when s.Target.Equals(output):
                    if (value is not null) return null;
                    value = s.Value;
                    break;
                case AddTo a when a.Target.Equals(output):
                    return null;
            }
        }
        if (value is null) return null;

        var expanded = new Dictionary<Symbol, Expr?>();
        Expr? Expand(Expr e)
        {
            var failed = false;
            var result = ExprWalker.Rewrite(e, x =>
            {
                if (failed || x is not Symbol { Kind: SymbolRole.Temporary } s || !definitions.TryGetValue(s, out var definition)) return null;
                if (!expanded.TryGetValue(s, out var done))
                {
                    expanded[s] = null; // a cycle cannot occur in SSA, but a failed expansion must not be retried
                    done = Expand(definition);
                    expanded[s] = done;
                }
                if (done is null) failed = true;
                return done ?? x;
            });
            return failed || result.Size > MaxFormulaSize ? null : result;
        }

        var formula = Expand(value);
        return formula is null || ReadsLocalArray(formula) ? null : Simplifier.Simplify(formula);
    }

    /// <summary>An element of a local array or its adjoint buffer means nothing outside the method's code.</summary>
    private static bool ReadsLocalArray(Expr e) => e is ElementRead { Array.Kind: SymbolRole.Array } || ExprChildren.Of(e).Any(ReadsLocalArray);

    private static IEnumerable<Symbol> Written(Instruction block)
    {
        var body = block switch
        {
            For f => f.Body,
            If i => i.Body,
            _ => EquatableArray<Instruction>.Empty,
        };
        foreach (var instruction in body)
        {
            switch (instruction)
            {
                case AddTo a: yield return a.Target; break;
                case Store s: yield return s.Target; break;
                case For or If:
                    foreach (var w in Written(instruction)) yield return w;
                    break;
            }
        }
    }
}
