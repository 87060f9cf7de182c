using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Differentiation;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// A [Differentiable] cost as one expression of its parameters, with its partial derivative with respect to every
/// parameter (not only the wrt ones: a caller's weight can flow into any argument).
/// </summary>
internal sealed class CostDerivatives
{
    private CostDerivatives(string name, IReadOnlyList<string> parameters, IReadOnlyList<string> wrt, IReadOnlyList<Expr> partials)
    {
        Name = name;
        Parameters = parameters;
        Wrt = wrt;
        Partials = partials;
    }

    public string Name { get; }

    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The parameters whose derivatives the generated <c>…Gradient</c> writes to its out parameters, in order.</summary>
    public IReadOnlyList<string> Wrt { get; }

    /// <summary>∂cost/∂parameter, in terms of <see cref="ParameterSymbol"/>s.</summary>
    public IReadOnlyList<Expr> Partials { get; }

    public static Symbol ParameterSymbol(string name) => new(name, NameKind.Parameter);

    public Expr Partial(string parameter) => Partials[Parameters.ToList().IndexOf(parameter)];

    public static CostDerivatives From(MethodModel method)
    {
        var definitions = new Dictionary<Expr, Expr>();
        Expr Inline(Expr e) => ExprWalker.Rewrite(e, x => x is Symbol { Kind: NameKind.Local } s && definitions.TryGetValue(s, out var d) ? d : null);

        Expr result = Constant.Zero;
        foreach (var statement in method.Body)
        {
            switch (statement)
            {
                case Assignment a:
                    definitions[a.Target] = Inline(a.Value);
                    break;
                case Return r:
                    result = Inline(r.Value);
                    break;
            }
        }

        var parameters = method.Parameters.Select(p => p.Name).ToList();
        var partials = parameters.Select(p => Simplifier.Simplify(SymbolicDerivative.Of(result, ParameterSymbol(p)))).ToList();
        return new CostDerivatives(method.Name, parameters, method.Wrt.ToList(), partials);
    }

    /// <summary>∂cost/∂parameter with the call's arguments in place of the parameters.</summary>
    public Expr PartialAt(int parameter, IReadOnlyList<Expr> arguments)
    {
        var map = new Dictionary<Expr, Expr>();
        for (var i = 0; i < Parameters.Count && i < arguments.Count; i++) map[ParameterSymbol(Parameters[i])] = arguments[i];
        return ExprWalker.Rewrite(Partials[parameter], x => map.TryGetValue(x, out var a) ? a : null);
    }
}
