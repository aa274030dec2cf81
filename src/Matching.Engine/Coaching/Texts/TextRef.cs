namespace Matching.Engine.Coaching.Texts;

/// <summary>
/// A user-facing sentence not yet rendered: a resource key and its arguments (figures, names, or other
/// <see cref="TextRef"/>s and <see cref="CountRef"/>s rendered in the same culture). Rules produce these so
/// they stay culture-free.
/// </summary>
public sealed record TextRef(string Key, IReadOnlyList<object> Args)
{
    public static TextRef Of(string key, params object[] args) => new(key, args);

    /// <summary>A number with its noun, in the right plural: <c>TextRef.Count("interview", 3)</c> renders "3 entretiens".</summary>
    public static CountRef Count(string noun, double value) => new(noun, value);

    public override string ToString() => Args.Count == 0 ? Key : $"{Key}({string.Join(", ", Args)})";
}

/// <summary>
/// A count and its noun ("3 entretiens", "aucun entretien", "1 interview"), rendered from the keys
/// <c>count.{noun}.zero</c> (optional), <c>.one</c> and <c>.other</c> with the plural rule of the culture:
/// French is singular below 2 (0 and 1, and 1.5), English only for exactly 1.
/// </summary>
public sealed record CountRef(string Noun, double Value)
{
    public override string ToString() => $"{Value} {Noun}";
}
