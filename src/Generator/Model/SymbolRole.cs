namespace GradientDescent.Generator.Model;

internal enum SymbolRole
{
    /// <summary>A parameter of the differentiated method, as passed in (a vector parameter when read by element).</summary>
    Parameter,

    /// <summary>One SSA version of a user's local or reassigned parameter, a loop index, or an int local.</summary>
    Local,

    /// <summary>A name the differentiator introduces: an adjoint, an accumulator, a shared subexpression.</summary>
    Temporary,

    /// <summary>An out parameter or gradient span of the generated method.</summary>
    Output,

    /// <summary>A pooled buffer of doubles that keeps loop values for a backward pass.</summary>
    Tape,

    /// <summary>
    /// A local array of doubles (the user's <c>new double[n]</c>, or the adjoint buffer of one): read by element, written
    /// by the loop that fills it, allocated once per call.
    /// </summary>
    Array,

    /// <summary>
    /// A vector of values, one per pass of a loop emitted with SIMD (<c>System.Numerics.Vector&lt;T&gt;</c> of the
    /// symbol's type): a load, a broadcast, a lane-wise local or a lane-wise partial sum.
    /// </summary>
    Lanes,

    /// <summary>A span over the part of a vector parameter or gradient span one loop reads or writes (<see cref="RowView"/>).</summary>
    View,
}
