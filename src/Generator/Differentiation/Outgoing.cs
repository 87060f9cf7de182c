using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Differentiation;

/// <summary>How the first contribution to an accumulator is written: it may need declaring, or assigning, before it can be added to.</summary>
internal enum FirstWrite
{
    /// <summary><c>double acc = …;</c></summary>
    Declare,

    /// <summary><c>acc = …;</c> (an out parameter).</summary>
    Assign,

    /// <summary><c>acc += …;</c> (declared and zeroed before the loop).</summary>
    Add,
}

/// <summary>Where a block sends the adjoint of a value it reads but does not define.</summary>
internal delegate (Symbol Accumulator, FirstWrite First) Outgoing(Symbol leaf);
