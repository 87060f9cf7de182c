using System.Collections.Generic;
using System.Threading;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>What every reader of one method body shares: the semantic model, the SSA versions, and where statements go.</summary>
internal sealed class ParseContext
{
    public ParseContext(SemanticModel model, SsaScope scope, UsageIndex usages, INamedTypeSymbol containingType, ISet<string> variableNames,
        CallBinder calls, CancellationToken cancellationToken)
    {
        Model = model;
        Scope = scope;
        Usages = usages;
        ContainingType = containingType;
        VariableNames = variableNames;
        Calls = calls;
        CancellationToken = cancellationToken;
        Arrays = new LocalArrays(this);
    }

    public SemanticModel Model { get; }

    public SsaScope Scope { get; }

    public UsageIndex Usages { get; }

    public INamedTypeSymbol ContainingType { get; }

    /// <summary>Parameter and local names of the method: a field of the same name must be qualified.</summary>
    public ISet<string> VariableNames { get; }

    public CallBinder Calls { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The statements of the block being read; loop bodies swap in a list of their own.</summary>
    public List<Statement> Statements { get; set; } = new();

    /// <summary>The paths through the block being read; a loop body has its own.</summary>
    public PathState Path { get; set; } = new();

    /// <summary>The loop whose body is being read, or null at the top level.</summary>
    public LoopBodyContext? Loop { get; set; }

    /// <summary>Whether the body being read is a pass of a loop that carries a recurrence.</summary>
    public bool InRecurrence { get; set; }

    /// <summary>The variables the recurrence being read carries from pass to pass (what a continue leaves them at).</summary>
    public IReadOnlyList<ISymbol>? Carried { get; set; }

    /// <summary>For a loop whose passes the data decides: whether the next pass runs, read where the pass ends (null otherwise).</summary>
    public System.Func<Expr>? Gate { get; set; }

    /// <summary>
    /// For a loop at the top level with a return inside: the value returned so far (the pass's In of it). A return
    /// there ends the loop with the method's value; whether it returned and what are carried out of the loop.
    /// </summary>
    public Symbol? ReturnedValue { get; set; }

    /// <summary>A statement the loop shape already says (a counted while's own <c>i++</c>), skipped when read.</summary>
    public StatementSyntax? SkipStatement { get; set; }

    /// <summary>The scope being read: the top level, or the pass of the innermost loop.</summary>
    public Pass Pass { get; set; } = new(null, null);

    /// <summary>Symbols defined at the top level (values fixed for the whole call, which a length may read).</summary>
    public HashSet<Symbol> TopLevel { get; } = new();

    public LocalArrays Arrays { get; }

    /// <summary>Calls already hoisted in the block being read, so an identical call is computed once.</summary>
    public Dictionary<(Callee, EquatableArray<Expr>, Expr?), Symbol> Hoisted { get; set; } = new();

    /// <summary>
    /// Where the expression being read is a branch of a conditional (<c>c ? F(x) : 0</c>, a switch arm), the condition
    /// under which that branch is taken: a call there runs only where it holds (a recursion ends on it).
    /// </summary>
    public Expr? ArmGuard { get; set; }

    /// <summary>The guard a hoisted call runs under: the path's and the conditional branches' around it.</summary>
    public Expr? CallGuard => Path.Guard is null ? ArmGuard : ArmGuard is null ? Path.Guard : new Binary(BinaryOperator.And, Path.Guard, ArmGuard);

    /// <summary>Reads <paramref name="read"/> as a branch taken where <paramref name="taken"/> holds.</summary>
    public Expr InArm(Expr taken, System.Func<Expr> read)
    {
        var outer = ArmGuard;
        ArmGuard = outer is null ? taken : new Binary(BinaryOperator.And, outer, taken);
        try
        {
            return read();
        }
        finally
        {
            ArmGuard = outer;
        }
    }

    /// <summary>Adds a statement under the current guard.</summary>
    public void Add(Assign assignment)
    {
        if (Pass.IsTopLevel && Path.Guard is null) TopLevel.Add(assignment.Target);
        Statements.Add(Path.Guard is null ? assignment : assignment with { Guard = Path.Guard });
    }

    public void Add(Invoke invoke) => Statements.Add(CallGuard is { } guard ? invoke with { Guard = guard } : invoke);

    public void Add(Statement statement) => Statements.Add(statement);

    /// <summary>A guard that throws where <paramref name="holds"/> is false on the current path (elsewhere it never throws).</summary>
    public void AddCheck(Expr holds, ThrowSite failure)
    {
        if (holds is Constant { IsZero: false }) return;
        // A constant never stands inside logic, where it would print as a number.
        var condition = Path.Guard is null ? holds
            : holds is Constant ? PathState.Negate(Path.Guard)
            : new Binary(BinaryOperator.Or, PathState.Negate(Path.Guard), holds);
        Statements.Add(new Check(condition, failure));
    }
}
