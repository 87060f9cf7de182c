using System.Collections.Generic;
using System.Collections.Immutable;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Parsing;

/// <summary>What a loop body being read adds to the variables from before the loop.</summary>
internal sealed class LoopBodyContext
{
    private readonly ImmutableDictionary<ISymbol, Expr> _outside;

    public LoopBodyContext(ImmutableDictionary<ISymbol, Expr> outside) => _outside = outside;

    /// <summary>The variables the body adds to, in first-added order, with what it adds per pass.</summary>
    public List<Sum> Sums { get; } = new();

    /// <summary>A variable that existed before the loop (a parameter or an earlier local).</summary>
    /// <remarks>An array parameter's mention is the pass's own element of the loop writing it: a variable of that pass only.</remarks>
    public bool IsCarried(ISymbol variable) => variable is IParameterSymbol { Type: not IArrayTypeSymbol } || _outside.ContainsKey(variable);

    public void Add(SyntaxNode node, ISymbol variable, Expr term, Expr? guard)
    {
        var guarded = guard is null ? term : new Conditional(guard, term, term.Type == ScalarType.Int ? IntLiteral.Zero : Constant.Zero);
        var index = Sums.FindIndex(s => SymbolEqualityComparer.Default.Equals(s.Variable, variable));
        if (index < 0) Sums.Add(new Sum(variable, node, guarded));
        else Sums[index] = Sums[index] with { Term = new Binary(BinaryOperator.Add, Sums[index].Term, guarded) };
    }

    public sealed record Sum(ISymbol Variable, SyntaxNode Node, Expr Term);
}
