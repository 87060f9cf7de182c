namespace GradientDescent.Generator.Model;

/// <summary>One partial type around a differentiable method, as the generated part must redeclare it.</summary>
/// <param name="Modifiers">Modifiers to repeat (static, readonly, ref, unsafe), space separated, possibly empty.</param>
/// <param name="Keyword">class, struct, interface, record or record struct.</param>
/// <param name="Name">The name with its type parameter list as declared, e.g. <c>Outer&lt;T&gt;</c> or <c>IVariant&lt;in TIn, out TOut&gt;</c>.</param>
internal sealed record ContainingTypeModel(string Modifiers, string Keyword, string Name)
{
    /// <summary>The type as code inside it names it: its type parameters without their variance (<c>IVariant&lt;TIn, TOut&gt;</c>).</summary>
    public string Reference => Name.Replace("<in ", "<").Replace("<out ", "<").Replace(", in ", ", ").Replace(", out ", ", ");
}
