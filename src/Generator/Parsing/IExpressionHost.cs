using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Lets a reader other than the parser use the parser's <see cref="ExpressionReader"/> leniently (GD0001's
/// interpreter of training code): names and calls resolve through the host, and whatever the parser would refuse
/// becomes a value the host chooses instead of a diagnostic. Operators, constants, Math functions, casts and
/// conditions are read exactly as the parser reads them.
/// </summary>
internal interface IExpressionHost
{
    /// <summary>The value a local, parameter or non-constant field holds.</summary>
    Expr Variable(ISymbol variable);

    /// <summary>A call other than a built-in System.Math function.</summary>
    Expr Call(InvocationExpressionSyntax invocation, IMethodSymbol method);

    /// <summary>What the parser refuses or cannot bind (an element, a property, a lambda, code being typed).</summary>
    Expr Unreadable(ExpressionSyntax syntax);
}
