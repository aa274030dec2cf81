namespace Matching.Engine.Access;

/// <summary>How a use case answered.</summary>
public enum OutcomeStatus
{
    Ok,
    /// <summary>Ok, and the call created what it wrote.</summary>
    Created,
    /// <summary>No such thing, or one the caller may not see: the same answer, so an id's existence does not leak.</summary>
    NotFound,
    /// <summary>The caller's role may not do this at all.</summary>
    Forbidden,
    /// <summary>The input is wrong: <see cref="Outcome{T}.Errors"/> names each field.</summary>
    Invalid,
}

/// <summary>
/// The answer of a use case: a value, or why there is none. Adapters turn it into an HTTP result
/// (200/201, 404, 403, 400 naming the fields) or a page's message.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(OutcomeStatus status, T? value, Refusal? refusal)
    {
        Status = status;
        Value = value;
        Refusal = refusal;
    }

    public OutcomeStatus Status { get; }

    /// <summary>The value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    public Refusal? Refusal { get; }

    public bool IsSuccess => Status is OutcomeStatus.Ok or OutcomeStatus.Created;

    /// <summary>Field → messages when <see cref="OutcomeStatus.Invalid"/>; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Refusal?.Errors ?? Outcome.NoErrors;

    public static Outcome<T> Ok(T value) => new(OutcomeStatus.Ok, value, null);

    public static Outcome<T> Created(T value) => new(OutcomeStatus.Created, value, null);

    public static implicit operator Outcome<T>(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(refusal.Status, default, refusal);
    }

    public override string ToString() => IsSuccess ? $"{Status}: {Value}" : $"{Status}: {Refusal}";
}

/// <summary>Why a use case gave no value: not found (what, which id), forbidden, or invalid fields.</summary>
public sealed record Refusal(OutcomeStatus Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public override string ToString() => Errors is { Count: > 0 } errors
        ? $"{Detail} " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
        : Detail;
}

/// <summary>The refusals a use case returns: <c>return Outcome.NotFound("profile", id);</c>.</summary>
public static class Outcome
{
    internal static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Ok(value);

    public static Outcome<T> Created<T>(T value) => Outcome<T>.Created(value);

    /// <summary>Nothing of this kind with this id that the caller may see.</summary>
    public static Refusal NotFound(string kind, string id) =>
        new(OutcomeStatus.NotFound, $"No {kind} with id '{(id.Length <= 100 ? id : id[..100] + "…")}'.");

    /// <summary>Not found, in the use case's own words.</summary>
    public static Refusal NotFound(string detail) => new(OutcomeStatus.NotFound, detail);

    public static Refusal Forbidden(string detail) => new(OutcomeStatus.Forbidden, detail);

    public static Refusal Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A cursor that is not one an index returned: a 400 naming <c>cursor</c> (the check every index shares), else null.</summary>
    public static Refusal? InvalidCursor(string? cursor) =>
        Indexing.PageCursor.TryDecode(cursor, out _) ? null : Invalid("cursor", "Unknown cursor: pass the nextCursor of the previous page.");

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OutcomeStatus.Invalid, "The input is not valid.", errors);
}
