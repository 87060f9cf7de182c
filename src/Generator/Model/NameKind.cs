namespace GradientDescent.Generator.Model;

internal enum NameKind
{
    /// <summary>A parameter of the differentiated method, as passed in.</summary>
    Parameter,

    /// <summary>One SSA version of a local (or of a reassigned parameter).</summary>
    Local,

    /// <summary>A const or static readonly field: a value the derivative treats as constant.</summary>
    NamedConstant,

    /// <summary>A name the differentiator introduces: an adjoint or a shared subexpression.</summary>
    Temporary,

    /// <summary>
    /// An element of a vector parameter differentiated with respect to, read at an index: <see cref="Symbol.Name"/>
    /// is the read as written (<c>w[i]</c>). Its derivative goes to the same element of the gradient span.
    /// </summary>
    Element,
}
