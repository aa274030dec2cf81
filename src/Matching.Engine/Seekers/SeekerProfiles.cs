using Matching.Engine.Access;
using Matching.Engine.Alerts;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Portfolio;
using Matching.Engine.Progress;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;

namespace Matching.Engine.Seekers;

/// <summary>A profile as saved: its matching projection, and whether the save created it.</summary>
public sealed record SavedProfile(ProfileDocument Document, bool Created);

/// <summary>
/// A seeker's profile: the questionnaire (saved and read back), the bare matching profile, bulk
/// import, reading, deleting, and the offers that match it. The seeker writes and reads their own;
/// their adviser, a caseload's (reads audited); an admin, any. Another's profile is not found.
/// </summary>
public sealed class SeekerProfiles(
    SeekerAccess access,
    SeekerStore seekers,
    ReviewStore reviews,
    IMatchIndex index,
    SeekerCoach coach,
    DocumentBuilders builders,
    ReferenceDataProvider referenceData,
    ProgressLog progress,
    AlertMatcher alerts,
    SkillProofs proofs,
    TimeProvider time,
    Caching.ICoachCache cache,
    SeekerMatchPages pages,
    OfferRanking? ranking = null)
{
    public const int MaxIdLength = 200;
    public const int MaxLabelLength = 200;
    public const int MaxPageSize = 100;
    public const double MaxRadiusKm = 1000;

    /// <summary>
    /// Saves a questionnaire. One order on every door: checked (access, then answers), projected for
    /// matching, written to the index first (recruiters find it only with consent; if the index
    /// refuses it, no questionnaire is left behind), then to the store, then queued for an adviser's
    /// review of the new diagnosis and strategy.
    /// </summary>
    public async Task<Outcome<SavedProfile>> SaveQuestionnaireAsync(CoachUser caller, string seekerId, SeekerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!access.CanWrite(caller, seekerId))
        {
            // Not theirs to write: the same answer as for an id that does not exist.
            return Outcome.NotFound("profile", seekerId);
        }
        if (!string.IsNullOrEmpty(profile.Id) && profile.Id != seekerId)
        {
            return Outcome.Invalid("id", $"The body's id '{Truncate(profile.Id)}' differs from the route's '{Truncate(seekerId)}'.");
        }
        if (InvalidId(seekerId) is { } idError)
        {
            return idError;
        }
        profile = profile with { Id = seekerId };
        if (UnprovenEvidence(caller, profile.Skills?.Select(s => s?.Evidence ?? SkillEvidence.Declared)) is { } evidenceError)
        {
            return evidenceError;
        }
        var today = Today;
        if (Validate(profile, referenceData.Require(), today) is { } errors)
        {
            return Outcome.Invalid(errors);
        }
        var target = coach.UnderstandTarget(profile);
        // The skills keep their evidence (adviser's confirmations, colleagues' endorsements, trainings).
        var document = SkillPortfolio.Merge(coach.ToDocument(profile, target, coach.ResolvePlace(profile)), proofs.Of(seekerId));
        var result = await index.UpsertProfilesAsync([document], cancellationToken);
        await alerts.ProfilesWrittenAsync([document], cancellationToken);
        var now = time.GetUtcNow();
        seekers.Save(profile, now);
        await QueueForReviewAsync(seekerId, profile, cancellationToken);
        await cache.InvalidateSeekerAsync(seekerId, cancellationToken);
        var saved = new SavedProfile(document, result.WasCreated(seekerId));
        return saved.Created ? Outcome.Created(saved) : Outcome.Ok(saved);
    }

    /// <summary>
    /// Puts the seeker's diagnosis and strategy, as they stand now, in the adviser's review queue when they changed
    /// (<see cref="ReviewStore.Enqueue"/>): after a questionnaire is saved, and after progress is logged, which the diagnosis
    /// reads. Not a use case: its callers have checked the access. A seeker without a questionnaire has nothing to review.
    /// </summary>
    internal async Task QueueForReviewAsync(string seekerId, CancellationToken cancellationToken = default)
    {
        if (seekers.Get(seekerId) is { } profile)
        {
            await QueueForReviewAsync(seekerId, profile, cancellationToken);
        }
    }

    private async Task QueueForReviewAsync(string seekerId, SeekerProfile profile, CancellationToken cancellationToken)
    {
        var today = Today;
        var assessment = await coach.AssessAsync(SkillPortfolio.WithEvidence(progress.WithLoggedFigures(profile, today), proofs.Of(seekerId)), today, "fr", cancellationToken: cancellationToken,
            storedSeekerId: seekerId);
        reviews.Enqueue(seekerId, SeekerReviewSnapshot.Of(profile, assessment), time.GetUtcNow());
    }

    /// <summary>The questionnaire as the seeker answered it (to change one's answers, or for an adviser: audited).</summary>
    public async Task<Outcome<SeekerProfile>> GetQuestionnaireAsync(CoachUser caller, string seekerId, string reason = "questionnaire read")
    {
        var profile = await access.ReadAsync(caller, seekerId, "questionnaire", reason, () => Task.FromResult(seekers.Get(seekerId)));
        return profile is null ? Outcome.NotFound("profile", seekerId) : Outcome.Ok(profile);
    }

    /// <summary>The bare matching profile (skills, place, radius, experience, contracts, consent), without a questionnaire.</summary>
    public async Task<Outcome<SavedProfile>> SaveProfileAsync(CoachUser caller, string seekerId, ProfileInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.CanWrite(caller, seekerId))
        {
            return Outcome.NotFound("profile", seekerId);
        }
        if (input.Id is { Length: > 0 } bodyId && bodyId != seekerId)
        {
            return Outcome.Invalid("id", $"The body's id '{Truncate(bodyId)}' differs from the route's '{Truncate(seekerId)}'.");
        }
        var outcome = builders.Profiles.Build(input with { Id = seekerId });
        if (!outcome.IsValid)
        {
            return Outcome.Invalid(outcome.Errors);
        }
        if (UnprovenEvidence(caller, outcome.Document!.Skills.Select(s => s.Evidence)) is { } evidenceError)
        {
            return evidenceError;
        }
        var document = SkillPortfolio.Merge(outcome.Document, proofs.Of(seekerId));
        var result = await index.UpsertProfilesAsync([document], cancellationToken);
        await alerts.ProfilesWrittenAsync([document], cancellationToken);
        await cache.InvalidateSeekerAsync(seekerId, cancellationToken);
        var saved = new SavedProfile(document, result.WasCreated(seekerId));
        return saved.Created ? Outcome.Created(saved) : Outcome.Ok(saved);
    }

    /// <summary>Matching profiles in bulk (a JSON array or NDJSON): admins only. One answer per item.</summary>
    public async Task<Outcome<IngestResponse>> IngestAsync(CoachUser caller, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            return Outcome.Forbidden("Only an admin imports profiles in bulk.");
        }
        async Task<BulkResult> WriteAsync(IReadOnlyList<ProfileDocument> batch, CancellationToken ct)
        {
            var written = await index.UpsertProfilesAsync(batch, ct);
            await alerts.ProfilesWrittenAsync(batch, ct);
            return written;
        }
        return Outcome.Ok(await BulkIngest.RunAsync(builders.Profiles.BuildAsync(body, cancellationToken), WriteAsync, p => p.Id, cancellationToken));
    }

    /// <summary>The profile as the index holds it (audited when someone else reads it).</summary>
    public async Task<Outcome<ProfileDocument>> GetAsync(CoachUser caller, string seekerId, CancellationToken cancellationToken = default)
    {
        var profile = await access.ReadAsync(caller, seekerId, "profile", "profile read", () => index.GetProfileAsync(seekerId, cancellationToken));
        return profile is null ? Outcome.NotFound("profile", seekerId) : Outcome.Ok(profile);
    }

    /// <summary>Removes the profile and the questionnaire: the seeker themself or an admin.</summary>
    public async Task<Outcome<bool>> DeleteAsync(CoachUser caller, string seekerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdmin || (caller.IsSeeker && caller.Id == seekerId)))
        {
            return Outcome.NotFound("profile", seekerId);
        }
        var inIndex = await index.DeleteProfilesAsync([seekerId], cancellationToken) > 0;
        var questionnaire = seekers.Delete(seekerId);
        await cache.InvalidateSeekerAsync(seekerId, cancellationToken);
        return inIndex || questionnaire ? Outcome.Ok(true) : Outcome.NotFound("profile", seekerId);
    }

    /// <summary>The best offers for the stored profile, each with its summary and explanation (audited when someone else reads them).</summary>
    /// <param name="radiusKm">Overrides the profile's radius (0 to 1000 km).</param>
    public async Task<Outcome<OfferMatchPage>> MatchesAsync(
        CoachUser caller, string seekerId, int? size, string? cursor, double? radiusKm, string language, CancellationToken cancellationToken = default)
    {
        if (size is < 1 or > MaxPageSize)
        {
            return Outcome.Invalid("size", $"The page size must be between 1 and {MaxPageSize}.");
        }
        if (radiusKm is { } r && (!double.IsFinite(r) || r is < 0 or > MaxRadiusKm))
        {
            return Outcome.Invalid("radiusKm", $"The radius must be between 0 and {MaxRadiusKm} km.");
        }
        if (Outcome.InvalidCursor(cursor) is { } cursorError)
        {
            return cursorError;
        }
        // Before the profile is read: a page computed from it is kept at this generation (pages).
        var generation = pages.Generation;
        var profile = await access.ReadAsync(caller, seekerId, "matches", "matching offers", () => index.GetProfileAsync(seekerId, cancellationToken));
        if (profile is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        // The page is the same for everyone allowed to read it: computed once per state of the index (pages), the
        // access rule and the audit above run on every read, and the first page is recorded as shown to this reader.
        var data = referenceData.Require();
        var firstPage = cursor is null && ranking is not null;
        var (page, shown) = await pages.GetOrComputeAsync(generation, seekerId, size ?? 20, cursor, radiusKm, language, firstPage ? ranking!.ActiveModel : null, data,
            () => ComputeMatchesAsync(profile, size ?? 20, cursor, radiusKm, language, data, cancellationToken));
        // The offers the seeker's adviser graded 0 ("not for them") are taken out at each read: the kept page is the index's.
        if (reviews.OffersNotFor(seekerId) is { Count: > 0 } notFor)
        {
            var kept = page.Hits.Where(h => !notFor.Contains(h.OfferId)).ToList();
            page = page with { Hits = kept, Total = Math.Max(kept.Count, page.Total - (page.Hits.Count - kept.Count)) };
            shown = shown?.Where(i => !notFor.Contains(i.OfferId)).ToList();
        }
        if (firstPage && shown is not null)
        {
            ranking!.RecordSeekerMatches(caller.Id, caller.Role, shown);
        }
        return Outcome.Ok(page);
    }

    private async Task<(OfferMatchPage Page, IReadOnlyList<Impression>? Shown)> ComputeMatchesAsync(
        ProfileDocument profile, int size, string? cursor, double? radiusKm, string language, ReferenceData data, CancellationToken cancellationToken)
    {
        // The seeker's page's query and rules (SeekerCoach.SeekerQuery): no offer of a regulated job other than the target and the
        // jobs practised (the questionnaire says which), none below the floor, none meeting only qualities; a seeker who gave no skill
        // of a job matched on its usual skills, only offers of the job or a close one kept, and the page says so.
        var query = coach.StoredSeekerQuery(profile, seekers.Get(profile.Id), size);
        var (matching, onJobSkills) = (query.Matching, query.OnJobSkills);
        var page = matching.Skills.Count == 0
            ? new MatchPage([], 0, null)
            : coach.SeekerMatches(await index.MatchOffersAsync(matching, query.Options with { Cursor = cursor, RadiusKm = radiusKm }, cancellationToken), onJobSkills);
        IReadOnlyDictionary<string, OfferDocument>? offers = null;
        IReadOnlyList<Impression>? shown = null;
        if (cursor is null && ranking is not null)
        {
            // The first page: re-ordered by the learned ranking when a model won, and what it shows kept to record.
            var read = await OfferRanking.OffersAsync(index, page, cancellationToken);
            var tension = OfferRanking.Tension(data);
            page = ranking.Rerank(matching, page, read, tension);
            shown = OfferRanking.SeekerImpressions(matching, page, read, tension);
            offers = read;
        }
        var view = await OfferMatchViews.PageAsync(index, data.Taxonomy, data.Geography, page, language, cancellationToken, offers);
        return (onJobSkills ? view with { MatchedOnTargetJobSkills = page.Hits.Count > 0 } : view, shown);
    }

    /// <summary>The questionnaire's own rules, and what needs the reference data: a place that exists, known URIs, labels of sane length.</summary>
    internal static Dictionary<string, string[]>? Validate(SeekerProfile profile, ReferenceData data, DateOnly today)
    {
        var errors = SeekerProfileValidator.Validate(profile, today).ToDictionary(e => e.Key, e => e.Value);
        var geography = data.Geography;
        if (profile.Commune is { } commune && !errors.ContainsKey(ProfileFields.Commune) && (commune.Length > 10 || geography.Resolve(commune) is null))
        {
            errors[ProfileFields.Commune] = [$"Unknown commune '{Truncate(commune)}': give its INSEE code (e.g. 69383) or use postcode."];
        }
        if (profile.Postcode is { } postcode && !errors.ContainsKey(ProfileFields.Postcode) && (postcode.Length > 10 || geography.ResolvePostcode(postcode) is null))
        {
            errors[ProfileFields.Postcode] = [$"Unknown postcode '{Truncate(postcode)}'."];
        }
        for (var i = 0; i < (profile.TargetJobs?.Count ?? 0); i++)
        {
            if (profile.TargetJobs![i] is not { } job)
            {
                continue;
            }
            if (job.Label is { Length: > MaxLabelLength } && !errors.ContainsKey($"targetJobs[{i}].label"))
            {
                errors[$"targetJobs[{i}].label"] = [$"The job title is {job.Label.Length} characters long; the limit is {MaxLabelLength}."];
            }
            if (job.OccupationUri is { } uri && data.Taxonomy.OccupationByUri(uri) is null)
            {
                errors[$"targetJobs[{i}].occupationUri"] = ["Unknown ESCO occupation URI."];
            }
        }
        for (var i = 0; i < (profile.Skills?.Count ?? 0); i++)
        {
            if (profile.Skills![i] is { } skill && data.Taxonomy.SkillByUri(skill.Uri ?? "") is null)
            {
                errors[$"skills[{i}].uri"] = ["Unknown ESCO skill URI."];
            }
        }
        return errors.Count > 0 ? errors : null;
    }

    /// <summary>
    /// A profile states its skills as declared or from a past job; an adviser's confirmation, a colleague's endorsement
    /// or a training come through the portfolio (<see cref="SkillPortfolio"/>) with who and when, since they weigh in
    /// recruiters' scores. An admin's import may carry them.
    /// </summary>
    private static Refusal? UnprovenEvidence(CoachUser caller, IEnumerable<SkillEvidence>? evidence)
    {
        var list = evidence?.ToList() ?? [];
        var i = list.FindIndex(e => e is not (SkillEvidence.Declared or SkillEvidence.PastJob));
        return caller.IsAdmin || i < 0
            ? null
            : Outcome.Invalid($"skills[{i}].evidence", "A profile's skills are declared or from a past job; confirmations, endorsements and trainings are added in the skills portfolio.");
    }

    internal static Refusal? InvalidId(string id) =>
        id.Length is 0 or > MaxIdLength || id.Any(char.IsControl)
            ? Outcome.Invalid("id", $"The id must be 1 to {MaxIdLength} characters, without control characters.")
            : null;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
