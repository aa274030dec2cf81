using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;
using Matching.Engine.Progress;

namespace Matching.Engine.Reviews;

/// <summary>A seeker waiting for review.</summary>
/// <param name="MainChallenge">The main challenge the seeker was given, in the asked language (null when the diagnosis found none).</param>
/// <param name="Target">The first job the seeker is looking for, as they wrote it (kept for older clients: <paramref name="Targets"/> has them all).</param>
/// <param name="Place">Where they look, as people name the commune.</param>
/// <param name="Changes">What changed since the adviser's last review of this seeker, in words; a first request says so.</param>
/// <param name="Targets">Every job the seeker named, in their order, each once (a scattered project is read at a glance).</param>
public sealed record QueueItem(
    string SeekerId,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset UpdatedAt,
    double WaitingHours,
    string? MainChallenge = null,
    string? Target = null,
    string? Place = null,
    IReadOnlyList<string>? Changes = null,
    IReadOnlyList<string>? Targets = null);

/// <summary>A skill of the seeker as Coach counts it, with where the claim comes from.</summary>
public sealed record CaseSkill(string Uri, string Label, SkillEvidence Evidence);

/// <summary>A seeker's case for the adviser: answers, diagnosis and strategy as computed, the reviews, and what the seeker now sees.</summary>
/// <param name="Advice">The advice the engine gave (score above 0), as it scored them.</param>
/// <param name="EveryAdvice">Every advice the engine weighed, 0 included, so the adviser may bring one up.</param>
/// <param name="SeekerSees">The advice as the seeker sees it, the latest review applied.</param>
/// <param name="Skills">The seeker's skills as Coach counts them, each with its strongest evidence (the portfolio's included).</param>
/// <param name="SuggestedOffers">The offers Coach suggests to the seeker, for the adviser to grade (<see cref="ReviewRequest.Offers"/>).</param>
/// <param name="Progress">The seeker's progress log per week, and what they logged since the latest review.</param>
public sealed record ReviewCase(
    string SeekerId,
    SeekerProfile? Profile,
    RenderedDiagnosis Diagnosis,
    IReadOnlyList<RenderedStrategy> Strategies,
    IReadOnlyList<RenderedAdvice> Advice,
    IReadOnlyList<RenderedAdvice> SeekerSees,
    QueueItem? Pending,
    IReadOnlyList<StoredReview> History,
    IReadOnlyList<AdviceChange> Changes,
    UnderstoodTarget? Target = null,
    Place? Place = null,
    IReadOnlyList<RenderedAdvice>? EveryAdvice = null,
    IReadOnlyList<CaseSkill>? Skills = null,
    IReadOnlyList<Seekers.OfferMatchView>? SuggestedOffers = null,
    ProgressSummary? Progress = null);

/// <param name="Comment">Internal note (advisers only).</param>
/// <param name="SeekerNote">Note for the seeker, shown under the advice on their page.</param>
public sealed record AdviceReviewRequest(string ModuleId, int Score, string? Comment, string? SeekerNote = null);

/// <summary>An adviser's grade of a suggested offer: 0 not for this seeker, 1 worth a look, 2 a good match (trains the offer ranking).</summary>
public sealed record OfferReviewRequest(string OfferId, int Grade, string? Comment);

/// <summary>
/// An adviser's review: a grade and comments, per advice a new score (3 priority, 2 secondary, 1 to look at, 0 hide),
/// and per suggested offer a grade (0 takes the offer out of the seeker's offers). <paramref name="Comment"/> and
/// <paramref name="DiagnosisComment"/> are internal notes, never shown to the seeker; <paramref name="SeekerMessage"/> is written for the seeker.
/// </summary>
public sealed record ReviewRequest(
    ReviewGrade? Grade, string? Comment, string? DiagnosisComment, IReadOnlyList<AdviceReviewRequest>? Advice, IReadOnlyList<OfferReviewRequest>? Offers = null,
    string? SeekerMessage = null);
