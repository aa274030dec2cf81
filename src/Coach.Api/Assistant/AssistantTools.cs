using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Coach.Api.Coaching;
using Coach.Api.Security;
using Coach.Assistant;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Reviews;

namespace Coach.Api.Assistant;

/// <summary>
/// The assistant's tools over what the API's endpoints do, with the same access rule and audit (<see cref="SeekerAccess"/>:
/// the seeker themself, an adviser's caseload, an admin; every read by someone else audited with the reason
/// "assistant"). When the use cases move into the engine (branch <c>road</c>), each method becomes a call of the
/// matching use case as the caller; the tool surface stays.
/// </summary>
public sealed partial class AssistantTools(MatchingRuntimeProvider provider, SeekerAccess access) : IAssistantTools
{
    private const int MatchesShown = 10;

    public async Task<ToolAnswer> DiagnoseAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken)
    {
        var (assessment, runtime) = await AssessAsync(caller, seekerId, "diagnosis", language, cancellationToken);
        if (assessment is null)
        {
            return NotFound(seekerId);
        }
        var culture = Culture(language);
        // What the seeker sees: the adviser's review applied (re-scored advice, hidden ones gone).
        var advice = SeekerReviewSnapshot.Apply(assessment.Advice.Localize(culture), runtime.Reviews.ScoreOverrides(seekerId));
        return new ToolAnswer(new
        {
            target = assessment.Target,
            diagnosis = assessment.Diagnosis.Localize(culture),
            advice = advice.Select(a => new { a.ModuleId, a.Title, a.Score, a.Reason }),
        });
    }

    public async Task<ToolAnswer> MatchesAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken)
    {
        var (assessment, runtime) = await AssessAsync(caller, seekerId, "matches", language, cancellationToken);
        if (assessment is null)
        {
            return NotFound(seekerId);
        }
        var offers = new List<object>();
        foreach (var hit in assessment.Matches.Hits.Take(MatchesShown))
        {
            offers.Add(await OfferViewAsync(runtime, hit, language, cancellationToken));
        }
        return new ToolAnswer(new { total = assessment.Matches.Total, offers });
    }

    public async Task<ToolAnswer> SkillsGapAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken)
    {
        var (assessment, _) = await AssessAsync(caller, seekerId, "skills-gap", language, cancellationToken);
        return assessment is null ? NotFound(seekerId) : new ToolAnswer(assessment.SkillsGap is { } gap
            ? new { target = assessment.Target?.OccupationLabel, share = gap.Share, askedSkills = gap.AskedSkills, missing = gap.Missing.Take(10) }
            : new { target = assessment.Target?.OccupationLabel, share = (double?)null, askedSkills = 0, missing = Enumerable.Empty<MissingSkill>() });
    }

    public async Task<ToolAnswer> CloseJobsAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken)
    {
        var (assessment, _) = await AssessAsync(caller, seekerId, "close-jobs", language, cancellationToken);
        return assessment is null ? NotFound(seekerId) : new ToolAnswer(new { closeJobs = assessment.CloseJobs.Take(6) });
    }

    public async Task<ToolAnswer> ExplainOfferAsync(AssistantCaller caller, string seekerId, string offerId, string language, CancellationToken cancellationToken)
    {
        var runtime = await provider.Ready.WaitAsync(cancellationToken);
        if (!access.TryRead(Principal(caller), seekerId, "matches", "assistant") || await DocumentAsync(runtime, seekerId, cancellationToken) is not { } profile)
        {
            return NotFound(seekerId);
        }
        if (await runtime.Index.GetOfferAsync(offerId, cancellationToken) is not { } offer)
        {
            return ToolAnswer.Refused($"No offer '{Short(offerId)}'.");
        }
        // The pair's explanation is the one the matches give: looked for among the seeker's 100 best offers.
        var page = await runtime.Index.MatchOffersAsync(profile, new MatchOptions(100), cancellationToken);
        var hit = page.Hits.FirstOrDefault(h => h.Id == offerId);
        return hit is null
            ? new ToolAnswer(new
            {
                offer = Summary(offer),
                matches = false,
                why = "The offer is not among the seeker's 100 best matches: beyond their radius, or no skill in common.",
            })
            : new ToolAnswer(new { matches = true, rank = page.Hits.ToList().IndexOf(hit) + 1, detail = await OfferViewAsync(runtime, hit, language, cancellationToken) });
    }

    public async Task<ToolAnswer> MarketAsync(AssistantCaller caller, string job, string? commune, string language, CancellationToken cancellationToken)
    {
        var runtime = await provider.Ready.WaitAsync(cancellationToken);
        var data = runtime.Data;
        var text = job.Trim();
        var occupation = RomeCode().IsMatch(text.ToUpperInvariant()) ? data.Taxonomy.OccupationsForRome(text.ToUpperInvariant()).FirstOrDefault()
            : data.Taxonomy.OccupationByUri(text) ?? data.Titles.Understand(text, language, 1).FirstOrDefault()?.Occupation;
        if (occupation is null)
        {
            return ToolAnswer.Refused($"Coach does not recognise the job '{Short(text)}'.");
        }
        var rome = RomeCode().IsMatch(text.ToUpperInvariant()) ? text.ToUpperInvariant() : occupation.RomeCodes.FirstOrDefault();
        var place = string.IsNullOrWhiteSpace(commune) ? null
            : data.Geography.Resolve(commune.Trim()) ?? data.Places.Search(commune.Trim(), 1).FirstOrDefault()?.Commune;
        if (!string.IsNullOrWhiteSpace(commune) && place is null)
        {
            return ToolAnswer.Refused($"Coach does not know the commune '{Short(commune)}'.");
        }
        var at = place?.Location is { } l ? new Place(l.Latitude, l.Longitude, place.InseeCode, place.NameWithArticle) : null;
        var live = await runtime.Index.SupplyDemandAsync(new SupplyDemandQuery(null, occupation.Uri, at, at is null ? null : 30), cancellationToken);
        var area = place is null ? null : data.Geography.EmploymentAreaOf(place.InseeCode);
        double? tension = rome is not null && area is not null && data.Market.TryGetTension(rome, area.Code, out var t) ? t.OffersPerTenJobSeekers : null;
        return new ToolAnswer(new
        {
            job = occupation.LabelFr is { Length: > 0 } fr && language != "en" ? fr : occupation.LabelEn,
            romeCode = rome,
            place = place?.NameWithArticle,
            employmentArea = area?.Name,
            radiusKm = at is null ? (int?)null : 30,
            liveOffers = live.Offers,
            liveProfiles = live.Profiles,
            daresOffersPerTenJobSeekers = tension is { } v ? Math.Round(v, 1) : (double?)null,
        });
    }

    /// <summary>The caller as the API's access rule reads a user (the same claims a token gives).</summary>
    private static ClaimsPrincipal Principal(AssistantCaller caller) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.Id), new Claim(ClaimTypes.Role, caller.Role)], "coach-assistant"));

    private async Task<(CoachAssessment? Assessment, MatchingRuntime Runtime)> AssessAsync(
        AssistantCaller caller, string seekerId, string resource, string language, CancellationToken cancellationToken)
    {
        var runtime = await provider.Ready.WaitAsync(cancellationToken);
        if (!access.TryRead(Principal(caller), seekerId, resource, "assistant"))
        {
            return (null, runtime);
        }
        var profile = runtime.Seekers.Get(seekerId);
        if (profile is null && await runtime.Index.GetProfileAsync(seekerId, cancellationToken) is { } document)
        {
            profile = CoachApi.FromDocument(document);
        }
        return profile is null
            ? (null, runtime)
            : (await runtime.Coach.AssessAsync(profile, DateOnly.FromDateTime(DateTime.UtcNow), language, cancellationToken: cancellationToken), runtime);
    }

    private static async Task<ProfileDocument?> DocumentAsync(MatchingRuntime runtime, string seekerId, CancellationToken cancellationToken)
    {
        if (runtime.Seekers.Get(seekerId) is { } questionnaire)
        {
            var target = runtime.Coach.UnderstandTarget(questionnaire);
            return runtime.Coach.ToDocument(questionnaire, target, runtime.Coach.ResolvePlace(questionnaire));
        }
        return await runtime.Index.GetProfileAsync(seekerId, cancellationToken);
    }

    private static async Task<object> OfferViewAsync(MatchingRuntime runtime, MatchHit hit, string language, CancellationToken cancellationToken)
    {
        var taxonomy = runtime.Data.Taxonomy;
        string Label(string uri) => taxonomy.SkillByUri(uri)?.Label(language) ?? uri;
        var offer = await runtime.Index.GetOfferAsync(hit.Id, cancellationToken);
        var e = hit.Explanation;
        return new
        {
            offerId = hit.Id,
            offer = offer is null ? null : Summary(offer),
            score = Math.Round(hit.Score, 3),
            matched = e.Matched.Select(m => Label(m.SkillUri)),
            matchedThroughRelated = e.MatchedThroughRelated.Select(m => new { skill = Label(m.SkillUri), via = Label(m.ViaSkillUri) }),
            missingEssential = e.MissingEssential.Take(8).Select(Label),
            distanceKm = e.DistanceKm is { } d ? Math.Round(d, 1) : (double?)null,
        };
    }

    private static object Summary(OfferDocument offer) => new
    {
        offer.Title,
        offer.Company,
        place = offer.Place?.Label,
        contract = offer.Contract.ToString(),
        experience = offer.Experience.ToString(),
        offer.Salary,
    };

    private static ToolAnswer NotFound(string seekerId) => ToolAnswer.Refused($"No seeker '{Short(seekerId)}' that you may see.");

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");

    [GeneratedRegex("^[A-Z][0-9]{4}$")]
    private static partial Regex RomeCode();
}
