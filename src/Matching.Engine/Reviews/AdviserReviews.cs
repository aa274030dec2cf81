using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Portfolio;
using Matching.Engine.Privacy;
using Matching.Engine.Progress;
using Matching.Engine.Ranking;
using Matching.Engine.Seekers;

namespace Matching.Engine.Reviews;

/// <summary>
/// The adviser's review of a seeker's diagnosis and strategy: the queue, a case side by side, a
/// review (grade, comments, advice re-scored or hidden), the CSV export. An adviser sees only their
/// caseload, an admin everyone; every read of a case and every review is in the seeker's access log.
/// </summary>
public sealed class AdviserReviews(
    SeekerAccess access,
    ReviewStore reviews,
    SeekerStore seekers,
    Caseloads caseloads,
    SeekerCoach coach,
    ProgressLog progress,
    SkillProofs proofs,
    ReferenceDataProvider referenceData,
    TimeProvider time,
    IMatchIndex? index = null,
    OfferRanking? ranking = null)
{
    public const int MaxQueue = 1000;

    /// <summary>Seekers waiting for review, longest waiting first: an adviser's caseload, or everyone for an admin.</summary>
    public Outcome<IReadOnlyList<QueueItem>> Queue(CoachUser caller, int? limit, string language)
    {
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        var queue = reviews.Queue(MaxQueue);
        IEnumerable<QueuedSeeker> mine = queue;
        if (!caller.IsAdmin)
        {
            var caseload = caseloads.SeekersOf(caller.Id).ToHashSet(StringComparer.Ordinal);
            mine = queue.Where(q => caseload.Contains(q.SeekerId));
        }
        return Outcome.Ok<IReadOnlyList<QueueItem>>([.. mine.Take(Math.Clamp(limit ?? 50, 1, MaxQueue)).Select(q => Item(q, language, reviews.Get(q.SeekerId).Latest))]);
    }

    /// <summary>A seeker's case: their answers, the diagnosis and strategy as computed, the reviews, what the seeker now sees. Audited.</summary>
    public async Task<Outcome<ReviewCase>> CaseAsync(CoachUser caller, string seekerId, string language, CancellationToken cancellationToken = default)
    {
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        var profile = IsId(seekerId)
            ? await access.ReadAsync(caller, seekerId, "review case", "review queue", () => Task.FromResult(seekers.Get(seekerId)))
            : null;
        if (profile is null)
        {
            return Outcome.NotFound("seeker", seekerId);
        }
        var culture = SeekerAssessments.Culture(language);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var entries = progress.Entries(seekerId);
        var assessment = await coach.AssessAsync(SkillPortfolio.WithEvidence(ProgressLog.Apply(profile, entries, today), proofs.Of(seekerId)), today, language, cancellationToken: cancellationToken,
            storedSeekerId: seekerId);
        var stored = reviews.Get(seekerId);
        // What changed since the last review: the progress logged since.
        var lastReview = stored.Latest?.Review.At;
        var summary = new ProgressSummary(
            ProgressLog.Weeks(entries, today), [.. entries.OrderByDescending(e => e.Day).ThenByDescending(e => e.Id).Take(20)],
            ProgressLog.Figures(profile, entries, today), lastReview is { } at ? ProgressLog.Since(entries, at) : null, lastReview);
        var advice = assessment.Advice.Where(a => a.Score > 0).OrderByDescending(a => a.Score).Localize(culture);
        IReadOnlyList<OfferMatchView>? suggested = null;
        if (index is not null && referenceData.Current is { } data)
        {
            // The offers the adviser may grade: what they are shown is recorded, it trains the offer ranking.
            var offers = await OfferRanking.OffersAsync(index, assessment.Matches, cancellationToken);
            ranking?.RecordSeekerMatches(caller.Id, caller.Role, assessment.Profile, assessment.Matches, offers, OfferRanking.Tension(data));
            suggested = await OfferMatchViews.ViewsAsync(index, data.Taxonomy, data.Geography, assessment.Matches, language, cancellationToken, postings: assessment.Postings);
        }
        return Outcome.Ok(new ReviewCase(
            seekerId, profile, assessment.Diagnosis.Localize(culture), assessment.Strategies.Localize(culture), advice,
            SeekerReviewSnapshot.Apply(advice, reviews.ScoreOverrides(seekerId)),
            stored.Pending is { } pending ? Item(pending, language, stored.Latest) : null, stored.History, reviews.Changes(seekerId),
            assessment.Target, assessment.Place, assessment.Advice.Localize(culture),
            [.. assessment.Profile.Skills.Select(s => new CaseSkill(s.SkillUri, referenceData.Require().Taxonomy.SkillByUri(s.SkillUri)?.Label(language) ?? s.SkillUri, s.Evidence))],
            suggested, summary));
    }

    /// <summary>Stores an adviser's review: the seeker must be in their caseload (an admin: anyone) and have a questionnaire.</summary>
    public Outcome<StoredReview> Submit(CoachUser caller, string seekerId, ReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        if (!IsId(seekerId) || !access.CanSee(caller, seekerId) || seekers.Get(seekerId) is null)
        {
            return Outcome.NotFound("seeker", seekerId);
        }
        var review = new Review(
            request.Grade, request.Comment, request.DiagnosisComment,
            [.. (request.Advice ?? []).Select(a => new AdviceReview(a?.ModuleId!, a?.Score ?? -1, a?.Comment, a?.SeekerNote))],
            caller.Id, time.GetUtcNow(),
            [.. (request.Offers ?? []).Select(o => new OfferReview(o?.OfferId!, o?.Grade ?? -1, o?.Comment))],
            request.SeekerMessage);
        try
        {
            var stored = reviews.Submit(seekerId, review);
            access.RecordReview(caller, seekerId, "diagnosis and strategy", $"review graded {request.Grade}");
            return Outcome.Ok(stored);
        }
        catch (ReviewValidationException e)
        {
            return Outcome.Invalid(e.Errors);
        }
    }

    /// <summary>Every review as CSV, one row per advice review, to train the ranking: admins only.</summary>
    public Outcome<string> ExportCsv(CoachUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            return Outcome.Forbidden("Only an admin exports the reviews.");
        }
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        reviews.ExportCsv(writer);
        return Outcome.Ok(writer.ToString());
    }

    private static Refusal? Refuse(CoachUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdviser || caller.IsAdmin ? null : Outcome.Forbidden("Only advisers and admins review seekers.");
    }

    // The review store refuses ids it could not hold; such an id names no seeker.
    private static bool IsId(string seekerId) => seekerId.Length is > 0 and <= ReviewStore.MaxIdLength;

    private QueueItem Item(QueuedSeeker q, string language, StoredReview? lastReview)
    {
        var culture = SeekerAssessments.Culture(language);
        var profile = SnapshotProfile(q.SnapshotJson);
        var place = profile?.Commune is { } commune ? referenceData.Current?.Geography.Resolve(commune)?.Name : profile?.Postcode;
        var changes = ReviewChanges.Since(lastReview?.SnapshotJson, q.SnapshotJson).ToList();
        // What the seeker logged since the last review comes from their progress log.
        if (lastReview is not null && ReviewChanges.Progress(ProgressLog.Since(progress.Entries(q.SeekerId), lastReview.Review.At)) is { } logged)
        {
            changes.RemoveAll(c => c.Key == "review.change.none");
            changes.Add(logged);
        }
        var targets = Targets(profile);
        return new(q.SeekerId, q.EnqueuedAt, q.UpdatedAt, Math.Round(q.Waiting.TotalHours, 1), MainChallenge(q.SnapshotJson, language),
            targets.FirstOrDefault(),
            place,
            [.. changes.Select(c => CoachTexts.Get(c, culture))],
            targets);
    }

    /// <summary>
    /// Every job the seeker named, as they wrote it (its ROME code when they gave only that), each once: the queue showed the
    /// first only, so a seeker torn between a baker's, a nurse's and a developer's job read as a baker until the case was opened.
    /// </summary>
    private static List<string> Targets(SeekerProfile? profile) =>
        [.. (profile?.TargetJobs ?? [])
            .OfType<TargetJob>()
            .Select(t => t.Label?.Trim() is { Length: > 0 } label ? label : t.RomeCode?.Trim())
            .OfType<string>()
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static SeekerProfile? SnapshotProfile(string snapshot)
    {
        try
        {
            using var json = JsonDocument.Parse(snapshot);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("profile", out var profile)
                ? profile.Deserialize<SeekerProfile>(SeekerStore.JsonOptions)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The main challenge the seeker was given, read from the snapshot under review.</summary>
    private static string? MainChallenge(string snapshot, string language)
    {
        try
        {
            using var json = JsonDocument.Parse(snapshot);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("mainChallenge", out var main) && main.ValueKind == JsonValueKind.String
                && Enum.TryParse<DiagnosisCategory>(main.GetString(), out var category) && Enum.IsDefined(category)
                ? CoachTexts.Get(category.Title(), SeekerAssessments.Culture(language))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
