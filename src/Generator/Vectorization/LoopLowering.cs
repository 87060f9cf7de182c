using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Vectorization;

/// <summary>
/// Turns one innermost loop of a gradient into its SIMD form, or says why it cannot be. A loop qualifies when its
/// passes are independent but for sums: it only declares locals, adds to sums declared outside it and adds to or
/// stores span elements (or its tape's slots) at the loop index plus an offset, and reads elements at such indices or at none. Values that do
/// not depend on the pass are computed once before the vector loop; values that do live in lanes.
/// </summary>
internal sealed class LoopLowering
{
    private readonly For _loop;
    private readonly VectorTarget _target;
    private readonly Func<Symbol, bool> _isSpan;
    private readonly NameAllocator _names;
    private readonly Symbol _index;

    private readonly Dictionary<Symbol, Symbol> _lanes = new();
    private readonly Dictionary<Symbol, Symbol> _sums = new();
    private readonly Dictionary<Expr, Symbol> _broadcasts = new();
    private readonly Dictionary<(Symbol Array, Expr Index), Symbol> _loads = new();
    private readonly HashSet<Symbol> _accumulators = new();
    private readonly HashSet<Symbol> _written = new();
    private readonly HashSet<(Symbol Array, Expr Index)> _everyPass;
    private int _guards; // how deep in branches of ?: and right sides of && / || the lowering is
    // Elements at an index the same in every pass, read under a condition: computed once before the vector loop
    // unless the condition stays with them, so some pass must reach them anyway.
    private readonly List<(Symbol Array, Expr Index)> _guardedUniform = new();
    private readonly List<Instruction> _before = new();
    private readonly List<Instruction> _body = new();

    private LoopLowering(For loop, VectorTarget target, Func<Symbol, bool> isSpan, NameAllocator names, IReadOnlyDictionary<Symbol, Symbol> sameLength)
    {
        _loop = loop;
        _target = target;
        _isSpan = isSpan;
        _names = names;
        _index = loop.Header.Index;
        _everyPass = EveryPassAccesses.Of(loop, sameLength);
    }

    /// <summary>The SIMD form of <paramref name="loop"/>, or null with the reason it stays scalar.</summary>
    /// <param name="sameLength">Arrays known to have the same length (each vector weight and its gradient span, both ways).</param>
    public static VectorFor? Lower(For loop, VectorTarget target, Func<Symbol, bool> isSpan, NameAllocator names, IReadOnlyDictionary<Symbol, Symbol> sameLength, out VectorRefusal refusal)
    {
        var lowered = Lower(loop, target, isSpan, names, sameLength, out VectorizationReport? why);
        refusal = why?.FirstRefusal ?? default;
        return lowered;
    }

    /// <param name="why">Null when lowered; otherwise the reason, with the function or element that is it where one is.</param>
    public static VectorFor? Lower(For loop, VectorTarget target, Func<Symbol, bool> isSpan, NameAllocator names, IReadOnlyDictionary<Symbol, Symbol> sameLength,
        out VectorizationReport? why)
    {
        why = null;
        try
        {
            return new LoopLowering(loop, target, isSpan, names, sameLength).Lower();
        }
        catch (Refused r)
        {
            why = new VectorizationReport(0, r.Reason, r.Function, r.Element);
            return null;
        }
    }

    private VectorFor Lower()
    {
        var locals = new HashSet<Symbol>();
        var writes = new Dictionary<Symbol, int>();
        var stored = new HashSet<Symbol>();
        foreach (var instruction in _loop.Body)
        {
            switch (instruction)
            {
                case AddTo a:
                    _accumulators.Add(a.Target);
                    break;
                case AddToElement e:
                    writes[e.Span] = writes.TryGetValue(e.Span, out var n) ? n + 1 : 1;
                    break;
                case StoreElement e:
                    writes[e.Array] = writes.TryGetValue(e.Array, out var m) ? m + 1 : 1;
                    stored.Add(e.Array);
                    break;
                case WriteTape t:
                    writes[t.Tape] = writes.TryGetValue(t.Tape, out var k) ? k + 1 : 1;
                    stored.Add(t.Tape);
                    break;
                case Let l:
                    locals.Add(l.Target);
                    break;
                default:
                    throw new Refused(VectorRefusal.NotIndependent);
            }
        }
        // A sum that starts again in every pass is not a sum over the passes; two stores into one array at
        // different offsets overlap across lanes, where the scalar loop's later pass would have won.
        if (_accumulators.Overlaps(locals) || stored.Any(a => writes[a] > 1)) throw new Refused(VectorRefusal.NotIndependent);
        // An int count has more lanes per vector than the doubles the loop steps by.
        if (_accumulators.Any(a => a.ValueType != ScalarType.Double)) throw new Refused(VectorRefusal.IntSum);
        _written.UnionWith(writes.Keys);
        foreach (var instruction in _loop.Body) Lower(instruction);
        foreach (var (array, index) in _guardedUniform) CheckReached(array, index);
        var after = _sums.Select(s => (Instruction)new AddLaneSum(s.Key, s.Value)).ToEquatableArray();
        // The scalar tail counts upwards: the passes are independent, so their order only moves the sums' last bits.
        var scalar = _loop with { Backward = false };
        // Every lane value is a double today (int sums and int elements are refused); a float loop would say so here.
        return new VectorFor(scalar, ScalarType.Double, _before.ToEquatableArray(), _body.ToEquatableArray(), after);
    }

