using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;
using static GradientDescent.Generator.Model.Ex;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// The reverse sweep through a loop statement of a block: decides how the loop is written (<see cref="LoopMode"/>),
/// sweeps one pass of its body as a block of its own, and passes the summed contributions on to the enclosing block.
/// </summary>
internal sealed class LoopSweep
{
    private readonly SweepContext _method;
    private readonly BlockSweep _outer;

    public LoopSweep(SweepContext method, BlockSweep outer)
    {
        _method = method;
        _outer = outer;
    }

    public void Sweep(SumLoop loop, int position)
    {
        // A pass reading what earlier passes filled is itself a reader of the array, after the loop or not.
        if (loop.ReadsEarlierPasses)
        {
            foreach (var fill in loop.Fills.Where(f => _method.Activity.IsActive(f.Value))) _method.ElementAdjoint(fill.Array);
        }
        // The elements a pass fills get their adjoints from the readers after the loop: complete them first.
        var fills = loop.Fills.Where(f => _method.ArrayAdjoints.ContainsKey(f.Array) && _method.Activity.IsActive(f.Value)).ToList();
        foreach (var fill in fills) _outer.FlushElements(fill.Array);
        var seeds = loop.Sums.Select(s => _outer.TakeAdjoint(s.Result)).ToList();
        for (var j = 0; j < seeds.Count; j++)
        {
            if (seeds[j] is { } seed) _outer.PassBack(loop.Sums[j].Initial, seed, guard: null, target: null); // ∂result/∂initial = 1
        }
        var active = Enumerable.Range(0, seeds.Count).Where(j => seeds[j] is not null && _method.Activity.IsActive(loop.Sums[j].Term)).ToList();
        if (active.Count == 0 && fills.Count == 0)
        {
            _method.Plans[loop] = new LoopPlan(LoopMode.Plain);
            return;
        }

        var readsElements = _method.Activity.ReadsActiveElement(loop.Body, active.Select(j => loop.Sums[j].Term));
        var hoisted = active.Select(j => SeedHoisting.BeforeStatement(seeds[j]!, _outer, position)).ToList();
        // A filled element's adjoint is known only once the readers after the loop have run backwards.
        var mode = fills.Count > 0 ? LoopMode.Replay
            : !readsElements && active.Count == 1 ? LoopMode.Unscaled
            : hoisted.All(h => h is not null) ? LoopMode.Fused
            : LoopMode.Replay;
        var plan = new LoopPlan(mode);
        _method.Plans[loop] = plan;

        var body = loop.Body.ToList();
        foreach (var j in active)
        {
            plan.Terms[j] = _method.Temporary("term");
            body.Add(new Assign(plan.Terms[j], loop.Sums[j].Term));
        }

        // The seed each pass's backward pass starts from: 1 (scaled after the loop), hoisted before it, or known after it.
        var passSeeds = new Dictionary<int, Expr>();
        for (var k = 0; k < active.Count; k++)
        {
            var j = active[k];
            passSeeds[j] = mode switch
            {
                LoopMode.Unscaled => Constant.One,
                LoopMode.Fused => Named(hoisted[k]!, "d" + loop.Sums[j].Result.Name, plan.Before),
                _ => Named(seeds[j]!, "d" + loop.Sums[j].Result.Name, _outer.Backward),
            };
        }

        // Each pass takes its element's adjoint out of the buffer, leaving zero for a later fill of the same array.
        var prefix = new List<Instruction>();
        var fillSeeds = new List<(Symbol Term, Symbol Seed)>();
        foreach (var fill in fills)
        {
            var term = _method.Temporary(BaseName(fill.Array.Name));
            body.Add(new Assign(term, fill.Value));
            var adjoint = _method.ArrayAdjoints[fill.Array];
            var seed = _method.Temporary(adjoint.Name + "_" + loop.Header.Index.Name);
            prefix.Add(new Let(seed, new ElementRead(adjoint, loop.Header.Index)));
            if (!_outer.IsTopLevel || !_method.FilledOnce.Contains(fill.Array)) prefix.Add(new StoreElement(adjoint, loop.Header.Index, Constant.Zero));
            fillSeeds.Add((term, seed));
        }

        var named = active.Count > 0 ? loop.Sums[active[0]].Result.Name : fills[0].Array.Name;
        var accumulators = new Accumulators(_method, "d" + BaseName(named) + "_d");
        var sweep = new BlockSweep(_method, body, accumulators.For);
        // Only a sum that starts at zero: α·(S − S₀) would cancel the digits of a small Σ exp against a large start.
        var shifts = active.Where(j => StartsAtZero(loop.Sums[j]))
            .SelectMany(j => ShiftedExponentials.Of(loop, loop.Sums[j], _method.Activity).Select(s => (Sum: j, s.Shift, s.Alpha))).ToList();
        foreach (var shift in shifts) sweep.Exclude(shift.Shift);
        foreach (var j in active) sweep.Seed(plan.Terms[j], passSeeds[j]);
        foreach (var (term, seed) in fillSeeds) sweep.Seed(term, seed);
        sweep.Run();

        if (mode == LoopMode.Replay)
        {
            accumulators.Declare(_outer.Backward);
            _outer.Emit(ForwardCode.OnPath(loop.Guard, BackwardLoop(loop, loop.Header, loop.Body, plan, sweep.Backward, backwards: loop.ReadsEarlierPasses, prefix: prefix)));
            if (plan.Tape is { } tape && !plan.TapeRentedPerCall) _outer.Emit(new ReleaseTape(tape));
        }
        else
        {
            accumulators.Declare(plan.Before);
            plan.BodyBackward.AddRange(sweep.Backward);
        }
        foreach (var (leaf, accumulator) in accumulators.All)
            _outer.Contribute(leaf, mode == LoopMode.Unscaled ? Simplifier.Simplify(Mul(seeds[active[0]]!, accumulator)) : accumulator);
        foreach (var (j, shift, alpha) in shifts)
        {
            // The seed as it was built (1/S·… from a log), not its name, so that S/S cancels.
            _outer.Contribute(shift, Simplifier.Simplify(Mul(alpha, Mul(seeds[j]!, loop.Sums[j].Result))));
        }
    }

