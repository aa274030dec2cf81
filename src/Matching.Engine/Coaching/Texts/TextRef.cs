namespace Matching.Engine.Coaching.Texts;

/// <summary>
/// A user-facing sentence not yet rendered: a resource key and its arguments (figures, names, or other
/// <see cref="TextRef"/>s rendered in the same culture). Rules produce these so they stay culture-free.
/// </summary>
public sealed record TextRef(string Key, IReadOnlyList<object> Args)
{
    public static TextRef Of(string key, params object[] args) => new(key, args);

    public override string ToString() => Args.Count == 0 ? Key : $"{Key}({string.Join(", ", Args)})";
}
