using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Diagnostics;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradientDescent.Generator.Parsing;

/// <summary>
/// Turns a [Differentiable] method into a <see cref="MethodModel"/>, or into the diagnostics that say why it cannot
/// be. Shared by the generator (which keeps the model) and the analyzer (which reports the diagnostics).
/// </summary>
internal static class MethodParser
{
    public static ParseResult Parse(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (syntax.ContainsDiagnostics || !HasCompleteDeclarations(syntax)) return ParseResult.Skipped; // half-typed: the compiler speaks first
        var attribute = WrtAttribute.Find(method);
        if (attribute is null) return ParseResult.Skipped;

        var diagnostics = new List<Diagnostic>();
        CheckContainingTypes(syntax, method, diagnostics);
        CheckSignature(syntax, method, diagnostics);
        CheckGradientName(syntax, method, diagnostics);
        var wrt = BindWrt(attribute, method, diagnostics, cancellationToken);

        var names = new NameAllocator(NamesLocalsMustAvoid(syntax, method));
        var scope = new SsaScope(names);
        foreach (var parameter in method.Parameters)
        {
            if (ParameterTypes.Of(parameter.Type) is not { } type) continue;
            var symbol = new Symbol(parameter.Name, SymbolRole.Parameter, type.Element);
            if (type.Shape == ParameterShape.Scalar) scope.Set(parameter, symbol);
            if (wrt.Contains(parameter.Ordinal)) scope.MarkActive(symbol);
        }

        var calls = new CallBinder(model, method.ContainingType, cancellationToken);
        IReadOnlyList<Statement> body;
        try
        {
            var usages = new UsageIndex((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody ?? (SyntaxNode)syntax, model, cancellationToken);
            var context = new ParseContext(model, scope, usages, method.ContainingType, VariableNames(syntax, method), calls, cancellationToken);
            body = new BodyReader(context).Read(syntax);
        }
        catch (IncompleteCodeException)
        {
            return new ParseResult(null, diagnostics.ToImmutableArray(), calls.DifferentiableCalls, incomplete: true);
        }
        catch (NotDifferentiableException e)
        {
            // One mistake, one diagnostic: a read of a parameter whose type GD0005 already refused says nothing new.
            if (!ReadsUnsupportedParameter(e.Node, model, cancellationToken))
                diagnostics.Add(Diagnostic.Create(Descriptors.NotDifferentiable, e.Location, e.Construct, e.Reason));
            return new ParseResult(null, diagnostics.ToImmutableArray(), calls.DifferentiableCalls);
        }

        if (diagnostics.Count > 0) return new ParseResult(null, diagnostics.ToImmutableArray(), calls.DifferentiableCalls);

        Diagnostic? noVectors = null;
        var vectorize = VectorSupport.Requested(attribute) ? VectorSupport.Probe(attribute, method.Name, model.Compilation, out noVectors) : null;

        var parameters = method.Parameters.Select(Parameter).ToEquatableArray();
        var accessibility = AccessibilityText(method.DeclaredAccessibility);
        var warnings = new List<Diagnostic>();
        // Without vectors the gradient is still emitted, scalar; the warning says why.
        if (noVectors is not null) warnings.Add(noVectors);
        // Nothing differentiated, with a double array that may be the weights meant: a hint, not a warning, as a data
        // helper a cost calls ([Differentiable] so that it can be called) is just this shape. Private ones are helpers.
        if (wrt.Count == 0 && TrainPlan.IsWanted(accessibility) && method.Parameters.FirstOrDefault(p => ParameterTypes.IsVector(p.Type)) is { } weights)
        {
            warnings.Add(Diagnostic.Create(Descriptors.NothingDifferentiated,
                attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? syntax.Identifier.GetLocation(), method.Name, weights.Name));
        }
        var omittedTrain = TrainCollisions.Find(syntax, method, parameters, wrt, accessibility, warnings);
        var hiddenTrain = TrainCollisions.Hidden(method, parameters, wrt, accessibility);

        var parsed = new MethodModel(
            TypeMetadataName: MetadataName(method.ContainingType),
            HidesInherited: HidesInheritedGradient(method, wrt.Count),
            Namespace: method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes: ContainingTypes(syntax),
            Accessibility: accessibility,
            Name: method.Name,
            Parameters: parameters,
            Wrt: wrt.ToEquatableArray(),
            Body: body.ToEquatableArray(),
            ReservedNames: names.Taken.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray(),
            Callees: Callees(body).Distinct().OrderBy(k => k, System.StringComparer.Ordinal).ToEquatableArray(),
            Maximizes: WrtAttribute.Maximizes(attribute),
            Vectorize: vectorize,
            OmittedTrain: omittedTrain.ToEquatableArray(),
            HiddenTrain: hiddenTrain.ToEquatableArray(),
            Obsolete: ObsoleteOf(method));
        return new ParseResult(parsed, warnings.ToImmutableArray(), calls.DifferentiableCalls);
    }

    private static bool ReadsUnsupportedParameter(SyntaxNode? node, SemanticModel model, CancellationToken cancellationToken)
    {
        while (node is ParenthesizedExpressionSyntax p) node = p.Expression;
        return node is IdentifierNameSyntax identifier &&
               model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol parameter &&
               (ParameterTypes.Of(parameter.Type) is null || parameter.RefKind != RefKind.None || parameter.IsParams);
    }

    private static IEnumerable<string> Callees(IEnumerable<Statement> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case Invoke { Callee.Key: { } key }:
                    yield return key;
                    break;
                case SumLoop l:
                    foreach (var key in Callees(l.Body)) yield return key;
                    break;
                case RecurrenceLoop r:
                    foreach (var key in Callees(r.Body)) yield return key;
                    break;
            }
        }
    }

    private static ParameterModel Parameter(IParameterSymbol p)
    {
        var type = ParameterTypes.Of(p.Type) ?? (ScalarType.Double, ParameterShape.Scalar);
        return new ParameterModel(p.Name, type.Element, type.Shape);
    }

    /// <summary>The namespace and type headers the generated file repeats must be whole, or it would not compile.</summary>
    private static bool HasCompleteDeclarations(MethodDeclarationSyntax syntax)
    {
        if (syntax.Parent is not TypeDeclarationSyntax) return false; // e.g. a method left in a namespace by a missing 'class'
        foreach (var ancestor in syntax.Ancestors())
        {
            switch (ancestor)
            {
                case BaseNamespaceDeclarationSyntax ns when ns.Name.ContainsDiagnostics || ns.Name.IsMissing:
                case TypeDeclarationSyntax type when type.Identifier.IsMissing || type.TypeParameterList is { ContainsDiagnostics: true } ||
                                                     type.Modifiers.Any(m => m.ContainsDiagnostics):
                    return false;
            }
        }
        return true;
    }

    private static void CheckContainingTypes(MethodDeclarationSyntax syntax, IMethodSymbol method, List<Diagnostic> diagnostics)
    {
        foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            // A C# 14 extension block (extension(double d) { … }) is a type declaration with no name to the Roslyn this
            // is built against; the generated part could not reopen it.
            if (type.Identifier.ValueText.Length == 0)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.NotDifferentiable, syntax.Identifier.GetLocation(), method.Name,
                    "a method of an extension block gets no generated members; declare the cost as a static method of the class around the block"));
                return;
            }
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(Diagnostic.Create(Descriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name));
            if (type.Modifiers.Any(SyntaxKind.FileKeyword))
                diagnostics.Add(Diagnostic.Create(Descriptors.FileLocalType, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name));
        }
    }

    private static void CheckSignature(MethodDeclarationSyntax syntax, IMethodSymbol method, List<Diagnostic> diagnostics)
    {
        if (!method.IsStatic)
            diagnostics.Add(Diagnostic.Create(Descriptors.MethodNotStatic, syntax.Identifier.GetLocation(), method.Name));
        if (syntax.TypeParameterList is { } typeParameters)
            diagnostics.Add(Diagnostic.Create(Descriptors.GenericMethod, typeParameters.GetLocation(), method.Name));
        if (method.ReturnType.SpecialType != SpecialType.System_Double || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            var returned = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : "") + method.ReturnType.ToDisplayString();
            diagnostics.Add(Diagnostic.Create(Descriptors.ReturnTypeNotDouble, syntax.ReturnType.GetLocation(), method.Name, returned));
        }
        // IC.Cost: the generated IC.CostGradient would be an explicit implementation of nothing (CS0539, CS0106).
        if (syntax.ExplicitInterfaceSpecifier is { } explicitInterface)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.NotDifferentiable, explicitInterface.GetLocation(), explicitInterface.ToString() + syntax.Identifier.ValueText,
                "an explicit interface implementation gets no generated members beside it; put the cost in a [Differentiable] method of its own and call it here"));
        }

        for (var i = 0; i < method.Parameters.Length && i < syntax.ParameterList.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            var parameterSyntax = syntax.ParameterList.Parameters[i];
            var modifier = parameterSyntax.Modifiers.FirstOrDefault(m =>
                m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword) || m.IsKind(SyntaxKind.ParamsKeyword));
            if (parameter.IsParams || parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.ParameterTypeNotSupported, modifier.GetLocation(), parameter.Name,
                    $"is declared '{modifier.Text}'; [Differentiable] methods take their parameters by value"));
            }
            else if (ParameterTypes.Of(parameter.Type) is null && parameterSyntax.Type is { } type)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.ParameterTypeNotSupported, type.GetLocation(), parameter.Name,
                    $"is of type '{parameter.Type.ToDisplayString()}'; [Differentiable] methods take double, int, bool, double[], ReadOnlySpan<double>, int[] and ReadOnlySpan<int> parameters"));
            }
        }
    }

    private static void CheckGradientName(MethodDeclarationSyntax syntax, IMethodSymbol method, List<Diagnostic> diagnostics)
    {
        var name = method.Name + KnownNames.GradientSuffix;
        var clash = method.ContainingType.GetMembers(name).FirstOrDefault(m => !GeneratedMembers.IsGenerated(m));
        if (clash is not null)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.GradientNameTaken, syntax.Identifier.GetLocation(),
                method.ContainingType.Name, name, method.Name));
        }
    }

    private static List<int> BindWrt(AttributeData attribute, IMethodSymbol method, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var indices = new List<int>();
        var values = WrtAttribute.Names(attribute);
        var locations = WrtLocations(attribute, values.Count, cancellationToken);

        if (values.Count == 0)
        {
            indices.AddRange(method.Parameters.Where(p => p.Type.SpecialType == SpecialType.System_Double).Select(p => p.Ordinal));
            return indices;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var name = values[i];
            var location = locations[i];
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
            if (name is null || parameter is null)
                diagnostics.Add(Diagnostic.Create(Descriptors.WrtNotAParameter, location, name ?? "null", method.Name));
            else if (ParameterTypes.Of(parameter.Type) is null)
                continue; // GD0005 on the parameter's type already says it; naming it here is the same mistake
            else if (parameter.Type.SpecialType != SpecialType.System_Double && !ParameterTypes.IsVector(parameter.Type))
                diagnostics.Add(Diagnostic.Create(Descriptors.ParameterTypeNotSupported, location, name,
                    $"is of type '{parameter.Type.ToDisplayString()}'; only double, double[] and ReadOnlySpan<double> parameters can be differentiated with respect to"));
            else if (indices.Contains(parameter.Ordinal))
                diagnostics.Add(Diagnostic.Create(Descriptors.WrtListedTwice, location, name));
            else
                indices.Add(parameter.Ordinal);
        }
        return indices;
    }

    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>A base type's <c>{Name}Gradient</c> with the generated signature would be hidden (CS0108) without <c>new</c>.</summary>
    private static bool HidesInheritedGradient(IMethodSymbol method, int outCount)
    {
        var name = method.Name + KnownNames.GradientSuffix;
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            // The base's own generated gradient is not in the compilation the generator sees: look for its cost.
            foreach (var cost in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (cost.Parameters.Length == method.Parameters.Length && cost.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Double) &&
                    WrtCount(cost) == outCount)
                    return true;
            }
            foreach (var candidate in type.GetMembers(name))
            {
                if (candidate is not IMethodSymbol m) return true; // a field or property of that name is hidden by any method
                if (m.Parameters.Length != method.Parameters.Length + outCount) continue;
                var sameSignature = m.Parameters.Select((p, i) => p.Type.SpecialType == SpecialType.System_Double &&
                                                                  p.RefKind == (i < method.Parameters.Length ? RefKind.None : RefKind.Out));
                if (sameSignature.All(x => x)) return true;
            }
        }
        return false;
    }

    /// <summary>How many out parameters a [Differentiable] method's gradient has; -1 without the attribute.</summary>
    private static int WrtCount(IMethodSymbol method) => WrtAttribute.Find(method) is null ? -1 : WrtAttribute.Indices(method).Count();

    private static HashSet<string> VariableNames(MethodDeclarationSyntax syntax, IMethodSymbol method) =>
        new(method.Parameters.Select(p => p.Name)
            .Concat(DeclaredLocals(syntax)));

    private static IEnumerable<string> DeclaredLocals(MethodDeclarationSyntax syntax) =>
        syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText)
            .Concat(syntax.DescendantNodes().OfType<ForEachStatementSyntax>().Select(f => f.Identifier.ValueText));

    /// <summary>Locals whose versions the SSA scope names (a for loop's index keeps its own name and stays reserved).</summary>
    private static IEnumerable<string> VersionedLocals(MethodDeclarationSyntax syntax) =>
        syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Parent?.Parent is not ForStatementSyntax).Select(v => v.Identifier.ValueText)
            .Concat(syntax.DescendantNodes().OfType<ForEachStatementSyntax>().Select(f => f.Identifier.ValueText));

    /// <summary>Parameters and every other name the body mentions (fields, types), so no SSA local shadows them.</summary>
    private static IEnumerable<string> NamesLocalsMustAvoid(MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        var locals = new HashSet<string>(VersionedLocals(syntax));
        return method.Parameters.Select(p => p.Name).Concat(syntax.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && !locals.Contains(t.ValueText))
            .Select(t => t.ValueText));
    }

    /// <summary>
    /// Where each wrt name is written: the argument itself, or the element of an explicit array
    /// (<c>new[] { "w", "b" }</c>, <c>["w", "b"]</c>); the whole attribute when neither matches.
    /// </summary>
    private static Location?[] WrtLocations(AttributeData attribute, int count, CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var arguments = syntax?.ArgumentList?.Arguments.Select(a => a.Expression).ToList() ?? new List<ExpressionSyntax>();
        if (arguments.Count == 1 && (count != 1 || IsArray(arguments[0])))
        {
            arguments = arguments[0] switch
            {
                ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions.ToList(),
                ArrayCreationExpressionSyntax { Initializer: { } i } => i.Expressions.ToList(),
                CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
                _ => arguments,
            };
        }
        return Enumerable.Range(0, count)
            .Select(i => arguments.Count == count ? arguments[i].GetLocation() : syntax?.GetLocation())
            .ToArray();
    }

    private static bool IsArray(ExpressionSyntax e) =>
        e is ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax or CollectionExpressionSyntax;

    private static EquatableArray<ContainingTypeModel> ContainingTypes(MethodDeclarationSyntax syntax) =>
        syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().Select(ContainingType).ToEquatableArray();

    private static ContainingTypeModel ContainingType(TypeDeclarationSyntax type)
    {
        // 'ref' must stand right before 'partial'; accessibility may be left to the other parts.
        var modifiers = new[] { SyntaxKind.StaticKeyword, SyntaxKind.ReadOnlyKeyword, SyntaxKind.UnsafeKeyword, SyntaxKind.RefKeyword }
            .Where(k => type.Modifiers.Any(k))
            .Select(SyntaxFacts.GetText);
        var keyword = type switch
        {
            RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };
        var typeParameters = type.TypeParameterList is { } list
            ? "<" + string.Join(", ", list.Parameters.Select(p => (p.VarianceKeyword.Text + " " + p.Identifier.Text).Trim())) + ">"
            : "";
        return new ContainingTypeModel(string.Join(" ", modifiers), keyword, type.Identifier.Text + typeParameters);
    }

    private static ObsoleteModel? ObsoleteOf(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute");
        if (attribute is null) return null;
        var arguments = attribute.ConstructorArguments;
        return new ObsoleteModel(arguments.Length > 0 ? arguments[0].Value as string : null, arguments.Length > 1 && arguments[1].Value is true);
    }

    public static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