    /// <summary>Whether the sum starts from <c>0</c>, written in place or as a local of the enclosing block (<c>double sum = 0;</c>).</summary>
    private bool StartsAtZero(Accumulation sum)
    {
        var start = sum.Initial is Symbol s && _outer.Positions.TryGetValue(s, out var at) && _outer.Statements[at] is Assign { Guard: null, Value: Constant c } ? c : sum.Initial;
        return start is Constant { Value: 0 };
    }

    public void Sweep(RecurrenceLoop loop)
    {
        var seeds = loop.Carried.Select(c => _outer.TakeAdjoint(c.Result)).ToList();
        var active = Enumerable.Range(0, loop.Carried.Count).Where(j => _method.Activity.IsActive(loop.Carried[j].In)).ToList();
        if (seeds.All(s => s is null) || active.Count == 0)
        {
            _method.Plans[loop] = new LoopPlan(LoopMode.Plain);
            return;
        }
        var plan = new LoopPlan(LoopMode.Replay);
        _method.Plans[loop] = plan;

        // Each carried value's adjoint, passed from each pass (replayed last to first) to the one before it.
        var adjoints = new Dictionary<int, Symbol>();
        var outs = new Dictionary<int, Symbol>();
        var intoPrevious = new Dictionary<Symbol, Symbol>();
        var body = loop.Body.ToList();
        foreach (var j in active)
        {
            var carried = loop.Carried[j];
            adjoints[j] = _method.Temporary("d" + carried.Result.Name);
            _method.Mutable.Add(adjoints[j]);
            _outer.Emit(new Let(adjoints[j], seeds[j] ?? Constant.Zero));
            outs[j] = _method.Temporary(carried.In.Name.Replace("_in", "") + "_out");
            body.Add(new Assign(outs[j], carried.Out));
            intoPrevious[carried.In] = _method.Temporary("d" + carried.In.Name);
        }
        var accumulators = new Accumulators(_method, "d" + BaseName(loop.Carried[active[0]].Result.Name) + "_d");
        var sweep = new BlockSweep(_method, body, leaf => intoPrevious.TryGetValue(leaf, out var previous) ? (previous, FirstWrite.Declare) : accumulators.For(leaf));
        foreach (var j in active) sweep.Seed(outs[j], adjoints[j]);
        sweep.Run();

        // Every value a pass starts from is kept, differentiated or not (a step size, a counter): the replay reads them all.
        foreach (var carried in loop.Carried)
        {
            if (!carried.In.Equals(loop.Going)) plan.Taped.Add(carried.In);
        }
        accumulators.Declare(_outer.Backward);
        var backward = sweep.Backward.ToList();
        foreach (var j in active)
        {
            var previous = intoPrevious[loop.Carried[j].In];
            backward.Add(new Store(adjoints[j], sweep.Wrote(previous) ? previous : Constant.Zero));
        }
        var header = loop.Header;
        if (loop.Going is not null)
        {
            // The data decided how many passes ran: the forward loop counts them, and the backward loop replays that many.
            plan.Passes = new Symbol(_method.Names.Allocate("passes"), SymbolRole.Temporary, ScalarType.Int);
            _method.Mutable.Add(plan.Passes);
            header = header with { End = header.Start is IntLiteral { Value: 0 } ? plan.Passes : new IntOperation(IntOperator.Add, header.Start, plan.Passes) };
        }
        _outer.Emit(ForwardCode.OnPath(loop.Guard, BackwardLoop(loop, header, loop.Body, plan, backward, backwards: true, prefix: new List<Instruction>())));
        if (plan.Tape is { } tape && !plan.TapeRentedPerCall) _outer.Emit(new ReleaseTape(tape));

        foreach (var j in active) _outer.PassBack(loop.Carried[j].Initial, adjoints[j], guard: null, target: null);
        foreach (var (leaf, accumulator) in accumulators.All) _outer.Contribute(leaf, accumulator);
    }

