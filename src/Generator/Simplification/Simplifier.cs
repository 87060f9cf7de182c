using System;
using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;

namespace GradientDescent.Generator.Simplification;

/// <summary>
/// Rewrites an expression into the form a person would write: constants folded, x·1, x+0 and −(−x) gone, like
/// terms collected (0.5·a + 0.5·a → a), equal factors merged into powers, divisions by constants shown as such, a
/// positive term first. Sums inside products stay whole, so −(y − ŷ)·x is not expanded into −y·x + ŷ·x.
/// Works on a sum-of-terms form (<see cref="Term"/>) and rebuilds ordinary IR from it.
/// </summary>
internal sealed class Simplifier
{
    private readonly Dictionary<Expr, Expr> _simplified = new();
    private readonly Dictionary<Expr, List<Term>> _sums = new();

    public static Expr Simplify(Expr e) => new Simplifier().Run(e);

    public Expr Run(Expr e)
    {
        if (_simplified.TryGetValue(e, out var done)) return done;
        var result = e switch
        {
            Symbol or Constant or FieldValue or IntLiteral or IntOperation or Length or ElementRead or TapeRead or ExternalValue => e,
            Binary b when !b.Operator.IsArithmetic() => Logic(b),
            Unary { Operator: UnaryOperator.Not } u => Run(u.Operand) is Constant k ? Truth(k.IsZero) : new Unary(UnaryOperator.Not, Run(u.Operand)),
            Conditional c => ConditionalExpr(c),
            _ => Rebuild(ToSum(e)),
        };
        _simplified[e] = result;
        return result;
    }

    private Expr Logic(Binary b)
    {
        var left = Run(b.Left);
        var right = Run(b.Right);
        if (b.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            // Constants stand for true and false; they must not stay inside logic, where they would print as numbers.
            var and = b.Operator == BinaryOperator.And;
            if (left is Constant lc) return lc.IsZero == and ? Truth(!and) : right;
            if (right is Constant rc) return rc.IsZero == and ? Truth(!and) : left;
        }
        if (left is Constant l && right is Constant r && b.Operator.IsComparison())
        {
            var value = b.Operator switch
            {
                BinaryOperator.LessThan => l.Value < r.Value,
                BinaryOperator.LessThanOrEqual => l.Value <= r.Value,
                BinaryOperator.GreaterThan => l.Value > r.Value,
                BinaryOperator.GreaterThanOrEqual => l.Value >= r.Value,
                BinaryOperator.Equal => l.Value == r.Value,
                _ => l.Value != r.Value,
            };
            // Comparisons only feed conditionals; 1 and 0 stand for true and false there.
            return value ? Constant.One : Constant.Zero;
        }
        return new Binary(b.Operator, left, right);
    }

    private static Constant Truth(bool value) => value ? Constant.One : Constant.Zero;

    /// <summary>
    /// k·(c ? a : 0) → c ? k·a : 0. The derivative of a branch is only evaluated where the branch runs, so an
    /// infinite partial on the path not taken (1/x where x = 0) cannot meet a zero and make NaN.
    /// </summary>
    private List<Term> IntoConditional(List<Term> sum)
    {
        if (sum.Count != 1) return sum;
        var term = sum[0];
        var index = -1;
        for (var i = 0; i < term.Factors.Count && index < 0; i++)
        {
            // Only a conditional with a zero branch: then the factors move into one branch and nothing grows.
            if (term.Factors[i] is { Base: Conditional { WhenTrue: Constant { IsZero: true } } or Conditional { WhenFalse: Constant { IsZero: true } }, Exponent: 1 })
                index = i;
        }
        if (index < 0 || (term.Factors.Count == 1 && term.Coefficient == 1)) return sum;

        var conditional = (Conditional)term.Factors[index].Base;
        var rest = Rebuild(new List<Term> { new(term.Coefficient, term.Factors.Where((_, i) => i != index).ToList()) });
        var pushed = new Conditional(conditional.Condition,
            new Binary(BinaryOperator.Multiply, rest, conditional.WhenTrue),
            new Binary(BinaryOperator.Multiply, rest, conditional.WhenFalse));
        var simplified = Run(pushed);
        return simplified is Constant c ? Single(new Term(c.Value, Array.Empty<Factor>())) : Single(new Term(1, new[] { new Factor(simplified, 1) }));
    }

