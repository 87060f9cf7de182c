using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GradientDescent.Generator.Evaluation;
using GradientDescent.Generator.Model;
using GradientDescent.Generator.Simplification;

namespace GradientDescent.Generator.SignAnalysis;

/// <summary>
/// A [Differentiable] cost's partial derivatives with respect to every double parameter, scalar or vector (not only the
/// wrt ones: a caller's weight can flow into any argument), from the generator's own gradient: the same sweep, run with
/// every double parameter as wrt, evaluated on numbers, loops, arrays and calls of other [Differentiable] methods
/// included. Array arguments are the arrays the judge draws for the caller's values; a vector's partial is read by
/// element. A short formula is kept for messages.
/// </summary>
internal sealed class CostDerivatives
{
    private const int MaxDisplaySize = 80;

    private readonly GradientModel _gradient;
    private readonly ParameterModel[] _parameters;
    private readonly System.Func<string, GradientModel?> _callees;
    private readonly IReadOnlyList<int> _partialOf;
    private readonly IReadOnlyList<Expr?> _display;
    private readonly object _gate = new();
    private double[]? _lastArguments;
    private double[][]? _lastPartials;

    private CostDerivatives(string name, ParameterModel[] parameters, IReadOnlyList<string> wrt, GradientModel gradient,
        System.Func<string, GradientModel?> callees, IReadOnlyList<int> partialOf, IReadOnlyList<Expr?> display)
    {
        Name = name;
        _parameters = parameters;
        _callees = callees;
        Parameters = parameters.Select(p => p.Name).ToList();
        Wrt = wrt;
        _gradient = gradient;
        _partialOf = partialOf;
        _display = display;
    }

    public string Name { get; }

    /// <summary>Declared <c>Goal = Goal.Maximize</c>: updates must ascend it.</summary>
    public bool Maximizes { get; private init; }

    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The parameters whose derivatives the generated <c>…Gradient</c> writes to its out parameters, in order.</summary>
    public IReadOnlyList<string> Wrt { get; }

    public static Symbol ParameterSymbol(string name) => new(name, SymbolRole.Parameter);

    /// <param name="callees">The gradients of the [Differentiable] methods the cost calls, by key.</param>
    /// <returns>Null for a cost with no double parameter to judge an update of.</returns>
    public static CostDerivatives? From(MethodModel method, System.Func<string, GradientModel?> callees, CancellationToken cancellationToken)
    {
        var doubles = method.Parameters.Select((p, i) => (p, i)).Where(x => x.p.ElementType == ScalarType.Double).Select(x => x.i).ToList();
        var scalars = doubles.Where(i => !method.Parameters[i].IsVector).ToList();
        if (doubles.Count == 0) return null;
        var (active, gradient) = Differentiate(method, doubles, scalars, cancellationToken);
        // A partial that is zero everywhere is written as zero, so an update is judged against the cost that does depend on it.
        var partialOf = method.Parameters.Select((_, i) => active.IndexOf(i) is var k && k >= 0 && !gradient.AlwaysZero[k] ? k : -1).ToList();
        var display = partialOf.Select((k, i) => k < 0 ? Constant.Zero : method.Parameters[i].IsVector ? null : Display(gradient, gradient.Outputs[k])).ToList();
        return new CostDerivatives(method.Name, method.Parameters.ToArray(),
            method.Wrt.Select(i => method.Parameters[i].Name).ToList(), gradient, callees, partialOf, display) { Maximizes = method.Maximizes };
    }

    /// <summary>
    /// The gradient with respect to every double parameter; where a vector parameter cannot be differentiated (a
    /// buffer the cost writes), with respect to the scalar ones, as before vectors were judged.
    /// </summary>
    private static (List<int> Active, GradientModel Gradient) Differentiate(MethodModel method, List<int> doubles, List<int> scalars,
        CancellationToken cancellationToken)
    {
        if (doubles.Count != scalars.Count)
        {
            try
            {
                return (doubles, GradientPipeline.Run(method with { Wrt = doubles.ToEquatableArray() }, cancellationToken));
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException && scalars.Count > 0)
            {
            }
        }
        if (scalars.Count == 0) throw new System.InvalidOperationException("no double parameter to differentiate");
        return (scalars, GradientPipeline.Run(method with { Wrt = scalars.ToEquatableArray() }, cancellationToken));
    }

    /// <summary>Whether the parameter at this position is a vector whose partials (one per element) are known.</summary>
    public bool HasElementPartials(int parameter) => _parameters[parameter].IsVector && _partialOf[parameter] >= 0;

    /// <summary>∂cost/∂parameter at the caller's arguments, evaluated by running the cost's gradient.</summary>
    public Expr PartialAt(int parameter, IReadOnlyList<Expr> arguments) =>
        _partialOf[parameter] < 0 || _parameters[parameter].IsVector ? Constant.Zero : new CostPartial(this, _partialOf[parameter], arguments.ToEquatableArray());

    /// <summary>∂cost/∂parameter[index] for a vector parameter, at the caller's arguments.</summary>
    public Expr ElementPartialAt(int parameter, Expr index, IReadOnlyList<Expr> arguments) =>
        !HasElementPartials(parameter) ? Constant.Zero : new CostPartial(this, _partialOf[parameter], arguments.Append(index).ToEquatableArray(), indexed: true);

    /// <summary>The cost's value at the caller's arguments (a step may run through a [Differentiable] helper).</summary>
    public Expr ValueAt(IReadOnlyList<Expr> arguments) => new CostPartial(this, ValueIndex, arguments.ToEquatableArray());

    /// <summary>Where <see cref="PartialsAt"/> keeps the value, after the partials.</summary>
    private const int ValueIndex = -1;

