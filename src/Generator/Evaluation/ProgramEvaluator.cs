using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.Evaluation;

/// <summary>
/// Runs a generated gradient on numbers, without compiling it: the sign analyzer evaluates a cost's derivatives at
/// sample points this way, from the very code the generator emits. A call of another [Differentiable] method runs
/// that method's gradient the same way when <c>callees</c> knows it (else its results are NaN); vectors are given as arrays.
/// </summary>
internal static class ProgramEvaluator
{
    /// <summary>Calls deeper than this (a recursion the sample point does not end) leave their results NaN.</summary>
    private const int MaxDepth = 32;

    /// <param name="callees">The gradient of a [Differentiable] callee by its <see cref="MethodModel.Key"/>, or null where unknown.</param>
    /// <returns>The value and, for each wrt parameter, its derivative (for a vector, its gradient span).</returns>
    public static (double Value, double[][] Derivatives) Run(GradientModel gradient, IReadOnlyDictionary<string, double> scalars,
        IReadOnlyDictionary<string, double[]> vectors, Func<string, GradientModel?>? callees = null)
    {
        try
        {
            return Run(gradient, scalars, vectors, new Calls(callees, 0, new Budget()));
        }
        catch (BudgetSpent)
        {
            // Nothing is known at this point: every derivative NaN, so no judgment rests on it.
            return (double.NaN, gradient.Outputs.Select(_ => new[] { double.NaN }).ToArray());
        }
    }

    private static (double Value, double[][] Derivatives) Run(GradientModel gradient, IReadOnlyDictionary<string, double> scalars,
        IReadOnlyDictionary<string, double[]> vectors, Calls calls)
    {
        var values = scalars.ToDictionary(p => p.Key, p => p.Value);
        var arrays = vectors.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        for (var k = 0; k < gradient.Outputs.Count; k++)
        {
            var parameter = gradient.Method.WrtParameter(k);
            if (parameter.IsVector) arrays[gradient.Outputs[k].Name] = new double[vectors.TryGetValue(parameter.Name, out var w) ? w.Length : 0];
        }
        Execute(gradient.Body, values, arrays, calls);
        var derivatives = gradient.Outputs.Select((o, k) => gradient.Method.WrtParameter(k).IsVector
            ? arrays[o.Name]
            : new[] { values.TryGetValue(o.Name, out var d) ? d : double.NaN }).ToArray();
        return (values.TryGetValue(gradient.Value.Name, out var value) ? value : double.NaN, derivatives);
    }

    /// <summary>
    /// Instructions one run may execute, calls included. The analyzer runs a cost at a few dozen points per update, in
    /// the IDE as the user types: a cost whose loops take longer than this (a long simulation, a loop the data stops
    /// that does not stop at a sample point) is not judged, rather than holding the IDE up.
    /// </summary>
    private const int MaxInstructions = 200_000;

    /// <returns>True when a <see cref="BreakUnless"/> of this block stopped its loop.</returns>
    private static bool Execute(IEnumerable<Instruction> code, Dictionary<string, double> values, Dictionary<string, double[]> arrays, Calls calls)
    {
        double Eval(Expr e) => Evaluator.Evaluate(e, values, arrays);
        foreach (var instruction in code)
        {
            if (--calls.Budget.Left < 0) throw new BudgetSpent();
            switch (instruction)
            {
                case BreakUnless b:
                    if (Eval(b.Condition) == 0) return true;
                    break;
                case EnsureTape e when arrays.TryGetValue(e.Tape.Name, out var kept):
                    var needed = (int)Math.Min(Eval(e.Length), int.MaxValue);
                    if (kept.Length < needed)
                    {
                        var grown = new double[Math.Max(needed, 2 * kept.Length)];
                        Array.Copy(kept, grown, kept.Length);
                        arrays[e.Tape.Name] = grown;
                    }
                    break;
                case Let l:
                    values[l.Target.Name] = Truncate(l.Target, Eval(l.Value));
                    break;
                case Store s:
                    values[s.Target.Name] = Truncate(s.Target, Eval(s.Value));
                    break;
                case AddTo a:
                    values[a.Target.Name] = (values.TryGetValue(a.Target.Name, out var old) ? old : double.NaN) + Eval(a.Value);
                    break;
                case AddToElement a:
                    var index = Eval(a.Index);
                    if (arrays.TryGetValue(a.Span.Name, out var span) && index >= 0 && index < span.Length) span[(int)index] += Eval(a.Value);
                    break;
                case CallMethod c:
                    Call(c, values, arrays, calls);
                    break;
                case For f:
                    var start = (int)Eval(f.Header.Start);
                    var end = (int)Eval(f.Header.End);
                    if (double.IsNaN(Eval(f.Header.Start)) || double.IsNaN(Eval(f.Header.End))) break;
                    for (var i = f.Backward ? end - 1 : start; f.Backward ? i >= start : i < end; i += f.Backward ? -1 : 1)
                    {
                        if (--calls.Budget.Left < 0) throw new BudgetSpent(); // an empty body spends it too
                        values[f.Header.Index.Name] = i;
                        if (Execute(f.Body, values, arrays, calls)) break;
                    }
                    break;
                case VectorFor v:
                    // The SIMD form computes what its scalar loop does, up to the order of the sums.
                    if (Execute(new Instruction[] { v.Scalar }, values, arrays, calls)) return true;
                    break;
                case ViewedFor v:
                    // Views only change how the elements are addressed.
                    if (Execute(new Instruction[] { v.Plain }, values, arrays, calls)) return true;
                    break;
                case If i:
                    if (Eval(i.Condition) != 0 && Execute(i.Body, values, arrays, calls)) return true;
                    break;
                case RentTape r:
                    arrays[r.Tape.Name] = new double[Math.Max(0, (int)Eval(r.Length))];
                    break;
                case AllocateArray a:
                    arrays[a.Array.Name] = new double[Math.Max(0, (int)Eval(a.Length))];
                    break;
                case ClearArray c when arrays.TryGetValue(c.Array.Name, out var cleared):
                    Array.Clear(cleared, 0, Math.Min(cleared.Length, Math.Max(0, (int)Eval(c.Length))));
                    break;
                case StoreElement e:
                    var at = Eval(e.Index);
                    if (arrays.TryGetValue(e.Array.Name, out var target) && at >= 0 && at < target.Length) target[(int)at] = Eval(e.Value);
                    break;
                case WriteTape w:
                    var slot = Eval(w.Slot);
                    if (arrays.TryGetValue(w.Tape.Name, out var tape) && slot >= 0 && slot < tape.Length) tape[(int)slot] = Eval(w.Value);
                    break;
            }
        }
        return false;
    }

