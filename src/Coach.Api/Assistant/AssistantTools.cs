using Coach.Assistant;
using Matching.Engine.Access;
using Matching.Engine.Hosting;
using Matching.Engine.Market;
using Matching.Engine.Offers;
using Matching.Engine.Seekers;

namespace Coach.Api.Assistant;

/// <summary>
/// The assistant's tools: the engine's use cases, called as the user (<see cref="CoachUser"/>), each with its own access
/// rule and audit: a seeker reaches their own data, an adviser their caseload's (each read audited with the reason
/// "assistant"), an admin anyone's; anything else comes back as the use case's refusal, which the model reads as
/// such. Nothing here decides who may see what.
/// </summary>
public sealed class AssistantTools(
    SeekerAssessments assessments, OfferPostings offers, MarketOverview market, ReferenceDataProvider referenceData) : IAssistantTools
{
    private const int MatchesShown = 10;
    private const string Reason = "assistant";

    public async Task<ToolAnswer> DiagnoseAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken) =>
        Answer(await assessments.ForSeekerAsync(User(caller), seekerId, language, "diagnosis", Reason, cancellationToken), view => new
        {
            target = view.Target,
            diagnosis = view.Diagnosis,
            // What the seeker sees: their adviser's review applied (re-scored advice, hidden ones gone).
            advice = view.Advice.Select(a => new { a.ModuleId, a.Title, a.Score, a.Reason }),
        });

    public async Task<ToolAnswer> MatchesAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken) =>
        Answer(await assessments.ForSeekerAsync(User(caller), seekerId, language, "matches", Reason, cancellationToken), view => new
        {
            total = view.MatchesTotal,
            // True: at least total match (the count stops at 1,000; for a seeker with no skill of the job, the offers of the job among
            // the hits read).
            totalIsLowerBound = view.MatchesTotalIsLowerBound,
            offers = view.Matches.Take(MatchesShown).Select(Compact),
        });

    public async Task<ToolAnswer> SkillsGapAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken) =>
        Answer(await assessments.ForSeekerAsync(User(caller), seekerId, language, "skills-gap", Reason, cancellationToken), view => new
        {
            target = view.Target?.OccupationLabel,
            share = view.SkillsGap?.Share,
            askedSkills = view.SkillsGap?.AskedSkills ?? 0,
            missing = view.SkillsGap?.Missing.Take(10) ?? [],
        });

    public async Task<ToolAnswer> CloseJobsAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken) =>
        Answer(await assessments.ForSeekerAsync(User(caller), seekerId, language, "close-jobs", Reason, cancellationToken), view => new
        {
            target = view.Target?.OccupationLabel,
            closeJobs = view.CloseJobs.Take(6),
        });

    public async Task<ToolAnswer> ExplainOfferAsync(AssistantCaller caller, string seekerId, string offerId, string language, CancellationToken cancellationToken)
    {
        var user = User(caller);
        var assessed = await assessments.ForSeekerAsync(user, seekerId, language, "matches", Reason, cancellationToken);
        if (!assessed.IsSuccess)
        {
            return Refused(assessed.Refusal);
        }
        var view = assessed.Value!;
        var index = view.Matches.ToList().FindIndex(m => m.OfferId == offerId);
        if (index >= 0)
        {
            return new ToolAnswer(new { matches = true, rank = index + 1, detail = Compact(view.Matches[index]) });
        }
        var offer = await offers.GetAsync(user, offerId, cancellationToken);
        return offer.IsSuccess
            ? new ToolAnswer(new
            {
                matches = false,
                offer = OfferSummary.Of(offer.Value!, referenceData.Require().Taxonomy, referenceData.Require().Geography),
                why = $"The offer is not among the seeker's {view.Matches.Count} best matches ({(view.MatchesTotalIsLowerBound ? "at least " : "")}{view.MatchesTotal} in all): beyond their radius, or few skills in common.",
            })
            : Refused(offer.Refusal);
    }

    public async Task<ToolAnswer> MarketAsync(AssistantCaller caller, string job, string? commune, string language, CancellationToken cancellationToken)
    {
        // The user's words for a job are read as an occupation the way the questionnaire reads them; codes and URIs pass as they are.
        var text = job.Trim();
        var occupation = text.StartsWith("http", StringComparison.Ordinal) || (text.Length == 5 && char.IsAsciiLetter(text[0]) && text[1..].All(char.IsAsciiDigit))
            ? text
            : referenceData.Require().Titles.Understand(text, language, 1).FirstOrDefault()?.Occupation.Uri;
        if (occupation is null)
        {
            return ToolAnswer.Refused($"Coach does not recognise the job '{Short(text)}'.");
        }
        return Answer(await market.SupplyDemandAsync(new MarketQuery(null, occupation, string.IsNullOrWhiteSpace(commune) ? null : commune.Trim()), language, cancellationToken),
            view => new
            {
                job = view.OccupationLabel,
                romeCode = view.RomeCode,
                place = view.Place,
                radiusKm = view.RadiusKm,
                liveOffers = view.Offers,
                liveProfiles = view.Profiles,
                daresOffersPerTenJobSeekers = view.LocalTension?.OffersPerTenJobSeekers,
                employmentArea = view.LocalTension?.AreaName,
            });
    }

    private static CoachUser User(AssistantCaller caller) => new(caller.Id, caller.Role);

    private static object Compact(OfferMatchView match) => new
    {
        offerId = match.OfferId,
        offer = match.Offer is { } o ? new { o.Title, o.Company, o.Place, o.Contract, o.Experience, o.Salary } : null,
        score = Math.Round(match.Score, 3),
        matched = match.Explanation.Matched.Select(m => m.Skill.Label),
        matchedThroughRelated = match.Explanation.MatchedThroughRelated.Select(m => new { skill = m.Skill.Label, via = m.Via.Label }),
        missingEssential = match.Explanation.MissingEssential.Take(8).Select(s => s.Label),
        distanceKm = match.Explanation.DistanceKm,
    };

    private static ToolAnswer Answer<T>(Outcome<T> outcome, Func<T, object> data) =>
        outcome.IsSuccess ? new ToolAnswer(data(outcome.Value!)) : Refused(outcome.Refusal);

    /// <summary>The use case's refusal in words: a seeker the caller may not see reads like one that does not exist.</summary>
    private static ToolAnswer Refused(Refusal? refusal) => ToolAnswer.Refused(refusal?.ToString() ?? "Refused.");

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
