using Matching.Engine.Hosting;
using Matching.Engine.Indexing;

namespace Matching.Engine.Ranking;

/// <summary>
/// The learned side of the offers a seeker is shown: re-orders the first page with the offer ranking model when one
/// exists and beat the scorer on its held-out split (else the scorer's order stands, untouched), and records what was
/// shown (<see cref="ImpressionLog"/>) so the next model can learn from it. Explanations stay: the model's
/// contribution is one more part of each hit (<see cref="ScoreParts.Learned"/>). Thread-safe.
/// </summary>
public sealed class OfferRanking(ImpressionLog impressions, string modelDirectory, TimeProvider time)
{
    /// <summary>How often the folder is looked at for a newer model (a training run while Coach serves).</summary>
    private static readonly TimeSpan s_recheck = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private LoadedRankingModel? _model;
    private int? _latestVersion;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public string ModelDirectory { get; } = modelDirectory;

    /// <summary>The card of the model in use, or null when the scorer's order stands.</summary>
    public RankingModelCard? ActiveModel => Model()?.Card;

    /// <summary>The DARES tension of the offer's job around its place, from the reference data.</summary>
    public static TensionLookup Tension(ReferenceData data) => (rome, commune) =>
        rome is not null && commune is not null && data.Geography.EmploymentAreaOf(commune)?.Code is { } area
            && data.Market.TryGetTension(rome, area, out var tension)
            ? tension.OffersPerTenJobSeekers
            : null;

    /// <summary>The offers behind a page, by id (one read each: a page is small).</summary>
    public static async Task<Dictionary<string, OfferDocument>> OffersAsync(IMatchIndex index, MatchPage page, CancellationToken cancellationToken = default)
    {
        var offers = new Dictionary<string, OfferDocument>(StringComparer.Ordinal);
        foreach (var hit in page.Hits)
        {
            if (await index.GetOfferAsync(hit.Id, cancellationToken) is { } offer)
            {
                offers[hit.Id] = offer;
            }
        }
        return offers;
    }

    /// <summary>
    /// The first page of a seeker's matches re-ordered by the model (its hits, total and cursor unchanged, so paging
    /// stays the scorer's); the page as it is when no model is in use or an offer of the page is gone.
    /// </summary>
    public MatchPage Rerank(ProfileDocument profile, MatchPage page, IReadOnlyDictionary<string, OfferDocument> offers, TensionLookup? tension)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Model() is not { } model || page.Hits.Count < 2 || page.Hits.Any(h => !offers.ContainsKey(h.Id)))
        {
            return page;
        }
        var evidence = PairFeatures.EvidenceOf(profile);
        var features = page.Hits.Select(h => PairFeatures.Compute(offers[h.Id], profile, h.Explanation, tension, evidence)).ToList();
        var scores = model.Score(features);
        var order = page.Hits
            .Select((hit, i) => (Hit: hit, Score: scores[i], ScorerRank: i + 1))
            .OrderByDescending(p => p.Score).ThenBy(p => p.ScorerRank)
            .ToList();
        var hits = order.Select((p, i) => p.Hit with
        {
            Explanation = p.Hit.Explanation with
            {
                Parts = p.Hit.Explanation.Parts with { Learned = new LearnedPart(p.Score, p.ScorerRank, i + 1, model.Card.Version) },
            },
        }).ToList();
        return page with { Hits = hits };
    }

    /// <summary>Records the offers a viewer was shown for a seeker (the first page, as ranked), with each pair's features.</summary>
    public void RecordSeekerMatches(string viewerId, string viewerRole, ProfileDocument profile, MatchPage page,
        IReadOnlyDictionary<string, OfferDocument> offers, TensionLookup? tension) =>
        RecordSeekerMatches(viewerId, viewerRole, SeekerImpressions(profile, page, offers, tension));

    /// <summary>What a first page of a seeker's matches shows (as ranked), with each pair's features: to record each time it is shown.</summary>
    public static IReadOnlyList<Impression> SeekerImpressions(ProfileDocument profile, MatchPage page,
        IReadOnlyDictionary<string, OfferDocument> offers, TensionLookup? tension)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(offers);
        var items = new List<Impression>(page.Hits.Count);
        var evidence = PairFeatures.EvidenceOf(profile);
        for (var i = 0; i < page.Hits.Count; i++)
        {
            var hit = page.Hits[i];
            if (offers.TryGetValue(hit.Id, out var offer))
            {
                items.Add(new Impression(profile.Id, hit.Id, i + 1, hit.Explanation.Parts.Learned?.ScorerRank ?? i + 1, hit.Score,
                    PairFeatures.Compute(offer, profile, hit.Explanation, tension, evidence)));
            }
        }
        // One list for every read of a kept page: recorded as it is, its rows' JSON made once.
        return ImpressionList.Of(items);
    }

    /// <summary>Records a seeker's first page (<see cref="SeekerImpressions"/>) as shown to a viewer now.</summary>
    public void RecordSeekerMatches(string viewerId, string viewerRole, IReadOnlyList<Impression> shown) =>
        impressions.Record(Surfaces.SeekerMatches, viewerId, viewerRole, shown, time.GetUtcNow());

    /// <summary>Records the candidates a recruiter was shown for their offer (first page), with each pair's features.</summary>
    public void RecordCandidates(string recruiterId, OfferDocument offer, IReadOnlyList<(MatchHit Hit, ProfileDocument Profile)> shown, TensionLookup? tension)
    {
        var items = shown.Select((s, i) => new Impression(s.Profile.Id, offer.Id, i + 1, i + 1, s.Hit.Score,
            PairFeatures.Compute(offer, s.Profile, s.Hit.Explanation, tension))).ToList();
        impressions.Record(Surfaces.OfferCandidates, recruiterId, "recruiter", items, time.GetUtcNow());
    }

    /// <summary>Reads the folder again now (after a training run in this process).</summary>
    public void Reload()
    {
        lock (_lock)
        {
            _checkedAt = DateTimeOffset.MinValue;
        }
        _ = Model();
    }

    private LoadedRankingModel? Model()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _checkedAt < s_recheck)
            {
                return _model;
            }
            _checkedAt = now;
            var latest = RankingModels.LatestCard(ModelDirectory, RankingModels.Offers)?.Version;
            if (latest != _latestVersion)
            {
                _latestVersion = latest;
                _model = RankingModels.LoadActive(ModelDirectory, RankingModels.Offers, PairFeatures.Version);
            }
            return _model;
        }
    }
}