    /// <summary>
    /// The backward loop of a replayed loop: each pass reads its kept values from the tape, recomputes the cheap ones
    /// (the simplifier drops what the backward pass does not read), then runs its backward pass.
    /// </summary>
    private For BackwardLoop(Statement loop, LoopHeader header, EquatableArray<Statement> body, LoopPlan plan, List<Instruction> passBackward, bool backwards,
        List<Instruction> prefix)
    {
        ChooseTaped(body, plan);
        var loaded = new HashSet<Symbol>(plan.Taped);
        var pass = prefix;
        if (plan.Taped.Count > 0)
        {
            plan.Tape = _method.Tape("tape");
            var length = TapeLayout.Length(header, plan.Taped.Count);
            plan.TapeRentedPerCall = plan.Passes is null && IsFixedPerCall(header);
            if (plan.Passes is not null) plan.Scratch = _method.Tape("grown");
            if (plan.TapeRentedPerCall) _method.TapesPerCall[loop] = new RentTape(plan.Tape, length);
            for (var k = 0; k < plan.Taped.Count; k++)
                pass.Add(new Let(plan.Taped[k], TapeValues.Read(plan.Taped[k], new TapeRead(plan.Tape, TapeLayout.Slot(header, plan.Taped.Count, k)))));
        }
        pass.AddRange(new ForwardCode(_method).Block(body, support: true, loaded: loaded));
        pass.AddRange(passBackward);
        return new For(header, backwards, pass.ToEquatableArray());
    }

    /// <summary>
    /// What a pass keeps: values a Math function or a call computed (expensive to recompute, and what derivatives
    /// read); the rest (arithmetic, element reads, int indices) is recomputed from them.
    /// </summary>
    private void ChooseTaped(EquatableArray<Statement> body, LoopPlan plan)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case Assign { Target.ValueType: ScalarType.Double } a when _method.Activity.IsActive(a.Target) && ContainsCall(a.Value):
                    plan.Taped.Add(a.Target);
                    break;
                // A helper's gradient span cannot sit on a tape: the replay calls the gradient again.
                case Invoke call when _method.Activity.IsActive(call.Target) && !call.Partials.Any(p => p is { Kind: SymbolRole.Array }):
                    plan.TapedCalls.Add(call);
                    plan.Taped.Add(call.Target);
                    if (_method.NeedsPartials.Contains(call))
                        plan.Taped.AddRange(ForwardCode.PartialsComputed(call, _method).Where(p => p is not null)!);
                    break;
            }
        }
    }

    private static bool ContainsCall(Expr e) => e is Call || ExprChildren.Of(e).Any(ContainsCall);

    /// <summary>Bounds read only values fixed for the whole call: the tape can be rented once, at the start.</summary>
    private bool IsFixedPerCall(LoopHeader header)
    {
        var reads = new List<Symbol>();
        StatementReads.Collect(header.Start, reads);
        StatementReads.Collect(header.End, reads);
        return reads.All(s => s.Kind == SymbolRole.Parameter || _method.TopLevel.Contains(s));
    }

    /// <summary>The variable's name without its SSA version suffix (<c>sum_2</c> → <c>sum</c>), for names derived from it.</summary>
    private static string BaseName(string name)
    {
        var end = name.Length;
        while (end > 0 && char.IsDigit(name[end - 1])) end--;
        return end < name.Length && end > 1 && name[end - 1] == '_' ? name.Substring(0, end - 1) : name;
    }

    private Expr Named(Expr seed, string preferred, List<Instruction> into)
    {
        if (seed is Symbol or Constant) return seed;
        var name = _method.Temporary(preferred);
        into.Add(new Let(name, seed));
        return name;
    }

    /// <summary>One accumulator per value from outside the loop that a pass passes adjoints to, created as the sweep meets them.</summary>
    private sealed class Accumulators
    {
        private readonly SweepContext _method;
        private readonly string _prefix;
        private readonly Dictionary<Symbol, Symbol> _byLeaf = new();

        public Accumulators(SweepContext method, string prefix)
        {
            _method = method;
            _prefix = prefix;
        }

        public List<(Symbol Leaf, Symbol Accumulator)> All { get; } = new();

        public (Symbol, FirstWrite) For(Symbol leaf)
        {
            if (!_byLeaf.TryGetValue(leaf, out var accumulator))
            {
                accumulator = _method.Temporary(_prefix + leaf.Name);
                _method.Mutable.Add(accumulator);
                _byLeaf[leaf] = accumulator;
                All.Add((leaf, accumulator));
            }
            return (accumulator, FirstWrite.Add);
        }

        public void Declare(List<Instruction> into)
        {
            foreach (var (_, accumulator) in All) into.Add(new Let(accumulator, Constant.Zero));
        }
    }
}
