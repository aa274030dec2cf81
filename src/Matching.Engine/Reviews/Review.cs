namespace Matching.Engine.Reviews;

/// <summary>An adviser's overall grade of a seeker's diagnosis and strategy.</summary>
public enum ReviewGrade
{
    Excellent,
    GoodEnough,
    Bad,
}

/// <summary>The adviser's score for one advice: 3 priority, 2 secondary, 1 to look at, 0 hide from the seeker.</summary>
/// <param name="Comment">The adviser's internal note: advisers and the ranking read it, never the seeker.</param>
/// <param name="SeekerNote">What the adviser writes for the seeker about this advice: shown under it on the seeker's page while it is shown.</param>
public sealed record AdviceReview(string ModuleId, int NewScore, string? Comment = null, string? SeekerNote = null);

/// <summary>The adviser's grade of one offer Coach suggested to the seeker: 0 not for them, 1 worth a look, 2 a good match.</summary>
public sealed record OfferReview(string OfferId, int Grade, string? Comment = null)
{
    public const int MaxGrade = 2;
}

/// <summary>What an adviser submits for one seeker. <see cref="Grade"/> is nullable so a missing grade is reported, not defaulted.</summary>
/// <param name="Comment">The adviser's internal note on the whole case (with <paramref name="Grade"/>): never shown to the seeker.</param>
/// <param name="DiagnosisComment">The adviser's internal note on the diagnosis: never shown to the seeker.</param>
/// <param name="OfferReviews">Grades of the suggested offers (they train the offer ranking); none when the adviser graded none. An offer graded 0
/// ("not for them") leaves the seeker's offers.</param>
/// <param name="SeekerMessage">The message the adviser writes for the seeker: shown on the seeker's page and in the seeker-facing API.</param>
public sealed record Review(
    ReviewGrade? Grade,
    string? Comment,
    string? DiagnosisComment,
    IReadOnlyList<AdviceReview> AdviceReviews,
    string ReviewerId,
    DateTimeOffset At,
    IReadOnlyList<OfferReview>? OfferReviews = null,
    string? SeekerMessage = null);

/// <summary>
/// What a seeker reads of their adviser's latest review: the message written for them and the notes on the advice they still see.
/// Never the adviser's internal notes (grade, general, diagnosis and per-advice comments), never another seeker's.
/// </summary>
/// <param name="Message">The message for the seeker; null when the adviser wrote none.</param>
/// <param name="AdviceNotes">Advice module id to the adviser's note for the seeker, for advice the seeker still sees.</param>
/// <param name="At">When the review was saved.</param>
public sealed record AdviserWords(string? Message, IReadOnlyDictionary<string, string> AdviceNotes, DateTimeOffset At);

/// <summary>An adviser's grade of a suggested offer, as the ranking model's training reads it.</summary>
public sealed record OfferGrade(long ReviewId, string SeekerId, string OfferId, int Grade, string ReviewerId, DateTimeOffset At);

/// <summary>An advice review with what the adviser saw, as the advice ranking's training reads it.</summary>
/// <param name="OriginalScore">The engine's score the adviser saw; null when the snapshot did not hold the advice.</param>
public sealed record AdviceReviewRow(long ReviewId, string SeekerId, string? SnapshotJson, string ModuleId, int? OriginalScore, int NewScore);

/// <summary>A seeker waiting for review, oldest first in <see cref="ReviewStore.Queue"/>.</summary>
/// <param name="EnqueuedAt">When the seeker first entered the queue; a newer snapshot does not reset it.</param>
/// <param name="Waiting">Time since <paramref name="EnqueuedAt"/>, on the store's clock.</param>
public sealed record QueuedSeeker(string SeekerId, DateTimeOffset EnqueuedAt, DateTimeOffset UpdatedAt, TimeSpan Waiting, string SnapshotJson);

/// <summary>A review as stored, with the scores the seeker had been given before it.</summary>
/// <param name="OriginalScores">Advice scores read from the snapshot the adviser reviewed (module id → 0..3).</param>
public sealed record StoredReview(long Id, string SeekerId, Review Review, string? SnapshotJson, IReadOnlyDictionary<string, int> OriginalScores);

/// <summary>Everything the store holds for one seeker.</summary>
/// <param name="History">Every review, oldest first; never rewritten.</param>
public sealed record SeekerReviews(string SeekerId, QueuedSeeker? Pending, IReadOnlyList<StoredReview> History)
{
    public StoredReview? Latest => History.Count > 0 ? History[^1] : null;
}

/// <summary>One advice of the latest review: the score the engine gave and the adviser's.</summary>
/// <param name="OriginalScore">Null when the snapshot did not hold this advice (the adviser added or re-scored an unseen module).</param>
public sealed record AdviceChange(string ModuleId, int? OriginalScore, int NewScore, string? Comment)
{
    public bool Changed => OriginalScore != NewScore;

    public bool Hidden => NewScore == 0;
}

/// <summary>A review or a queue entry failed validation; <see cref="Errors"/> maps each field to its problems.</summary>
public sealed class ReviewValidationException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException("Invalid review: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
