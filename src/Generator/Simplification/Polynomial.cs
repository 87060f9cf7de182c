using System.Collections.Generic;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>base^exponent inside a <see cref="Term"/>; bases that are sums are kept whole (never expanded).</summary>
internal readonly struct Factor
{
    public Factor(Expr @base, double exponent)
    {
        Base = @base;
        Exponent = exponent;
    }

    public Expr Base { get; }

    public double Exponent { get; }
}

/// <summary>coefficient · Π factors. A term with no factors is a constant.</summary>
internal sealed class Term
{
    public Term(double coefficient, IReadOnlyList<Factor> factors)
    {
        Coefficient = coefficient;
        Factors = factors;
    }

    public double Coefficient { get; }

    public IReadOnlyList<Factor> Factors { get; }

    public Term WithCoefficient(double coefficient) => new(coefficient, Factors);

    /// <summary>Like terms differ only in their coefficient: the same bases with the same exponents, in any order.</summary>
    public bool IsLike(Term other)
    {
        if (Factors.Count != other.Factors.Count) return false;
        foreach (var f in Factors)
        {
            var found = false;
            foreach (var g in other.Factors)
            {
                if (g.Exponent == f.Exponent && g.Base.Equals(f.Base))
                {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }
}