    private void Lower(Instruction instruction)
    {
        switch (instruction)
        {
            case Let l:
                var (value, inLanes) = Lower(l.Value);
                if (!inLanes)
                {
                    _before.Add(l); // the same in every pass: computed once, before the vector loop
                    return;
                }
                if (l.Target.ValueType != ScalarType.Double) throw new Refused(VectorRefusal.IndexAsValue);
                var lanes = new Symbol(l.Target.Name, SymbolRole.Lanes, l.Target.ValueType);
                _lanes[l.Target] = lanes;
                _body.Add(new Let(lanes, value));
                return;
            case AddTo a:
                if (!_sums.TryGetValue(a.Target, out var sum))
                {
                    sum = new Symbol(_names.Allocate(a.Target.Name + "_lanes"), SymbolRole.Lanes, a.Target.ValueType);
                    _sums.Add(a.Target, sum);
                    _before.Add(new Broadcast(sum, Constant.Zero));
                }
                _body.Add(new AddTo(sum, LowerToLanes(a.Value)));
                return;
            case AddToElement e:
                if (!IsAtIndex(e.Index)) throw new Refused(VectorRefusal.ScatteredElements);
                if (ZeroChoices.CanChooseZero(e.Value)) CheckReached(e.Span, e.Index);
                _body.Add(new AddLanesToElements(e.Span, e.Index, LowerToLanes(e.Value), _isSpan(e.Span)));
                return;
            case StoreElement e:
                if (!IsAtIndex(e.Index)) throw new Refused(VectorRefusal.ScatteredElements);
                _body.Add(new StoreLanes(e.Array, e.Index, LowerToLanes(e.Value), _isSpan(e.Array)));
                return;
            case WriteTape t:
                // A loop keeping one value per pass for its backward pass: the tape is a double[], slot by slot.
                if (!IsAtIndex(t.Slot)) throw new Refused(VectorRefusal.NotIndependent);
                _body.Add(new StoreLanes(t.Tape, t.Slot, LowerToLanes(t.Value), ToSpan: false));
                return;
        }
    }

    private Expr LowerToLanes(Expr e)
    {
        var (value, inLanes) = Lower(e);
        return inLanes ? value : Broadcast(value);
    }