    /// <summary>∂cost/∂parameter with the caller's arguments in place of the parameters, for a message; null when too long.</summary>
    public Expr? DisplayAt(int parameter, IReadOnlyList<Expr> arguments)
    {
        if (_display[parameter] is not { } formula) return null;
        var map = new Dictionary<Expr, Expr>();
        for (var i = 0; i < Parameters.Count && i < arguments.Count; i++) map[ParameterSymbol(Parameters[i])] = arguments[i];
        return ExprWalker.Rewrite(formula, x => map.TryGetValue(x, out var a) ? a : null);
    }

    /// <summary>
    /// The partials at the arguments, then the value: numbers for scalar parameters, the judge's arrays for array ones (int elements
    /// drawn as valid indices into arrays of that length). NaN when an argument has no value of the kind needed.
    /// </summary>
    private double[][]? PartialsAt(System.Func<Expr, double> scalar, System.Func<Expr, double[]?> array, IReadOnlyList<Expr> arguments)
    {
        var scalars = new Dictionary<string, double>();
        var vectors = new Dictionary<string, double[]>();
        var key = new List<double>();
        for (var i = 0; i < _parameters.Length && i < arguments.Count; i++)
        {
            var parameter = _parameters[i];
            if (parameter.IsVector)
            {
                if (array(arguments[i]) is not { } elements) return null;
                if (parameter.ElementType == ScalarType.Int) elements = elements.Select(e => (double)((int)System.Math.Abs(e * 1000) % elements.Length)).ToArray();
                vectors[parameter.Name] = elements;
                key.Add(elements.Length);
                key.AddRange(elements);
                continue;
            }
            var value = scalar(arguments[i]);
            // An int drawn as a random real says nothing of the count the caller passes.
            if (parameter.ElementType == ScalarType.Int && value != System.Math.Floor(value)) return null;
            scalars[parameter.Name] = value;
            key.Add(value);
        }
        var point = key.ToArray();
        lock (_gate)
        {
            if (_lastArguments is not null && _lastArguments.SequenceEqual(point)) return _lastPartials!;
        }
        var (costValue, derivatives) = ProgramEvaluator.Run(_gradient, scalars, vectors, _callees);
        var partials = derivatives.Append(new[] { costValue }).ToArray();
        lock (_gate)
        {
            _lastArguments = point;
            _lastPartials = partials;
        }
        return partials;
    }

    /// <summary>The derivative in parameters alone: every local of the gradient expanded, while it stays short.</summary>
    private static Expr? Display(GradientModel gradient, Symbol output)
    {
        var definitions = new Dictionary<Symbol, Expr>();
        Expr? value = null;
        foreach (var instruction in gradient.Body)
        {
            switch (instruction)
            {
                case Let l: definitions[l.Target] = l.Value; break;
                case Store s when s.Target.Equals(output): value = s.Value; break;
                case AddTo a when a.Target.Equals(output): return null;
                case For or VectorFor or ViewedFor or If or CallMethod or AllocateArray or StoreElement: return null; // loops and calls have no closed form here
            }
        }
        if (value is null) return null;
        var failed = false;
        Expr Expand(Expr e, int depth) => ExprWalker.Rewrite(e, x =>
        {
            if (failed || x is not Symbol s || s.Kind == SymbolRole.Parameter) return null;
            if (!definitions.TryGetValue(s, out var d) || depth > 64) { failed = true; return null; }
            var expanded = Expand(d, depth + 1);
            if (expanded.Size > MaxDisplaySize) failed = true;
            return expanded;
        });
        var result = Expand(value, 0);
        return failed || result.Size > MaxDisplaySize ? null : Simplifier.Simplify(result);
    }

    /// <summary>
    /// One partial derivative of the cost (or its value) at values the evaluator supplies; for a vector parameter, one
    /// element of it, the element's index the last argument.
    /// </summary>
    private sealed class CostPartial : ExternalValue
    {
        private readonly CostDerivatives _cost;
        private readonly int _index;
        private readonly bool _indexed;

        public CostPartial(CostDerivatives cost, int index, EquatableArray<Expr> arguments, bool indexed = false)
            : base(arguments, HashOf(cost, indexed ? ~index : index, arguments))
        {
            _cost = cost;
            _index = index;
            _indexed = indexed;
        }

        public override IEnumerable<Expr> Indices => _indexed ? new[] { Arguments[Arguments.Count - 1] } : System.Array.Empty<Expr>();

        public override double Evaluate(double[] arguments) => double.NaN; // arrays are needed: see the overload

        public override double Evaluate(System.Func<Expr, double> scalar, System.Func<Expr, double[]?> array)
        {
            var costArguments = _indexed ? Arguments.Take(Arguments.Count - 1).ToList() : (IReadOnlyList<Expr>)Arguments;
            if (_cost.PartialsAt(scalar, array, costArguments) is not { } partials) return double.NaN;
            var partial = partials[_index == ValueIndex ? partials.Length - 1 : _index];
            if (!_indexed) return partial[0];
            var element = scalar(Arguments[Arguments.Count - 1]);
            return element >= 0 && element < partial.Length && element == System.Math.Floor(element) ? partial[(int)element] : double.NaN;
        }

        public override ExternalValue WithArguments(EquatableArray<Expr> arguments) => new CostPartial(_cost, _index, arguments, _indexed);

        /// <summary>The same partial at the same arguments is one value (a step undone reads it again).</summary>
        protected override bool EqualsCore(Expr other) =>
            other is CostPartial p && ReferenceEquals(p._cost, _cost) && p._index == _index && p._indexed == _indexed && p.Arguments.Equals(Arguments);
    }
}
