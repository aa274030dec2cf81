using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Seekers;

/// <summary>Offer summary shown next to a match.</summary>
public sealed record OfferSummary(
    string Id, string Title, string? Company, string? OccupationUri, string? RomeCode, string? Place, string? CommuneCode,
    string Contract, string Experience, string? Salary, DateTimeOffset? CreatedAt)
{
    public static OfferSummary Of(OfferDocument offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(offer.Id, offer.Title, offer.Company, offer.OccupationUri, offer.RomeCode, offer.Place?.Label, offer.Place?.CommuneCode,
            offer.Contract.ToString(), offer.Experience.ToString(), offer.Salary, offer.CreatedAt);
    }
}

/// <summary>An offer matching a seeker: its summary (null when it was deleted meanwhile) and why it matched.</summary>
public sealed record OfferMatchView(string OfferId, double Score, OfferSummary? Offer, ExplanationView Explanation);

public sealed record OfferMatchPage(IReadOnlyList<OfferMatchView> Hits, long Total, string? NextCursor);

internal static class OfferMatchViews
{
    /// <summary>Each hit with its offer's summary (one read each: a page is small) and its explanation in the asked language.</summary>
    public static async Task<List<OfferMatchView>> ViewsAsync(IMatchIndex index, SkillsTaxonomy taxonomy, MatchPage page, string language, CancellationToken cancellationToken)
    {
        var hits = new List<OfferMatchView>(page.Hits.Count);
        foreach (var hit in page.Hits)
        {
            var offer = await index.GetOfferAsync(hit.Id, cancellationToken);
            hits.Add(new OfferMatchView(hit.Id, Math.Round(hit.Score, 4), offer is null ? null : OfferSummary.Of(offer),
                ExplanationViews.Explain(hit.Explanation, taxonomy, language, offer)));
        }
        return hits;
    }
}