    /// <summary>The expression in lane form, or itself when it is the same in every pass.</summary>
    private (Expr Value, bool InLanes) Lower(Expr e)
    {
        switch (e)
        {
            case Symbol s when s.Equals(_index):
                throw new Refused(VectorRefusal.IndexAsValue);
            case Symbol s when _accumulators.Contains(s):
                throw new Refused(VectorRefusal.ReadsSum);
            case Symbol s:
                return _lanes.TryGetValue(s, out var lanes) ? (lanes, true) : (s, false);
            case ElementRead r:
                if (_written.Contains(r.Array)) throw new Refused(VectorRefusal.ReadsWrittenArray);
                if (!ExprWalker.Reads(r.Index, _index))
                {
                    CheckUniform(r.Index);
                    if (_guards > 0) _guardedUniform.Add((r.Array, r.Index));
                    return (r, false);
                }
                if (!IsAtIndex(r.Index)) throw new Refused(VectorRefusal.ScatteredElements);
                if (r.Array.ValueType != ScalarType.Double) throw new Refused(VectorRefusal.NonDoubleElements);
                if (_guards > 0) CheckReached(r.Array, r.Index);
                return (Load(r.Array, r.Index, _isSpan(r.Array)), true);
            case TapeRead t:
                if (_written.Contains(t.Tape)) throw new Refused(VectorRefusal.ReadsWrittenArray);
                if (!ExprWalker.Reads(t.Slot, _index))
                {
                    CheckUniform(t.Slot);
                    return (t, false);
                }
                if (!IsAtIndex(t.Slot)) throw new Refused(VectorRefusal.NotIndependent);
                return (Load(t.Tape, t.Slot, fromSpan: false), true);
            case Binary b:
            {
                var (left, leftInLanes) = Lower(b.Left);
                var (right, rightInLanes) = Lower(b.Right);
                if (!leftInLanes && !rightInLanes) return (e, false);
                if (!b.Operator.IsArithmetic()) throw new Refused(VectorRefusal.Comparison);
                // A vector times a scalar needs no broadcast; the other operators want two vectors.
                if (b.Operator != BinaryOperator.Multiply)
                {
                    if (!leftInLanes) left = Broadcast(left);
                    if (!rightInLanes) right = Broadcast(right);
                }
                return (new Binary(b.Operator, left, right), true);
            }
            case Unary u:
            {
                var (operand, inLanes) = Lower(u.Operand);
                if (!inLanes) return (e, false);
                if (u.Operator != UnaryOperator.Negate) throw new Refused(VectorRefusal.Comparison);
                return (new Unary(u.Operator, operand), true);
            }
            case Call c:
            {
                var arguments = c.Arguments.Select(Lower).ToList();
                if (!arguments.Any(a => a.InLanes)) return (e, false);
                if (arguments.Count != 1 || !_target.Functions.Contains(c.Function)) throw new Refused(VectorRefusal.Function, c.Function);
                return (new Call(c.Function, arguments[0].Value), true);
            }
            case Conditional c:
            {
                var (condition, perPass) = LowerCondition(c.Condition);
                var guardedBefore = _guardedUniform.Count;
                _guards++;
                var (whenTrue, trueInLanes) = Lower(c.WhenTrue);
                var (whenFalse, falseInLanes) = Lower(c.WhenFalse);
                _guards--;
                if (!perPass && !trueInLanes && !falseInLanes)
                {
                    KeepsItsGuard(guardedBefore);
                    return (e, false);
                }
                if (c.Type != ScalarType.Double) throw new Refused(VectorRefusal.Branch);
                // A condition the same in every pass picks one of two vectors; one that differs picks lane by lane.
                if (!trueInLanes) whenTrue = Broadcast(whenTrue);
                if (!falseInLanes) whenFalse = Broadcast(whenFalse);
                return (new Conditional(condition, whenTrue, whenFalse), true);
            }
            default:
                CheckUniform(e);
                return (e, false);
        }
    }

    /// <summary>
    /// A condition in lane form (comparisons of lanes, and of those, not, and, or: a mask per lane), or itself when
    /// it is the same in every pass.
    /// </summary>
    private (Expr Value, bool PerPass) LowerCondition(Expr condition)
    {
        switch (condition)
        {
            case Binary b when b.Operator.IsComparison():
            {
                var (left, leftInLanes) = Lower(b.Left);
                var (right, rightInLanes) = Lower(b.Right);
                if (!leftInLanes && !rightInLanes) return (condition, false);
                if (b.Left.Type != ScalarType.Double || b.Right.Type != ScalarType.Double) throw new Refused(VectorRefusal.IndexAsValue);
                return (new Binary(b.Operator, leftInLanes ? left : Broadcast(left), rightInLanes ? right : Broadcast(right)), true);
            }
            case Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b:
            {
                var (left, leftPerPass) = LowerCondition(b.Left);
                var guardedBefore = _guardedUniform.Count;
                _guards++;
                var (right, rightPerPass) = LowerCondition(b.Right);
                _guards--;
                if (!leftPerPass && !rightPerPass)
                {
                    KeepsItsGuard(guardedBefore);
                    return (condition, false);
                }
                // A mask and a bool do not combine: the side the same in every pass becomes a mask too.
                return (new Binary(b.Operator, leftPerPass ? left : AsMask(left), rightPerPass ? right : AsMask(right)), true);
            }
            case Unary { Operator: UnaryOperator.Not } u:
            {
                var (operand, perPass) = LowerCondition(u.Operand);
                return perPass ? (new Unary(UnaryOperator.Not, operand), true) : (condition, false);
            }
            default:
                if (Lower(condition).InLanes) throw new Refused(VectorRefusal.Branch);
                return (condition, false);
        }
    }

