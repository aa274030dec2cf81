using Matching.Engine.Candidates;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Microsoft.Extensions.Logging;

namespace Matching.Engine.Alerts;

/// <summary>
/// The hook of the write use cases: when offers or profiles are written, each is scored against the saved
/// searches of the other side only (the seekers' own searches for an offer; the recruiters' candidate searches
/// and followed offers for a profile) and the matches are recorded with the time they were found. Reading the
/// alerts then reads those records: no search runs again on a read. Recruiters' alerts hold only consenting
/// seekers, scored by distance band, as every recruiter-facing match.
/// </summary>
public sealed class AlertMatcher(
    AlertStore store, IMatchIndex index, CandidateFinder candidates, ReferenceDataProvider referenceData, TimeProvider time, ILogger<AlertMatcher> logger)
{
    /// <summary>Below this score a match is too weak to be worth an alert.</summary>
    public const double MinScore = 0.05;

    // Built on first use (the reference data is loaded by then): the graph the index builds, once more for the alerts.
    private readonly Lazy<AlertScorer> _scorer = new(() =>
    {
        var data = referenceData.Require();
        return new AlertScorer(data.Taxonomy, new SkillGraph(data.Taxonomy), data.PlaceAreas);
    });

    private AlertScorer Scorer => _scorer.Value;

    /// <summary>New offers against the seekers' saved searches.</summary>
    public async Task OffersWrittenAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default)
    {
        if (offers.Count == 0)
        {
            return;
        }
        try
        {
            var searches = store.OfKind(SavedSearchKind.OfferMatches);
            var now = time.GetUtcNow();
            var hits = new List<AlertHit>();
            foreach (var search in searches)
            {
                if (await index.GetProfileAsync(search.OwnerId, cancellationToken) is not { } profile || profile.Skills.Count == 0)
                {
                    continue;
                }
                var supplier = Scorer.Supply(profile);
                foreach (var offer in offers)
                {
                    if (Scorer.Score(offer, supplier) is { } score && score >= MinScore)
                    {
                        hits.Add(new AlertHit(search.Id, offer.Id, score, now));
                    }
                }
            }
            store.AddHits(hits);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IndexUnavailableException))
        {
            // The write is done and durable; an alert missed is logged, never the write refused.
            logger.LogError(e, "Alerts for {Count} written offers could not be computed", offers.Count);
        }
    }

    /// <summary>New or changed profiles against the recruiters' candidate searches and followed offers (consenting seekers only).</summary>
    public async Task ProfilesWrittenAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default)
    {
        var consenting = profiles.Where(Consent.MayAppearInRecruiterSearch).ToList();
        if (consenting.Count == 0)
        {
            return;
        }
        try
        {
            var now = time.GetUtcNow();
            var hits = new List<AlertHit>();
            var suppliers = consenting.Select(Scorer.Supply).ToList();
            foreach (var search in store.OfKind(SavedSearchKind.CandidateSearch))
            {
                if (search.Query is null || candidates.ToQuery(search.Query).Value is not { } query)
                {
                    continue;
                }
                var probe = Probe(query);
                foreach (var supplier in suppliers)
                {
                    if (Passes(query, supplier.Profile)
                        && Scorer.Score(probe, supplier, query.AllowRelated, query.RadiusKm, banded: true) is { } score
                        && score >= MinScore)
                    {
                        hits.Add(new AlertHit(search.Id, supplier.Profile.Id, score, now));
                    }
                }
            }
            foreach (var search in store.OfKind(SavedSearchKind.OfferCandidates))
            {
                if (search.OfferId is null || await index.GetOfferAsync(search.OfferId, cancellationToken) is not { } offer)
                {
                    continue;
                }
                foreach (var supplier in suppliers)
                {
                    if (Scorer.Score(offer, supplier, banded: true) is { } score && score >= MinScore)
                    {
                        hits.Add(new AlertHit(search.Id, supplier.Profile.Id, score, now));
                    }
                }
            }
            store.AddHits(hits);
        }
        catch (Exception e) when (e is not (OperationCanceledException or IndexUnavailableException))
        {
            logger.LogError(e, "Alerts for {Count} written profiles could not be computed", profiles.Count);
        }
    }

    /// <summary>A candidate search as the offer the index scores it as: must-have skills essential (and a hard filter), nice-to-have optional.</summary>
    internal static OfferDocument Probe(CandidateQuery query) => new()
    {
        Id = "query",
        Title = "query",
        Skills = [.. query.MustHave.Select(u => new DemandedSkill(u, SkillImportance.Essential, MustHave: true)),
            .. query.NiceToHave.Where(u => !query.MustHave.Contains(u)).Select(u => new DemandedSkill(u, SkillImportance.Optional))],
        Place = query.Place,
    };

    private static bool Passes(CandidateQuery query, ProfileDocument profile)
    {
        if (query.MinExperienceYears is { } min && profile.ExperienceYears < min)
        {
            return false;
        }
        var wishes = profile.ContractWishes;
        return query.Contracts is not { Count: > 0 } asked || wishes.Count == 0 || wishes.Contains(ContractType.Unspecified) || wishes.Any(asked.Contains);
    }
}
