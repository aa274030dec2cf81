namespace Matching.Engine.Coaching.Diagnosis;

/// <summary>
/// Three-valued logic for the rules: a condition is true, false, or unknown because answers are missing.
/// Combining keeps the missing fields only where they still matter, so a rule decided by a known
/// answer never asks a useless question.
/// </summary>
internal readonly record struct Condition(bool? Value, IReadOnlyList<string> Missing)
{
    public static Condition True { get; } = new(true, []);

    public static Condition False { get; } = new(false, []);

    /// <summary>Unknown because the market data lacks it: nothing to ask the seeker.</summary>
    public static Condition UnknownMarket { get; } = new(null, []);

    public static Condition Of(bool value) => value ? True : False;

    public static Condition Ask(params string[] fields) => new(null, fields);

    /// <summary>Evaluates <paramref name="test"/> on an answer, or asks <paramref name="field"/> when it is missing.</summary>
    public static Condition On<T>(T? answer, string field, Func<T, bool> test)
        where T : struct => answer is { } a ? Of(test(a)) : Ask(field);

    public static Condition All(params Condition[] parts)
    {
        if (parts.Any(p => p.Value == false))
        {
            return False;
        }
        var unknown = parts.Where(p => p.Value is null).ToArray();
        return unknown.Length == 0 ? True : new(null, [.. unknown.SelectMany(p => p.Missing).Distinct()]);
    }

    public static Condition Any(params Condition[] parts)
    {
        if (parts.Any(p => p.Value == true))
        {
            return True;
        }
        var unknown = parts.Where(p => p.Value is null).ToArray();
        return unknown.Length == 0 ? False : new(null, [.. unknown.SelectMany(p => p.Missing).Distinct()]);
    }

    public Condition Not() => Value is { } v ? Of(!v) : this;
}