    /// <summary>
    /// A condition the same in every pass as a mask, all lanes alike: its comparisons of doubles on broadcasts. Any
    /// other (a bool local, an int comparison) keeps the loop scalar.
    /// </summary>
    private Expr AsMask(Expr condition) => condition switch
    {
        Binary b when b.Operator.IsComparison() && b.Left.Type == ScalarType.Double && b.Right.Type == ScalarType.Double =>
            new Binary(b.Operator, Broadcast(b.Left), Broadcast(b.Right)),
        Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => new Binary(b.Operator, AsMask(b.Left), AsMask(b.Right)),
        Unary { Operator: UnaryOperator.Not } u => new Unary(UnaryOperator.Not, AsMask(u.Operand)),
        _ => throw new Refused(VectorRefusal.Branch),
    };

    /// <summary>
    /// A choice the same in every pass stays whole, wherever it is computed, so its own condition still guards the
    /// reads in its branches; evaluated in every scalar pass (under no other condition), it is evaluated in the first.
    /// </summary>
    private void KeepsItsGuard(int guardedBefore)
    {
        if (_guards == 0) _guardedUniform.RemoveRange(guardedBefore, _guardedUniform.Count - guardedBefore);
    }

    /// <summary>Refuses an expression kept scalar that still reads something that changes from pass to pass.</summary>
    private void CheckUniform(Expr e)
    {
        foreach (var child in ExprWalker.Children(e))
            if (Lower(child).InLanes) throw new Refused(VectorRefusal.NotIndependent);
    }

    /// <summary>
    /// The loop index plus or minus values the same in every pass (<c>i</c>, <c>k * n + i</c>, <c>i - 1</c>):
    /// consecutive passes, consecutive elements.
    /// </summary>
    private bool IsAtIndex(Expr index) => index switch
    {
        Symbol s => s.Equals(_index),
        IntOperation { Operator: IntOperator.Add, Operands: { Count: 2 } o } =>
            (IsAtIndex(o[0]) && !ExprWalker.Reads(o[1], _index)) || (IsAtIndex(o[1]) && !ExprWalker.Reads(o[0], _index)),
        IntOperation { Operator: IntOperator.Subtract, Operands: { Count: 2 } o } => IsAtIndex(o[0]) && !ExprWalker.Reads(o[1], _index),
        _ => false,
    };

    /// <summary>
    /// Refuses an element only some scalar passes reach that no access of every pass vouches for: the vector pass
    /// would load or store it in every lane, and throw where the method does not.
    /// </summary>
    private void CheckReached(Symbol array, Expr index)
    {
        if (!_everyPass.Contains((array, index))) throw new Refused(VectorRefusal.GuardedElement, element: new ElementRead(array, index));
    }

    private Symbol Load(Symbol array, Expr index, bool fromSpan)
    {
        if (_loads.TryGetValue((array, index), out var loaded)) return loaded;
        loaded = new Symbol(_names.Allocate(array.Name + "_" + _index.Name), SymbolRole.Lanes, array.ValueType);
        _loads.Add((array, index), loaded);
        _body.Add(new LoadLanes(loaded, array, index, fromSpan));
        return loaded;
    }

    /// <summary>A lane vector holding the scalar in every lane, made once before the vector loop.</summary>
    private Symbol Broadcast(Expr value)
    {
        if (_broadcasts.TryGetValue(value, out var broadcast)) return broadcast;
        var preferred = value switch
        {
            Symbol s => s.Name + "_lanes",
            Constant { IsOne: true } => "one",
            Constant { Value: 2 } => "two",
            _ => "broadcast",
        };
        broadcast = new Symbol(_names.Allocate(preferred), SymbolRole.Lanes, value.Type == ScalarType.Int ? ScalarType.Double : value.Type);
        _broadcasts.Add(value, broadcast);
        _before.Add(new Broadcast(broadcast, value));
        return broadcast;
    }

    private sealed class Refused : Exception
    {
        public Refused(VectorRefusal reason, MathFunction? function = null, ElementRead? element = null)
        {
            Reason = reason;
            Function = function;
            Element = element;
        }

        public VectorRefusal Reason { get; }

        public MathFunction? Function { get; }

        public ElementRead? Element { get; }
    }
}
