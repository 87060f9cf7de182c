using Microsoft.CodeAnalysis;

namespace GradientDescent.Generator.Diagnostics;

/// <summary>Every diagnostic GradientDescent reports. IDs are constants so code fixes and tests can share them.</summary>
internal static class Descriptors
{
    public const string SignOfUpdateId = "GD0001";
    public const string TypeNotPartialId = "GD0002";
    public const string MethodNotStaticId = "GD0003";
    public const string ReturnTypeNotDoubleId = "GD0004";
    public const string ParameterTypeNotSupportedId = "GD0005";
    public const string WrtNotAParameterId = "GD0006";
    public const string WrtListedTwiceId = "GD0007";
    public const string NotDifferentiableId = "GD0008";
    public const string GenericMethodId = "GD0009";
    public const string GradientNameTakenId = "GD0010";
    public const string FileLocalTypeId = "GD0011";
    public const string ZeroDerivativeId = "GD0012";
    public const string InternalErrorId = "GD0013";
    public const string VectorizeIneffectiveId = "GD0014";
    public const string TrainOverloadOmittedId = "GD0015";
    public const string NothingDifferentiatedId = "GD0016";

    private const string Category = "Usage";
    // One page per ID, in the repository's docs (the same pages ship in the package under docs/diagnostics/).
    // Absolute, because the IDE opens it as a link; keep it in step with RepositoryUrl in Directory.Build.props.
    private const string HelpRoot = "https://github.com/gradientdescent-dotnet/GradientDescent/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor SignOfUpdate = new(
        SignOfUpdateId,
        "Update moves the wrong way along the gradient",
        // {3} climbs / descends, {4} the way to move: one message for costs (descent) and declared objectives (ascent).
        "Update of '{0}' {3} the gradient of '{1}' (∂{1}/∂{0} = {2}); {4}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "The update moves the parameter by a positive multiple of the cost's derivative, which increases the cost. " +
        "Gradient descent subtracts the derivative (w -= lr * dw), or adds a step that already carries the minus sign " +
        "(w += lr * (y - yOut) * x, as in the seed article). For a function declared Goal = Goal.Maximize (a " +
        "log-likelihood, a reward) it is the other way round: an update that descends it is reported.",
        HelpRoot + SignOfUpdateId + ".md");

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        TypeNotPartialId,
        "Type containing a [Differentiable] method must be partial",
        "Type '{0}' must be declared partial so the gradient of '{1}' can be generated into it",
        "The generator adds the gradient method to the type that declares the cost, which needs every enclosing type declared 'partial'.");

    public static readonly DiagnosticDescriptor MethodNotStatic = Create(
        MethodNotStaticId,
        "[Differentiable] method must be static",
        "Method '{0}' must be static to be differentiated: make it static and pass every value it reads as a parameter",
        "A differentiable method must be a pure function of its parameters, so it has to be static.");

    public static readonly DiagnosticDescriptor ReturnTypeNotDouble = Create(
        ReturnTypeNotDoubleId,
        "[Differentiable] method must return double",
        "Method '{0}' returns '{1}'; a differentiable cost must return double",
        "Gradients are computed for scalar double costs.");

    public static readonly DiagnosticDescriptor ParameterTypeNotSupported = Create(
        ParameterTypeNotSupportedId,
        "Parameter type is not supported",
        "Parameter '{0}' {1}",
        "Differentiable methods take double, int, bool, double[], ReadOnlySpan<double>, int[] and ReadOnlySpan<int> parameters by value, and differentiate with respect to double ones.");

    public static readonly DiagnosticDescriptor WrtNotAParameter = Create(
        WrtNotAParameterId,
        "Name in [Differentiable] is not a parameter",
        "'{0}' is not a parameter of '{1}'; name a parameter with nameof(...)",
        "Every name given to [Differentiable] must be a parameter of the method.");

    public static readonly DiagnosticDescriptor WrtListedTwice = Create(
        WrtListedTwiceId,
        "Parameter listed twice in [Differentiable]",
        "'{0}' is listed more than once in [Differentiable]; remove the repeated name",
        "Each parameter can be differentiated with respect to once.");

    public static readonly DiagnosticDescriptor NotDifferentiable = Create(
        NotDifferentiableId,
        "Construct cannot be differentiated",
        "Cannot differentiate '{0}': {1}",
        "The generator differentiates double arithmetic, System.Math functions with a derivative rule, branches, the loop forms the README lists, local arrays, and calls of [Differentiable] or [DerivativeOf] methods; the message names the construct and how to rewrite it.");

    public static readonly DiagnosticDescriptor GenericMethod = Create(
        GenericMethodId,
        "Generic [Differentiable] method is not supported",
        "Method '{0}' is generic; differentiable methods cannot have type parameters",
        "The gradient is generated for concrete double arithmetic.");

    public static readonly DiagnosticDescriptor GradientNameTaken = Create(
        GradientNameTakenId,
        "Name of the generated gradient method is taken",
        "Type '{0}' already declares a member named '{1}', which the gradient of '{2}' would use; rename one of them",
        "The generator adds '<Method>Gradient' to the type; a member of that name already exists.");

    public static readonly DiagnosticDescriptor NothingDifferentiated = new(
        NothingDifferentiatedId,
        "Nothing is differentiated",
        "'{0}' has no double parameter, and [Differentiable] with no names differentiates the double parameters: its gradient has no derivative; if '{1}' holds weights, name it, as in [Differentiable(nameof({1}))]",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        "With no names, [Differentiable] differentiates every double parameter. A method whose weights are arrays or spans " +
        "then gets a gradient method with no derivative and no Train method. A helper that only reads data (marked " +
        "[Differentiable] so that costs can call it) has the same shape, so this is a hint; private methods get none.",
        HelpRoot + NothingDifferentiatedId + ".md");

    public static readonly DiagnosticDescriptor TrainOverloadOmitted = new(
        TrainOverloadOmittedId,
        "Generated Train method left out",
        "'{0}' is not generated for '{1}': {2}; rename one of them, or train with the gradient in a loop of your own",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Two methods of a type cannot have the same name and parameter types. Where a Train method the generator would " +
        "write has the signature of a member the type declares, or of a Train method another overload of the cost gets, " +
        "it is left out; the gradient and the cost's other Train methods are still generated.",
        HelpRoot + TrainOverloadOmittedId + ".md");

    public static readonly DiagnosticDescriptor FileLocalType = Create(
        FileLocalTypeId,
        "File-local type cannot receive a generated gradient",
        "Type '{0}' is file-local, so the gradient of '{1}' cannot be generated into it from another file; remove 'file' from the type",
        "The parts of a partial 'file' type must all be in one file, and generated source is a file of its own.");

    public static readonly DiagnosticDescriptor ZeroDerivative = new(
        ZeroDerivativeId,
        "Derivative is always zero",
        "The result of '{0}' does not depend on '{1}': ∂{0}/∂{1} is always zero, so gradient descent will never move it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A parameter differentiated with respect to does not reach the result (or only through piecewise-constant or cancelling terms).",
        HelpRoot + ZeroDerivativeId + ".md");

    public static readonly DiagnosticDescriptor VectorizeIneffective = new(
        VectorizeIneffectiveId,
        "Vectorize has no effect",
        "'{0}' asks for Vectorize, but {1}; its gradient is emitted without SIMD",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Vectorize = true emits sum loops over arrays and spans with System.Numerics.Vector<double>. Only loops whose passes are independent, that read elements at the loop index (plus an offset) and use arithmetic and lane-wise math functions can be; the message names what kept the method's loops scalar.",
        HelpRoot + VectorizeIneffectiveId + ".md");

    public static readonly DiagnosticDescriptor InternalError = Create(
        InternalErrorId,
        "GradientDescent failed on this method",
        "GradientDescent failed to differentiate '{0}' ({1}: {2}); this is a bug in GradientDescent, please report it with the method's code",
        "The method looks differentiable, but the differentiator failed on it, so no gradient was generated. The message names the exception.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description,
            HelpRoot + id + ".md");
}
