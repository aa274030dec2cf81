namespace Matching.Engine.Text;

/// <summary>How a label names its item; a preferred label outranks an alternative one, which outranks a hidden one.</summary>
public enum LabelKind : byte
{
    Preferred,
    Alternative,
    Hidden,
}

/// <summary>
/// One search result: the item and the label of it that matched the query best.
/// <paramref name="Score"/> is in [0, 1] and orders the results; it is not a probability.
/// </summary>
public sealed record LabelMatch<T>(T Item, string Label, string Language, double Score, LabelKind Kind);
