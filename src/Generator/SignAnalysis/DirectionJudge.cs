using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Simplification;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// Decides whether a step t is k·g with k of one sign, by evaluation at pseudo-random points (fixed seed). Values the
/// derivative g depends on are drawn with both signs, so a step that is not a multiple of g (weight decay,
/// momentum, another parameter's gradient) gives ratios t/g of both signs. Variables only the step reads (a
/// learning rate) are taken as positive, as learning rates are, unless a condition the update runs under reads them
/// (the perceptron's label in <c>if (y * z &lt;= 0) w += lr * y * x</c>); counts are drawn as whole numbers from 1;
/// opaque values (results of calls) take both signs, so a step that depends on them stays undecided. A step that
/// shares nothing with g (<c>t += dt</c> after evaluating a cost at t) does not follow any gradient and is not judged.
/// Precision first: anything irregular is Undecided.
/// </summary>
internal static class DirectionJudge
{
    private const int Samples = 16;
    private const int RequiredAgreeing = 6;
    private const double MinRatio = 1e-12;

    /// <summary>The length of the arrays drawn for values a cost takes as an array (data, labels).</summary>
    private const int ArrayLength = 4;

    /// <param name="positive">Atoms known to be positive wherever they appear: the learning rates of earlier updates in
    /// the pass, which reach the derivative through the value those updates left.</param>
    /// <param name="guarded">Atoms read by the conditions the update runs under: drawn with both signs, like the derivative's.</param>
    public static Direction Judge(Expr step, Expr derivative, IReadOnlyCollection<Symbol>? positive = null, IReadOnlyCollection<Symbol>? guarded = null)
    {
        // An element index (w[j] against ∂cost/∂w[j]) is drawn as an index into the drawn arrays, the same in both.
        var indices = IndexAtoms(step).Concat(IndexAtoms(derivative)).Distinct().ToList();
        var gAtoms = ExprWalker.Symbols(derivative).Where(s => !indices.Contains(s)).ToList();
        var tAtoms = ExprWalker.Symbols(step).Where(s => !gAtoms.Contains(s) && !indices.Contains(s)).ToList();
        var positives = positive is null ? new List<Symbol>() : gAtoms.Where(positive.Contains).ToList();
        gAtoms = gAtoms.Where(s => !positives.Contains(s)).ToList();
        tAtoms.AddRange(positives);
        // Arrays read by element (xs[i] of data a cost takes as a scalar) are drawn like the derivative's arrays.
        var read = ReadArrays(step).Concat(ReadArrays(derivative)).Distinct().Where(a => !gAtoms.Contains(a)).ToList();
        if (gAtoms.Count == 0 && !ReadArrays(derivative).Any()) return Direction.Undecided;
        if (!SharesWith(step, derivative)) return Direction.Undecided;

        var random = new SplitMix(20261128);
        var agreeing = 0;
        var sign = 0;
        for (var i = 0; i < Samples; i++)
        {
            var values = new Dictionary<string, double>();
            var arrays = new Dictionary<string, double[]>();
            foreach (var a in tAtoms) values[a.Name] = StepAtom(a, guarded, random);
            foreach (var a in indices) values[a.Name] = Math.Floor(ArrayLength * random.NextDouble());
            // Any value may be an array a cost reads (xs, ys): each also gets elements, drawn like the derivative's values.
            foreach (var a in gAtoms.Concat(read)) arrays[a.Name] = Enumerable.Range(0, ArrayLength).Select(_ => Signed(random)).ToArray();
            var ratio = Ratio(step, derivative, values, arrays, gAtoms, random);
            if (ratio is null) continue;
            if (Math.Abs(ratio.Value) < MinRatio) return Direction.Undecided;
            var s = Math.Sign(ratio.Value);
            if (sign != 0 && s != sign) return Direction.Undecided;
            sign = s;
            agreeing++;
        }
        if (agreeing < RequiredAgreeing) return Direction.Undecided;
        return sign > 0 ? Direction.Along : Direction.Against;
    }

