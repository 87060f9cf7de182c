using System.Collections.Generic;

namespace GradientDescent.Generator.Model;

/// <summary>The symbols a statement or expression reads (what it writes is its targets).</summary>
internal static class StatementReads
{
    public static IEnumerable<Symbol> Of(Statement statement)
    {
        var found = new List<Symbol>();
        switch (statement)
        {
            case Assign a:
                Collect(a.Value, found);
                if (a.Guard is not null) Collect(a.Guard, found);
                break;
            case Invoke i:
                foreach (var argument in i.Arguments) Collect(argument, found);
                if (i.Guard is not null) Collect(i.Guard, found);
                break;
            case SumLoop l:
                Collect(l.Header.Start, found);
                Collect(l.Header.End, found);
                foreach (var s in l.Body) found.AddRange(Of(s));
                foreach (var sum in l.Sums)
                {
                    Collect(sum.Initial, found);
                    Collect(sum.Term, found);
                }
                foreach (var fill in l.Fills) Collect(fill.Value, found);
                break;
            case Check c:
                Collect(c.Condition, found);
                break;
            case NewArray n:
                Collect(n.Length, found);
                foreach (var element in n.Elements) Collect(element, found);
                if (n.CopyOf is { } source) found.Add(source);
                break;
            case RecurrenceLoop r:
                Collect(r.Header.Start, found);
                Collect(r.Header.End, found);
                foreach (var carried in r.Carried)
                {
                    Collect(carried.Initial, found);
                    Collect(carried.Out, found);
                }
                foreach (var s in r.Body) found.AddRange(Of(s));
                break;
            case Return r:
                Collect(r.Value, found);
                break;
        }
        return found;
    }

    public static bool Reads(Expr e, Symbol symbol)
    {
        if (e.Equals(symbol)) return true;
        if (e is ElementRead r && r.Array.Equals(symbol)) return true;
        if (e is ArraySlice a && a.Array.Equals(symbol)) return true;
        foreach (var child in ExprChildren.Of(e))
        {
            if (Reads(child, symbol)) return true;
        }
        return false;
    }

    /// <summary>Every symbol the expression reads, a vector parameter read by element included.</summary>
    public static void Collect(Expr e, List<Symbol> found)
    {
        switch (e)
        {
            case Symbol s:
                found.Add(s);
                return;
            case ElementRead r:
                found.Add(r.Array);
                break;
            case ArraySlice a:
                found.Add(a.Array);
                break;
            case Length l:
                found.Add(l.Array);
                return;
        }
        foreach (var child in ExprChildren.Of(e)) Collect(child, found);
    }
}
