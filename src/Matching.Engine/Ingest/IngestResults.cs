using System.Diagnostics.CodeAnalysis;

namespace Matching.Engine.Ingest;

/// <summary>One item read from a bulk body: its value, or why it could not be read.</summary>
/// <param name="Index">0-based position of the item in the body (array element, or non-blank NDJSON line).</param>
/// <param name="Line">1-based line of an NDJSON item; null for array bodies.</param>
/// <param name="Id">The item's id when it could be read, even from an item that failed to bind.</param>
/// <param name="Errors">Field (JSON-pointer-like: "place.latitude", "$" for the whole item) to messages.</param>
public sealed record IngestItem<T>(int Index, int? Line, string? Id, T? Value, IReadOnlyDictionary<string, string[]>? Errors)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Errors))]
    public bool IsValid => Value is not null;
}

/// <summary>What a builder made of one item: a document to index with its warnings, or the errors.</summary>
public sealed record IngestOutcome<TDocument>(int Index, string? Id, TDocument? Document, IReadOnlyDictionary<string, string[]>? Errors, IReadOnlyList<string> Warnings)
    where TDocument : class
{
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Errors))]
    public bool IsValid => Document is not null;

    /// <summary>
    /// The item's result for the response: <paramref name="stored"/> (Created or Updated, as the index
    /// reported it) for a valid item, Invalid with the errors otherwise.
    /// </summary>
    public IngestItemResult ToResult(IngestStatus stored) =>
        IsValid
            ? new IngestItemResult(Id, Index, stored, null, Warnings)
            : new IngestItemResult(Id, Index, IngestStatus.Invalid, Errors, Warnings);

    /// <summary>
    /// Warns on a valid item whose id an earlier item of the same body had: both are kept, as two
    /// upserts in a row would be, and the later one wins.
    /// </summary>
    internal IngestOutcome<TDocument> FlagRepeatedId(Dictionary<string, int> seen)
    {
        if (!IsValid || Id is null)
        {
            return this;
        }
        if (!seen.TryAdd(Id, Index))
        {
            return this with { Warnings = [.. Warnings, $"id: '{Id}' is also item {seen[Id]} of this body; this later item replaces it."] };
        }
        return this;
    }
}

public enum IngestStatus
{
    Created,
    Updated,
    Invalid,
    /// <summary>Valid, but the index refused it (a remote index's per-item error): not stored; retry it when the error is transient.</summary>
    Failed,
}

/// <summary>The per-item line of a bulk ingest response.</summary>
public sealed record IngestItemResult(string? Id, int Index, IngestStatus Status, IReadOnlyDictionary<string, string[]>? Errors, IReadOnlyList<string> Warnings);