    /// <summary>(c ? a : b) + (c ? d : e) → c ? a + d : b + e, so one test guards a whole derivative.</summary>
    private List<Term> MergeConditionals(List<Term> sum)
    {
        var result = new List<Term>();
        foreach (var term in sum)
        {
            if (term.Factors.Count == 1 && term.Factors[0] is { Base: Conditional c, Exponent: 1 })
            {
                var index = result.FindIndex(t => t.Factors.Count == 1 && t.Factors[0] is { Base: Conditional other, Exponent: 1 } && other.Condition.Equals(c.Condition));
                if (index >= 0)
                {
                    var other = (Conditional)result[index].Factors[0].Base;
                    var k1 = new Constant(result[index].Coefficient);
                    var k2 = new Constant(term.Coefficient);
                    var merged = Run(new Conditional(c.Condition,
                        new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Multiply, k1, other.WhenTrue), new Binary(BinaryOperator.Multiply, k2, c.WhenTrue)),
                        new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Multiply, k1, other.WhenFalse), new Binary(BinaryOperator.Multiply, k2, c.WhenFalse))));
                    result[index] = merged is Constant mc ? new Term(mc.Value, Array.Empty<Factor>()) : new Term(1, new[] { new Factor(merged, 1) });
                    continue;
                }
            }
            result.Add(term);
        }
        result.RemoveAll(t => t.Coefficient == 0);
        return result;
    }

    private Expr ConditionalExpr(Conditional c)
    {
        var condition = Run(c.Condition);
        var whenTrue = Run(c.WhenTrue);
        var whenFalse = Run(c.WhenFalse);
        // Inside a branch its condition is known: c ? (c ? a : b) : (c ? d : e) is c ? a : e.
        if (whenTrue is Conditional inner && inner.Condition.Equals(condition)) whenTrue = inner.WhenTrue;
        if (whenFalse is Conditional other && other.Condition.Equals(condition)) whenFalse = other.WhenFalse;
        if (condition is Constant k) return k.IsZero ? whenFalse : whenTrue;
        return whenTrue.Equals(whenFalse) ? whenTrue : new Conditional(condition, whenTrue, whenFalse);
    }

    // ---- expression → sum of terms ----

    private List<Term> ToSum(Expr e)
    {
        if (_sums.TryGetValue(e, out var cached)) return cached;
        var sum = e switch
        {
            Constant c => Single(new Term(c.Value, Array.Empty<Factor>())),
            Binary { Operator: BinaryOperator.Add } b => Add(ToSum(b.Left), ToSum(b.Right)),
            Binary { Operator: BinaryOperator.Subtract } b =>
                Add(ToSum(b.Left), ToSum(b.Right).Select(t => t.WithCoefficient(-t.Coefficient)).ToList()),
            Unary { Operator: UnaryOperator.Negate } u => Negate(ToSum(u.Operand)),
            Binary { Operator: BinaryOperator.Multiply } b => IntoConditional(Product(ToSum(b.Left), ToSum(b.Right))),
            Binary { Operator: BinaryOperator.Divide } b => IntoConditional(Quotient(b)),
            Call c => CallSum(c),
            _ => Single(new Term(1, new[] { new Factor(Run(e), 1) })),
        };
        _sums[e] = sum;
        return sum;
    }

    /// <summary>
    /// A product, a sum in it kept whole, except where multiplying the sum's terms out cancels a division and adds
    /// none: (y/p − (1 − y)/(1 − p))·p·(1 − p) → y·(1 − p) − (1 − y)·p, which the sum then collects into y − p.
    /// </summary>
    private List<Term> Product(List<Term> left, List<Term> right)
    {
        var whole = Single(Multiply(Monomial(left), Monomial(right)));
        return Cancelling(Terms(left), Monomial(right)) ?? Cancelling(Terms(right), Monomial(left)) ?? whole;
    }

    private List<Term>? Cancelling(List<Term> sum, Term other)
    {
        if (sum.Count < 2) return null;
        var spread = sum.Select(t => Multiply(t, other)).ToList();
        var cancelled = 0;
        for (var i = 0; i < sum.Count; i++)
        {
            if (Divisions(spread[i]) > Divisions(sum[i])) return null;
            cancelled += Divisions(sum[i]) - Divisions(spread[i]);
        }
        return cancelled > 0 ? AddTerms(spread, new List<Term>()) : null;
    }

    /// <summary>The terms of a sum, a term that is c·(sum) included (−(a − b) is one term holding a sum).</summary>
    private List<Term> Terms(List<Term> sum) => sum.Count == 1 ? Flatten(sum).ToList() : sum;

    private static int Divisions(Term term) => term.Factors.Count(f => f.Exponent < 0);

    private static List<Term> Single(Term term) => term.Coefficient == 0 ? new List<Term>() : new List<Term> { term };

    /// <summary>−(a − b) stays a negated sum on its own; inside a larger sum it is spread out by <see cref="Flatten"/>.</summary>
    private List<Term> Negate(List<Term> sum) =>
        sum.Count <= 1
            ? sum.Select(t => t.WithCoefficient(-t.Coefficient)).ToList()
            : Single(new Term(-1, new[] { new Factor(Rebuild(sum), 1) }));

    /// <summary>
    /// Collects like terms twice, keeping sums inside terms whole and spreading them out, and keeps the reading
    /// with fewer terms (then fewer nodes): −½(y − ŷ) − ½(y − ŷ) stays −(y − ŷ), while a − (a − b) becomes b.
    /// </summary>
    private List<Term> Add(List<Term> left, List<Term> right) => MergeConditionals(AddTerms(left, right));

    private List<Term> AddTerms(List<Term> left, List<Term> right)
    {
        var whole = Combine(left.Concat(right));
        if (!left.Concat(right).Any(HasSumFactor)) return whole;
        var spread = Combine(Flatten(left).Concat(Flatten(right)));
        if (spread.Count != whole.Count) return spread.Count < whole.Count ? spread : whole;
        return Rebuild(spread).Size < Rebuild(whole).Size ? spread : whole;
    }

    private static bool HasSumFactor(Term term) => term.Factors.Any(f => IsSum(f.Base));

    /// <summary>Spreads c·(sum) into the enclosing sum so its terms can meet their like terms.</summary>
    private IEnumerable<Term> Flatten(List<Term> sum)
    {
        foreach (var term in sum)
        {
            var sums = term.Factors.Where(f => f.Exponent == 1 && IsSum(f.Base)).ToList();
            if (sums.Count == 1)
            {
                // c·x·(a + b) → c·x·a + c·x·b: the rest of the term goes with each of the sum's terms.
                var rest = new Term(term.Coefficient, term.Factors.Where(f => !ReferenceEquals(f.Base, sums[0].Base)).ToList());
                foreach (var inner in ToSum(sums[0].Base)) yield return Multiply(inner, rest);
            }
            else
            {
                yield return term;
            }
        }
    }

    private static bool IsSum(Expr e) => e is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract };

    private static List<Term> Combine(IEnumerable<Term> terms)
    {
        var result = new List<Term>();
        foreach (var term in terms)
        {
            var index = result.FindIndex(t => t.IsLike(term));
            if (index < 0) result.Add(term);
            else result[index] = result[index].WithCoefficient(result[index].Coefficient + term.Coefficient);
        }
        result.RemoveAll(t => t.Coefficient == 0);
        return result;
    }

    /// <summary>A sum of several terms becomes one factor (kept whole); zero or one term is already a monomial.</summary>
    private Term Monomial(List<Term> sum) => sum.Count switch
    {
        0 => new Term(0, Array.Empty<Factor>()),
        1 => sum[0],
        _ => new Term(1, new[] { new Factor(Rebuild(sum), 1) }),
    };

    private static Term Multiply(Term a, Term b)
    {
        var factors = a.Factors.ToList();
        foreach (var f in b.Factors) MultiplyInto(factors, f);
        return new Term(a.Coefficient * b.Coefficient, factors);
    }

    private static void MultiplyInto(List<Factor> factors, Factor f)
    {
        var index = factors.FindIndex(g => g.Base.Equals(f.Base));
        if (index < 0)
        {
            factors.Add(f);
            return;
        }
        var exponent = factors[index].Exponent + f.Exponent;
        if (exponent == 0) factors.RemoveAt(index);
        else factors[index] = new Factor(f.Base, exponent);
    }

    private List<Term> Quotient(Binary b)
    {
        var numerator = Monomial(ToSum(b.Left));
        var denominator = Monomial(ToSum(b.Right));
        if (denominator.Coefficient == 0) // division by zero: keep it as written
            return Single(new Term(1, new[] { new Factor(new Binary(BinaryOperator.Divide, Rebuild(ToSum(b.Left)), Constant.Zero), 1) }));
        var inverse = new Term(1 / denominator.Coefficient, denominator.Factors.Select(f => new Factor(f.Base, -f.Exponent)).ToList());
        return Single(Multiply(numerator, inverse));
    }

    private List<Term> CallSum(Call c)
    {
        var arguments = c.Arguments.Select(Run).ToArray();
        if (c.Function == MathFunction.Pow && arguments[1] is Constant { Value: var e } exponent && !double.IsNaN(e) && !double.IsInfinity(e))
        {
            if (e == 0) return Single(new Term(1, Array.Empty<Factor>())); // u⁰ = 1 for every u, NaN included
            if (arguments[0] is Constant b) return Single(new Term(Math.Pow(b.Value, exponent.Value), Array.Empty<Factor>()));
            var baseTerm = Monomial(ToSum(arguments[0]));
            if (exponent.Value == Math.Round(exponent.Value))
            {
                // (c·Π b^e)^n = c^n · Π b^(e·n) for whole n, which keeps x·x and Math.Pow(x, 2) alike.
                return Single(new Term(Math.Pow(baseTerm.Coefficient, exponent.Value),
                    baseTerm.Factors.Select(f => new Factor(f.Base, f.Exponent * exponent.Value)).ToList()));
            }
            return Single(new Term(1, new[] { new Factor(arguments[0], exponent.Value) }));
        }
        return Single(new Term(1, new[] { new Factor(new Call(c.Function, arguments), 1) }));
    }

    // ---- sum of terms → expression ----

    private static Expr Rebuild(List<Term> sum)
    {
        if (sum.Count == 0) return Constant.Zero;
        if (FactorOut(sum) is { } factored) return factored;
        var ordered = sum.ToList();
        var firstPositive = ordered.FindIndex(t => t.Coefficient > 0);
        if (firstPositive > 0)
        {
            var positive = ordered[firstPositive];
            ordered.RemoveAt(firstPositive);
            ordered.Insert(0, positive);
        }

        var result = TermExpr(ordered[0], negate: ordered[0].Coefficient < 0);
        foreach (var term in ordered.Skip(1))
        {
            result = term.Coefficient < 0
                ? new Binary(BinaryOperator.Subtract, result, TermExpr(term, negate: false))
                : new Binary(BinaryOperator.Add, result, TermExpr(term, negate: false));
        }
        return result;
    }

    /// <summary>
    /// Takes what every term shares out of the sum: 2a − 2y → 2·(a − y), s·x + s → s·(x + 1). Sums that share
    /// nothing, or have one term, are left to the caller.
    /// </summary>
    private static Expr? FactorOut(List<Term> sum)
    {
        if (sum.Count < 2 || sum.Any(t => t.Factors.Count == 0 && t.Coefficient == 0)) return null;
        var shared = sum[0].Factors
            .Where(f => sum.Skip(1).All(t => t.Factors.Any(g => g.Exponent == f.Exponent && g.Base.Equals(f.Base))))
            .ToList();
        var magnitude = Math.Abs(sum[0].Coefficient);
        var sameMagnitude = magnitude != 1 && sum.All(t => Math.Abs(t.Coefficient) == magnitude);
        if (shared.Count == 0 && !sameMagnitude) return null;

        var sign = sum.All(t => t.Coefficient < 0) ? -1 : 1;
        var scale = sign * (sameMagnitude ? magnitude : 1);
        var rest = sum.Select(t => new Term(t.Coefficient / scale,
            t.Factors.Where(f => !shared.Any(g => g.Exponent == f.Exponent && g.Base.Equals(f.Base))).ToList())).ToList();
        var outer = new Term(scale, shared.Append(new Factor(Rebuild(rest), 1)).ToList());
        return TermExpr(outer, negate: scale < 0);
    }

    /// <summary>|coefficient| · numerator / denominator, with the sign (when asked) on the first factor: −(y − ŷ)·x.</summary>
    private static Expr TermExpr(Term term, bool negate)
    {
        var magnitude = Math.Abs(term.Coefficient);
        var numerator = term.Factors.Where(f => f.Exponent > 0).Select(f => Power(f.Base, f.Exponent)).ToList();
        var denominator = term.Factors.Where(f => f.Exponent < 0).Select(f => Power(f.Base, -f.Exponent)).ToList();

        if (magnitude != 1 || numerator.Count == 0)
        {
            var reciprocal = 1 / magnitude;
            if (numerator.Count > 0 && reciprocal > 1 && reciprocal == Math.Round(reciprocal) && 1 / Math.Round(reciprocal) == magnitude)
                denominator.Insert(0, new Constant(Math.Round(reciprocal)));
            else
                numerator.Insert(0, new Constant(magnitude));
        }

        if (negate)
            numerator[0] = numerator[0] is Constant c ? new Constant(-c.Value) : new Unary(UnaryOperator.Negate, numerator[0]);

        var top = Product(numerator);
        return denominator.Count == 0 ? top : new Binary(BinaryOperator.Divide, top, Product(denominator));
    }

    private static Expr Product(List<Expr> factors) =>
        factors.Skip(1).Aggregate(factors[0], (acc, f) => new Binary(BinaryOperator.Multiply, acc, f));

    private static Expr Power(Expr b, double exponent)
    {
        if (exponent == 1) return b;
        if (exponent == 2) return new Binary(BinaryOperator.Multiply, b, b);
        if (exponent == 3 && b is Symbol) return new Binary(BinaryOperator.Multiply, new Binary(BinaryOperator.Multiply, b, b), b);
        if (exponent == 0.5) return new Call(MathFunction.Sqrt, b);
        return new Call(MathFunction.Pow, b, new Constant(exponent));
    }
}
