namespace GradientDescent.Generator.Model;

/// <summary>
/// A const or static readonly double field: a value the derivative treats as constant.
/// <see cref="QualifiedType"/> is the containing type as generated code must name it (fully qualified), or null
/// when the field belongs to the type the gradient is generated into and no parameter or local hides it.
/// </summary>
internal sealed class FieldValue : Expr
{
    public FieldValue(string? qualifiedType, string name)
        : base(Combine(12, qualifiedType?.GetHashCode() ?? 0, name.GetHashCode()), 1, 1)
    {
        QualifiedType = qualifiedType;
        Name = name;
    }

    public string? QualifiedType { get; }

    /// <summary>The field's name without '@'.</summary>
    public string Name { get; }

    public override ScalarType Type => ScalarType.Double;

    protected override bool EqualsCore(Expr other) => other is FieldValue f && f.Name == Name && f.QualifiedType == QualifiedType;

    public override string ToString() => Name;
}
