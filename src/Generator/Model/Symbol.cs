namespace GradientDescent.Generator.Model;

/// <summary>
/// A named value. <see cref="Name"/> is the identifier as written in C# source without '@'
/// (for <see cref="NameKind.NamedConstant"/> it is the full member access to emit).
/// </summary>
internal sealed class Symbol : Expr
{
    public Symbol(string name, NameKind kind) : base(Combine(2, name.GetHashCode(), (int)kind), 1, 1)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public NameKind Kind { get; }

    public bool IsConstant => Kind == NameKind.NamedConstant;

    protected override bool EqualsCore(Expr other) => other is Symbol s && s.Kind == Kind && s.Name == Name;

    public override string ToString() => Name;
}
