using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Matching.Engine.Reviews;

namespace Matching.Engine.Ranking;

/// <summary>
/// A preference planted in generated advisers: how much they like a shown (offer, seeker) pair, from its features.
/// The loop must recover it: a model trained on their grades re-ranks the way they grade.
/// </summary>
public sealed record PlantedPreference(string Name, string Description, Func<float[], double> Utility)
{
    private static readonly int s_total = PairFeatures.IndexOf("scorer_total");
    private static readonly int s_permanent = PairFeatures.IndexOf("offer_permanent");
    private static readonly int s_distance = PairFeatures.IndexOf("distance_km");

    /// <summary>Advisers value a permanent contract (CDI) twice as much as the scorer does.</summary>
    public static PlantedPreference Permanent { get; } = new("permanent",
        "advisers grade by scorer total × 2 for a permanent contract (CDI)",
        f => f[s_total] * (f[s_permanent] > 0 ? 2.0 : 1.0));

    /// <summary>Advisers want offers near the seeker, much more than the scorer's mild distance decay.</summary>
    public static PlantedPreference Near { get; } = new("near",
        "advisers grade by scorer total × exp(−distance / 10 km)",
        f => f[s_total] * Math.Exp(-f[s_distance] / 10.0));

    /// <summary>Control: advisers agree with the scorer (up to their noise). A model must not beat it.</summary>
    public static PlantedPreference None { get; } = new("none", "advisers grade by the scorer's total", f => f[s_total]);

    public static IReadOnlyList<PlantedPreference> All { get; } = [Permanent, Near, None];

    public static PlantedPreference? Named(string name) => All.FirstOrDefault(p => p.Name == name);
}

/// <summary>What a generation wrote.</summary>
public sealed record FeedbackSummary(int Seekers, int SeekersShown, int Impressions, int OfferGrades, int ContactRequests, int Accepted);

/// <summary>
/// Seeded feedback for the offer ranking's loop, written through the same stores real feedback goes to: for each seeker
/// the scorer's top 20 offers are shown to a generated adviser (impressions), who grades them by a
/// <see cref="PlantedPreference"/> with noise (2 for the best three, 1 for the next three, 0 for the rest); for some
/// seekers a generated recruiter asks for contact about the adviser's favourite offer, and the seeker may accept.
/// The same seed, index and seekers give the same feedback.
/// </summary>
public sealed class FeedbackGenerator(IMatchIndex index, TensionLookup? tension, int seed)
{
    /// <summary>Offers shown per seeker.</summary>
    public const int Shown = 20;

    /// <summary>Spread of the advisers' judgement: utility × exp(N(0, σ)).</summary>
    public const double Noise = 0.2;

    private const double ContactShare = 0.3;
    private const double AcceptShare = 0.6;
    private static readonly DateTimeOffset s_start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public async Task<FeedbackSummary> GenerateAsync(
        IEnumerable<ProfileDocument> seekers, PlantedPreference preference, ImpressionLog impressions, ReviewStore reviews, ContactRequests contacts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preference);
        var random = new Random(seed);
        int count = 0, shown = 0, impressionCount = 0, grades = 0, requests = 0, accepted = 0;
        foreach (var seeker in seekers)
        {
            count++;
            var page = await index.MatchOffersAsync(seeker, new MatchOptions(Shown), cancellationToken);
            if (page.Hits.Count < 3)
            {
                continue;
            }
            var offers = await OfferRanking.OffersAsync(index, page, cancellationToken);
            var features = page.Hits.Select(h => offers.TryGetValue(h.Id, out var o) ? PairFeatures.Compute(o, seeker, h.Explanation, tension) : null).ToList();
            var adviser = $"gen-adviser-{count % 7}";
            var at = s_start.AddMinutes(count);
            var items = page.Hits.Select((h, i) => (Hit: h, Rank: i + 1, Features: features[i]))
                .Where(x => x.Features is not null)
                .Select(x => new Impression(seeker.Id, x.Hit.Id, x.Rank, x.Rank, x.Hit.Score, x.Features!))
                .ToList();
            impressions.Record(Surfaces.SeekerMatches, adviser, "adviser", items, at);
            shown++;
            impressionCount += items.Count;

            var judged = items
                .Select(x => (x.OfferId, Utility: preference.Utility(x.Features) * Math.Exp(Noise * Gaussian(random))))
                .OrderByDescending(x => x.Utility).ThenBy(x => x.OfferId, StringComparer.Ordinal)
                .ToList();
            var offerReviews = judged.Select((x, i) => new OfferReview(x.OfferId, i < 3 ? 2 : i < 6 ? 1 : 0)).ToList();
            reviews.Submit(seeker.Id, new Review(ReviewGrade.GoodEnough, null, null, [], adviser, at, offerReviews));
            grades += offerReviews.Count;

            if (random.NextDouble() < ContactShare)
            {
                var request = contacts.Create($"gen-recruiter-{count % 5}", seeker.Id, "generated", judged[0].OfferId, "Generated contact request.");
                requests++;
                if (random.NextDouble() < AcceptShare)
                {
                    contacts.Answer(seeker.Id, request.Id, accept: true);
                    accepted++;
                }
            }
        }
        return new FeedbackSummary(count, shown, impressionCount, grades, requests, accepted);
    }

    /// <summary>Standard normal draw (Box-Muller), from the seeded generator.</summary>
    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
