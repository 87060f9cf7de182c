using System.Collections.Generic;
using System.Linq;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;

namespace GradientDescent.Generator.Differentiation;

/// <summary>
/// Gives active Math calls that are evaluated unconditionally a local of its own (<c>double tanh = Math.Tanh(z);</c>)
/// before the sweep: in a loop body every such call, so a backward pass can keep its value on a tape instead of
/// calling it again; elsewhere the calls whose derivative is written with their own value (eᵘ, tanh, √, powers),
/// so the derivative reuses it. Calls inside a conditional's branches stay where they are: the primal must not
/// compute what the path it takes does not.
/// </summary>
internal sealed class CallNaming
{
    private readonly Activity _activity;
    private readonly NameAllocator _names;

    private CallNaming(Activity activity, NameAllocator names)
    {
        _activity = activity;
        _names = names;
    }

    public static EquatableArray<Statement> Apply(EquatableArray<Statement> body, Activity activity, NameAllocator names) =>
        new CallNaming(activity, names).Block(body, inLoop: false).ToEquatableArray();

    private bool _inLoop;

    private List<Statement> Block(IEnumerable<Statement> statements, bool inLoop)
    {
        var outer = _inLoop;
        _inLoop = inLoop;
        var result = Rewrite(statements);
        _inLoop = outer;
        return result;
    }

    private List<Statement> Rewrite(IEnumerable<Statement> statements)
    {
        var result = new List<Statement>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case Assign { Target.ValueType: ScalarType.Double } a:
                    var value = a.Value is Call c ? new Call(c.Function, c.Arguments.Select(x => Extract(x, a.Guard, result)).ToArray()) : Extract(a.Value, a.Guard, result);
                    result.Add(a with { Value = value });
                    break;
                case SumLoop l:
                    var body = Block(l.Body, inLoop: true);
                    var sums = l.Sums.Select(s => s with { Term = Extract(s.Term, null, body) }).ToEquatableArray();
                    var fills = l.Fills.Select(f => f with { Value = Extract(f.Value, null, body) }).ToEquatableArray();
                    result.Add(l with { Body = body.ToEquatableArray(), Sums = sums, Fills = fills });
                    break;
                case RecurrenceLoop r:
                    var passBody = Block(r.Body, inLoop: true);
                    var carried = r.Carried.Select(c => c with { Out = Extract(c.Out, null, passBody) }).ToEquatableArray();
                    result.Add(r with { Body = passBody.ToEquatableArray(), Carried = carried });
                    break;
                case NewArray n:
                    result.Add(n with { Elements = n.Elements.Select(x => Extract(x, null, result)).ToEquatableArray() });
                    break;
                case Return ret:
                    result.Add(new Return(Extract(ret.Value, null, result)));
                    break;
                default:
                    result.Add(statement);
                    break;
            }
        }
        return result;
    }

    private static bool ReusesItsValue(MathFunction function) =>
        function is MathFunction.Exp or MathFunction.Exp2 or MathFunction.Tanh or MathFunction.Sqrt or MathFunction.Pow or MathFunction.Cbrt;

    /// <summary>Hoists the active calls of <paramref name="e"/> (innermost first) into statements appended to <paramref name="into"/>.</summary>
    private Expr Extract(Expr e, Expr? guard, List<Statement> into)
    {
        switch (e)
        {
            case Conditional c:
                return new Conditional(Extract(c.Condition, guard, into), c.WhenTrue, c.WhenFalse);
            case Call call when _activity.IsActive(call) && (_inLoop || ReusesItsValue(call.Function)):
                var arguments = call.Arguments.Select(a => Extract(a, guard, into)).ToArray();
                var local = new Symbol(_names.Allocate(call.Function.ToString().ToLowerInvariant()), SymbolRole.Temporary);
                into.Add(new Assign(local, new Call(call.Function, arguments), guard));
                _activity.MarkActive(local);
                return local;
            case Symbol or Constant or FieldValue or IntLiteral or Length or ElementRead or IntOperation:
                return e;
            default:
                return ExprWalker.Rewrite(e, x => ReferenceEquals(x, e) ? null : Extract(x, guard, into));
        }
    }
}
