using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Whether a loop total's adjoint can be computed before the loop runs (a mean's 1/n, a sum returned as it is),
/// so each pass can run its backward pass right after its forward one. The adjoint is expanded through the
/// adjoints named after the loop, within a small budget, and must then read only values the block has before it.
/// </summary>
internal static class SeedHoisting
{
    private const int Budget = 64;

    /// <returns>The seed in terms of values available before the statement at <paramref name="position"/>, or null.</returns>
    public static Expr? BeforeStatement(Expr seed, BlockSweep block, int position)
    {
        var failed = false;
        Expr Expand(Expr e, int depth) => ExprWalker.Rewrite(e, x =>
        {
            if (x is ElementRead { Array.Kind: SymbolRole.Array }) failed = true; // a buffer the readers after the loop fill
            if (failed || x is not Symbol s) return null;
            if (block.NamedAdjoints.TryGetValue(s, out var definition))
            {
                if (depth > Budget) failed = true;
                return failed ? x : Expand(definition, depth + 1);
            }
            if (block.Method.Mutable.Contains(s) || s.Kind == SymbolRole.Output || (block.Positions.TryGetValue(s, out var at) && at >= position))
                failed = true;
            return null;
        });

        var expanded = Expand(seed, 0);
        return failed || expanded.Size > Budget ? null : Simplification.Simplifier.Simplify(expanded);
    }
}
