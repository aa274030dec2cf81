using Coach.Api.Security;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Coach.Api.Matching;

public static class CandidateViews
{
    /// <summary>
    /// Candidates as a recruiter sees them: a pseudonym stable for this recruiter, skills,
    /// experience, contract wishes, a distance band and the explanation; never the exact distance
    /// (with the search centre it would locate the seeker), an id, a name or a contact. Seekers
    /// who did not consent are dropped whatever the index returned.
    /// </summary>
    /// <param name="forOffer">The recruiter's offer these are the candidates of, on a first page: the list is recorded as
    /// shown (impressions train the ranking); null for a search by skills or a later page.</param>
    public static async Task<List<CandidateView>> CandidatesAsync(
        IEnumerable<MatchHit> hits, MatchingRuntime runtime, string language, string recruiterId, Pseudonyms pseudonyms, CancellationToken cancellationToken,
        OfferDocument? forOffer = null)
    {
        var shown = new List<(MatchHit Hit, ProfileDocument Profile)>();
        foreach (var hit in hits)
        {
            if (await runtime.Index.GetProfileAsync(hit.Id, cancellationToken) is { } profile && Consent.MayAppearInRecruiterSearch(profile))
            {
                shown.Add((hit, profile));
            }
        }
        if (forOffer is not null)
        {
            runtime.Ranking?.RecordCandidates(recruiterId, forOffer, shown, runtime.Tension);
        }
        var names = pseudonyms.Issue(recruiterId, [.. shown.Select(s => s.Hit.Id)]);
        return [.. shown.Select((s, i) => new CandidateView(
            names[i],
            Math.Round(s.Hit.Score, 4),
            s.Profile.Skills.Select(k => MatchViews.Skill(runtime.Data.Taxonomy, k.SkillUri, language)).ToList(),
            s.Profile.ExperienceYears,
            s.Profile.ContractWishes,
            RecruiterView.DistanceBand(s.Hit.Explanation.DistanceKm),
            MatchViews.Explain(s.Hit.Explanation, runtime.Data.Taxonomy, language) with { DistanceKm = null }))];
    }
}