    /// <summary>The callee's gradient run on the arguments: its value, and its partials into the outs the call reads.</summary>
    private static void Call(CallMethod c, Dictionary<string, double> values, Dictionary<string, double[]> arrays, Calls calls)
    {
        values[c.Target.Name] = double.NaN;
        foreach (var o in c.Outs)
        {
            if (o is not null) values[o.Name] = double.NaN;
        }
        if (c.Callee.Key is not { } key || calls.Depth >= MaxDepth || calls.Resolve?.Invoke(key) is not { } callee ||
            callee.Method.Parameters.Count != c.Arguments.Count) return;

        var scalars = new Dictionary<string, double>();
        var vectors = new Dictionary<string, double[]>();
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            var parameter = callee.Method.Parameters[i];
            if (!parameter.IsVector)
            {
                scalars[parameter.Name] = Evaluator.Evaluate(c.Arguments[i], values, arrays);
                continue;
            }
            if (Elements(c.Arguments[i], values, arrays) is not { } elements) return;
            vectors[parameter.Name] = elements;
        }
        var (value, derivatives) = Run(callee, scalars, vectors, calls with { Depth = calls.Depth + 1 });
        values[c.Target.Name] = value;
        for (var j = 0; j < c.Outs.Count && j < derivatives.Length; j++)
        {
            if (c.Outs[j] is not { } output) continue;
            if (callee.Method.WrtParameter(j).IsVector) arrays[output.Name] = derivatives[j];
            else values[output.Name] = derivatives[j][0];
        }
    }

    /// <summary>The elements an array argument hands over: a whole array, or a slice of one.</summary>
    private static double[]? Elements(Expr argument, Dictionary<string, double> values, Dictionary<string, double[]> arrays)
    {
        switch (argument)
        {
            case Symbol s when arrays.TryGetValue(s.Name, out var whole):
                return whole;
            case ArraySlice a when arrays.TryGetValue(a.Array.Name, out var array):
                var start = Evaluator.Evaluate(a.Start, values, arrays);
                var count = Evaluator.Evaluate(a.Count, values, arrays);
                if (double.IsNaN(start) || double.IsNaN(count) || start < 0 || count < 0 || start + count > array.Length) return null;
                var slice = new double[(int)count];
                Array.Copy(array, (int)start, slice, 0, (int)count);
                return slice;
            default:
                return null;
        }
    }

    /// <summary>How calls are followed: the callees' gradients, how deep the calls being run are, and what is left of the run's budget.</summary>
    private sealed record Calls(Func<string, GradientModel?>? Resolve, int Depth, Budget Budget);

    /// <summary>The instructions a run (with every call it makes) may still execute.</summary>
    private sealed class Budget
    {
        public int Left = MaxInstructions;
    }

    private static double Truncate(Symbol target, double value) => target.ValueType == ScalarType.Int ? Math.Truncate(value) : value;

    private sealed class BudgetSpent : Exception
    {
    }
}
