namespace Matching.Engine.Indexing;

/// <summary>One invalid field of one item of a write or a query.</summary>
/// <param name="ItemId">The item's id (or its position, "#3", when it has none).</param>
/// <param name="Field">The field at fault, as a path (Skills[2].SkillUri).</param>
public sealed record IndexValidationError(string ItemId, string Field, string Message);

/// <summary>
/// A batch or a query was rejected before anything was written: every error of the batch is listed,
/// so that a client can fix them all at once.
/// </summary>
public sealed class IndexValidationException : Exception
{
    public IndexValidationException(IReadOnlyList<IndexValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IndexValidationException()
        : this([])
    {
    }

    public IndexValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public IndexValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<IndexValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<IndexValidationError> errors) =>
        errors.Count == 0
            ? "Invalid input."
            : $"{errors.Count} invalid field(s): " + string.Join("; ", errors.Take(10).Select(e => $"{e.ItemId}: {e.Field}: {e.Message}"));
}
