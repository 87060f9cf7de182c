using System.Linq;
using GradientDescent.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// The exception a guard throws, read so the gradient can throw the same one: <c>new T(constants…)</c>, the type
/// fully qualified (the generated file has no usings), each argument a compile-time constant.
/// </summary>
internal static class ThrowReader
{
    private const string Form = "a throw is reproduced in the gradient when it creates an exception from constants, such as new ArgumentOutOfRangeException(nameof(x)) or new ArgumentException(\"x must be positive\")";

    public static ThrowSite Read(ExpressionSyntax thrown, ParseContext context)
    {
        if (thrown is not ObjectCreationExpressionSyntax { Initializer: null } creation ||
            context.Model.GetTypeInfo(creation, context.CancellationToken).Type is not INamedTypeSymbol type || type.TypeKind == TypeKind.Error)
            throw new NotDifferentiableException(thrown, Form);
        var arguments = creation.ArgumentList?.Arguments ?? default;
        var values = arguments.Select(argument =>
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
                throw new NotDifferentiableException(argument, Form);
            var constant = context.Model.GetConstantValue(argument.Expression, context.CancellationToken);
            if (!constant.HasValue || constant.Value is not (null or string or double or int or long or bool or char))
                throw new NotDifferentiableException(argument.Expression, Form);
            return new ThrowArgument(constant.Value);
        }).ToEquatableArray();
        return new ThrowSite(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), values);
    }
}
