namespace GradientDescent.Generator.Model;

/// <summary>
/// A named value. <see cref="Name"/> is the identifier without '@'; escaping keywords is the emitter's business.
/// Names are unique within a method (SSA versions and generated names come from one allocator), so a symbol's
/// identity is its name, kind and type.
/// </summary>
internal sealed class Symbol : Expr
{
    public Symbol(string name, SymbolRole kind, ScalarType type = ScalarType.Double)
        : base(Combine(2, name.GetHashCode(), (int)kind, (int)type), 1, 1)
    {
        Name = name;
        Kind = kind;
        ValueType = type;
    }

    public string Name { get; }

    public SymbolRole Kind { get; }

    /// <summary>The type of the value (for a vector parameter, of its elements).</summary>
    public ScalarType ValueType { get; }

    public override ScalarType Type => ValueType;

    protected override bool EqualsCore(Expr other) => other is Symbol s && s.Kind == Kind && s.ValueType == ValueType && s.Name == Name;

    public override string ToString() => Name;
}