    /// <summary>
    /// The sign of k where <paramref name="term"/> = k·<paramref name="derivative"/> with k the same in every pass of a
    /// loop: k may read only <paramref name="invariant"/> atoms (a learning rate, a count), so the terms summed over the
    /// passes add up to k times the summed derivative. Null when the ratio changes with anything else.
    /// </summary>
    public static int? ConstantMultiple(Expr term, Expr derivative, System.Func<Symbol, bool> invariant)
    {
        var indices = IndexAtoms(term).Concat(IndexAtoms(derivative)).Distinct().ToList();
        var gAtoms = ExprWalker.Symbols(derivative).Where(s => !indices.Contains(s)).ToList();
        var tAtoms = ExprWalker.Symbols(term).Where(s => !gAtoms.Contains(s) && !indices.Contains(s)).ToList();
        if (gAtoms.Count == 0 && !ReadArrays(derivative).Any() || tAtoms.Any(a => !invariant(a))) return null;
        var read = ReadArrays(term).Concat(ReadArrays(derivative)).Distinct().Where(a => !gAtoms.Contains(a)).ToList();
        var random = new SplitMix(20261203);
        var sign = 0;
        var groups = 0;
        for (var group = 0; group < 4; group++)
        {
            var values = new Dictionary<string, double>();
            foreach (var a in tAtoms) values[a.Name] = a.ValueType == ScalarType.Int ? 1 + Math.Floor(10 * random.NextDouble()) : 0.1 + 0.9 * random.NextDouble();
            double? first = null;
            var agreeing = 0;
            for (var i = 0; i < 6; i++)
            {
                var arrays = new Dictionary<string, double[]>();
                foreach (var a in gAtoms.Concat(read)) arrays[a.Name] = Enumerable.Range(0, ArrayLength).Select(_ => Signed(random)).ToArray();
                foreach (var a in indices) values[a.Name] = Math.Floor(ArrayLength * random.NextDouble());
                if (Ratio(term, derivative, values, arrays, gAtoms, random) is not { } ratio) continue;
                if (Math.Abs(ratio) < MinRatio) return null;
                first ??= ratio;
                if (Math.Abs(ratio - first.Value) > 1e-9 * Math.Abs(first.Value)) return null;
                agreeing++;
            }
            if (agreeing < 3) continue;
            var s = Math.Sign(first!.Value);
            if (sign != 0 && s != sign) return null;
            sign = s;
            groups++;
        }
        return groups >= 2 ? sign : null;
    }

    /// <summary>A value only the step reads: a learning rate (positive), a count (whole, from 1), or something that may take either sign.</summary>
    private static double StepAtom(Symbol atom, IReadOnlyCollection<Symbol>? guarded, SplitMix random)
    {
        if (atom.Kind == SymbolRole.Temporary || guarded?.Contains(atom) == true) return Signed(random);
        return atom.ValueType == ScalarType.Int ? 1 + Math.Floor(10 * random.NextDouble()) : 0.1 + 0.9 * random.NextDouble();
    }

    /// <summary>Whether the step reads anything the derivative does: a step that does not cannot follow it.</summary>
    private static bool SharesWith(Expr step, Expr derivative)
    {
        var atoms = new HashSet<Symbol>(ExprWalker.Symbols(derivative));
        atoms.UnionWith(ReadArrays(derivative));
        return ExprWalker.Symbols(step).Any(atoms.Contains) || ReadArrays(step).Any(atoms.Contains);
    }

    /// <summary>The atoms an expression uses to index arrays: element reads and elements of a vector's partials.</summary>
    private static IEnumerable<Symbol> IndexAtoms(Expr e)
    {
        var found = new List<Symbol>();
        void Visit(Expr x)
        {
            if (x is ElementRead r) found.AddRange(ExprWalker.Symbols(r.Index));
            if (x is ExternalValue v) foreach (var index in v.Indices) found.AddRange(ExprWalker.Symbols(index));
            foreach (var child in ExprWalker.Children(x)) Visit(child);
        }
        Visit(e);
        return found;
    }

    private static IEnumerable<Symbol> ReadArrays(Expr e)
    {
        var found = new List<Symbol>();
        void Visit(Expr x)
        {
            if (x is ElementRead r) found.Add(r.Array);
            foreach (var child in ExprWalker.Children(x)) Visit(child);
        }
        Visit(e);
        return found;
    }

    private static double? Ratio(Expr step, Expr derivative, Dictionary<string, double> values, Dictionary<string, double[]> arrays, List<Symbol> gAtoms,
        SplitMix random)
    {
        foreach (var a in gAtoms) values[a.Name] = Signed(random);
        var g = Evaluator.Evaluate(derivative, values, arrays);
        var t = Evaluator.Evaluate(step, values, arrays);
        if (double.IsNaN(g) || double.IsInfinity(g) || Math.Abs(g) < 1e-9 || double.IsNaN(t) || double.IsInfinity(t)) return null;
        return t / g;
    }

    /// <summary>Magnitudes in [0.2, 2], either sign: away from zero, where ratios are ill-conditioned.</summary>
    private static double Signed(SplitMix random) => (random.NextBool() ? -1 : 1) * (0.2 + 1.8 * random.NextDouble());
}
