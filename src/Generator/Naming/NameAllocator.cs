using System.Collections.Generic;

namespace GradientDescent.Generator.Naming;

/// <summary>
/// Hands out identifiers that collide with nothing the user wrote nor with each other: the preferred name when it
/// is free, else <c>name_1</c>, <c>name_2</c>, … Deterministic, so generated source is stable.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _taken;

    // Where the search for a free suffix resumes, per preferred name: names are never released, so every suffix
    // below it is still taken, and 3000 shared `sin` locals cost 3000 look-ups, not 3000²/2.
    private readonly Dictionary<string, int> _nextSuffix = new(System.StringComparer.Ordinal);

    public NameAllocator(IEnumerable<string> taken) => _taken = new HashSet<string>(taken, System.StringComparer.Ordinal);

    /// <summary>Marks a name as used without allocating it.</summary>
    public void Reserve(string name) => _taken.Add(name);

    public bool IsTaken(string name) => _taken.Contains(name);

    /// <summary>Every name handed out or reserved so far.</summary>
    public IEnumerable<string> Taken => _taken;

    public string Allocate(string preferred)
    {
        if (_taken.Add(preferred)) return preferred;
        _nextSuffix.TryGetValue(preferred, out var start);
        for (var i = System.Math.Max(start, 1); ; i++)
        {
            var candidate = preferred + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_taken.Add(candidate)) continue;
            _nextSuffix[preferred] = i + 1;
            return candidate;
        }
    }
}
