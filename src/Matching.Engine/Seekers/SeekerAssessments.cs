using System.Globalization;
using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Portfolio;
using Matching.Engine.Progress;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;

namespace Matching.Engine.Seekers;

/// <summary>
/// A seeker's assessment: diagnosis, strategy, skills gap, close jobs and matching offers, for a
/// questionnaire sent as is (nothing stored, anyone may ask) or for a stored seeker (what the seeker
/// sees, their adviser's review applied; read by anyone else only as <see cref="SeekerAccess"/> allows, audited).
/// </summary>
public sealed class SeekerAssessments(
    SeekerAccess access,
    SeekerStore seekers,
    ReviewStore reviews,
    IMatchIndex index,
    SeekerCoach coach,
    ReferenceDataProvider referenceData,
    ProgressLog progress,
    SkillProofs proofs,
    TimeProvider time,
    Caching.ICoachCache cache,
    OfferRanking? ranking = null)
{
    /// <summary>The assessment of a questionnaire sent as is: nothing is stored, so it needs no account and no id.</summary>
    public async Task<Outcome<AssessmentView>> DiagnoseAsync(SeekerProfile profile, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile = profile with { Id = string.IsNullOrEmpty(profile.Id) ? "anonymous" : profile.Id };
        var today = Today;
        if (SeekerProfiles.Validate(profile, referenceData.Require(), today) is { } errors)
        {
            return Outcome.Invalid(errors);
        }
        var assessment = await coach.AssessAsync(profile, today, language, cancellationToken: cancellationToken);
        var culture = Culture(language);
        return Outcome.Ok(await ViewAsync(
            assessment,
            assessment.Strategies.Localize(culture),
            [.. assessment.Advice.Where(a => a.Score > 0).OrderByDescending(a => a.Score).Localize(culture)],
            reviewed: false,
            language,
            cancellationToken));
    }

    /// <summary>
    /// What the stored seeker sees, recomputed from their answers (or, without a questionnaire, from
    /// their matching profile: the diagnosis then asks its questions) and the live index, with their
    /// adviser's review applied: re-scored advice, hidden ones gone.
    /// </summary>
    /// <param name="resource">What is read, for the access log ("diagnosis", "strategy", ...).</param>
    /// <param name="reason">Why, for the access log.</param>
    public Task<Outcome<AssessmentView>> ForSeekerAsync(
        CoachUser caller, string seekerId, string language, string resource = "assessment", string reason = "coaching", CancellationToken cancellationToken = default) =>
        AssessStoredAsync(caller, seekerId, language, resource, reason, recordShown: false, cancellationToken);

    /// <summary>
    /// The seeker's own page: <see cref="ForSeekerAsync"/>, and the offers it shows recorded as shown to the caller (the
    /// impressions the offer ranking learns from). Only for a page that really shows them, once per view.
    /// </summary>
    public Task<Outcome<AssessmentView>> ShowAsync(CoachUser caller, string seekerId, string language, CancellationToken cancellationToken = default) =>
        AssessStoredAsync(caller, seekerId, language, "assessment", "coaching", recordShown: true, cancellationToken);

    private async Task<Outcome<AssessmentView>> AssessStoredAsync(
        CoachUser caller, string seekerId, string language, string resource, string reason, bool recordShown, CancellationToken cancellationToken)
    {
        var profile = await access.ReadAsync(caller, seekerId, resource, reason, () => StoredProfileAsync(seekerId, cancellationToken));
        if (profile is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        // The logged progress replaces the questionnaire's one-off estimates (applications, interviews, offers); an
        // unchanged questionnaire and log are answered from the cache (shared by every instance through Redis when configured).
        var today = Today;
        var withProgress = SkillPortfolio.WithEvidence(progress.WithLoggedFigures(profile, today), proofs.Of(seekerId));
        var assessment = await cache.AssessmentAsync(seekerId, language, withProgress,
            ct => coach.AssessAsync(withProgress, today, language, cancellationToken: ct, storedSeekerId: seekerId), cancellationToken);
        // The offers the adviser graded 0 ("not for them") are no longer among the seeker's offers (the cached assessment is left as is).
        assessment = assessment with { Matches = SeekerReviewSnapshot.Without(assessment.Matches, reviews.OffersNotFor(seekerId)) };
        if (recordShown && ranking is not null && assessment.Matches.Hits.Count > 0)
        {
            var offers = await OfferRanking.OffersAsync(index, assessment.Matches, cancellationToken);
            ranking.RecordSeekerMatches(caller.Id, caller.Role, assessment.Profile, assessment.Matches, offers, OfferRanking.Tension(referenceData.Require()));
        }
        var culture = Culture(language);
        var overrides = reviews.ScoreOverrides(seekerId);
        var advice = SeekerReviewSnapshot.Apply(assessment.Advice.Localize(culture), overrides);
        var view = await ViewAsync(
            assessment,
            SeekerReviewSnapshot.Apply(assessment.Strategies.Localize(culture), overrides),
            advice,
            reviewed: overrides.Count > 0,
            language,
            cancellationToken);
        // What the adviser wrote for the seeker (never their internal notes): the message, and notes on the advice still shown.
        return Outcome.Ok(view with { FromAdviser = SeekerReviewSnapshot.ForShownAdvice(reviews.WordsForSeeker(seekerId), advice) });
    }

    /// <summary>
    /// The skills a (draft) questionnaire brings from experience: the core skills of the jobs it practised, which the
    /// questionnaire shows ticked for the seeker to untick. Reads the reference data only; anyone may ask.
    /// </summary>
    public IReadOnlyList<Coaching.Facts.ExperienceSkill> SkillsFromExperience(SeekerProfile draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return coach.SkillsFromExperience(draft);
    }

    /// <summary>The questionnaire, else the matching profile read as one; null when Coach holds neither.</summary>
    private async Task<SeekerProfile?> StoredProfileAsync(string seekerId, CancellationToken cancellationToken) =>
        seekers.Get(seekerId) ?? (await index.GetProfileAsync(seekerId, cancellationToken) is { } document ? FromDocument(document) : null);

    /// <summary>What a matching profile says as a questionnaire: targets, skills, place, experience, contracts, consent.</summary>
    public static SeekerProfile FromDocument(ProfileDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new()
        {
            Id = document.Id,
            TargetJobs = [.. document.TargetOccupationUris.Select((uri, i) => new TargetJob(null, uri, document.TargetRomeCodes.ElementAtOrDefault(i)))],
            Commune = document.Place?.CommuneCode,
            RadiusKm = document.RadiusKm,
            YearsOfExperienceInTarget = document.ExperienceYears,
            ContractWishes = document.ContractWishes,
            Skills = [.. document.Skills.Select(s => new SeekerSkill(s.SkillUri, s.Evidence))],
            SearchableByRecruiters = document.Searchable,
        };
    }

    private async Task<AssessmentView> ViewAsync(
        CoachAssessment assessment, IReadOnlyList<RenderedStrategy> strategies, IReadOnlyList<RenderedAdvice> advice, bool reviewed, string language,
        CancellationToken cancellationToken)
    {
        var matches = await OfferMatchViews.ViewsAsync(index, referenceData.Require().Taxonomy, referenceData.Require().Geography, assessment.Matches, language, cancellationToken, postings: assessment.Postings);
        return new AssessmentView(
            assessment.Target,
            assessment.Place,
            assessment.Diagnosis.Localize(Culture(language)),
            strategies,
            advice,
            assessment.SkillsGap is { } gap ? new SkillsGapView(gap.Share, gap.AskedSkills, gap.Missing) : null,
            assessment.CloseJobs,
            assessment.Facts,
            matches,
            assessment.Profile.RadiusKm,
            assessment.Matches.Total,
            reviewed,
            assessment.Matches.TotalIsLowerBound)
        {
            MatchedOnTargetJobSkills = assessment.MatchedOnTargetJobSkills,
        };
    }

    internal static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
