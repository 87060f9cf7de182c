using System.Collections.Generic;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

internal enum LoopMode
{
    /// <summary>Nothing the loop computes reaches a derivative: the primal loop alone.</summary>
    Plain,

    /// <summary>
    /// One pass computes the term and its derivatives with respect to the scalars it reads (seed 1); the sums of those
    /// are scaled by the total's adjoint after the loop. No tape, no second pass.
    /// </summary>
    Unscaled,

    /// <summary>The total's adjoint is known before the loop: each pass runs its own backward pass right after its forward one.</summary>
    Fused,

    /// <summary>
    /// The adjoint is known only after the loop: the forward loop keeps each pass's expensive values on a tape, and a
    /// backward loop recomputes the cheap ones, reads the rest, and runs each pass's backward pass.
    /// </summary>
    Replay,
}

/// <summary>How the sweep decided to write one loop, and the pieces it built for it.</summary>
internal sealed class LoopPlan
{
    public LoopPlan(LoopMode mode) => Mode = mode;

    public LoopMode Mode { get; }

    /// <summary>Instructions before the forward loop: hoisted seeds, accumulators set to zero.</summary>
    public List<Instruction> Before { get; } = new();

    /// <summary>For <see cref="LoopMode.Unscaled"/> and <see cref="LoopMode.Fused"/>: each pass's backward pass, run inside the forward loop.</summary>
    public List<Instruction> BodyBackward { get; } = new();

    /// <summary>The local each sum's term is named by in the body (absent for terms nothing differentiates).</summary>
    public Dictionary<int, Symbol> Terms { get; } = new();

    /// <summary>For <see cref="LoopMode.Replay"/>: the tape, the values it keeps per pass in slot order, and where it is rented.</summary>
    public Symbol? Tape { get; set; }

    public List<Symbol> Taped { get; } = new();

    public HashSet<Invoke> TapedCalls { get; } = new(ReferenceComparer<Invoke>.Instance);

    public bool TapeRentedPerCall { get; set; }

    /// <summary>For a loop the data stops: the number of passes the forward loop made, which the backward loop replays.</summary>
    public Symbol? Passes { get; set; }

    /// <summary>For such a loop: the tape grows as the passes come (its first size is a guess), through this scratch local.</summary>
    public Symbol? Scratch { get; set; }

    /// <summary>Passes a growing tape holds before it first grows.</summary>
    public const int FirstPasses = 16;
}
