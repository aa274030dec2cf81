using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Seekers;

/// <summary>Offer summary shown next to a match.</summary>
/// <param name="Place">The place as the offer gives it: a commune, or a département, région, "France", remote work (<see cref="PlaceScope"/>).</param>
public sealed record OfferSummary(
    string Id, string Title, string? Company, string? OccupationUri, string? RomeCode, string? Place, string? CommuneCode,
    string Contract, string Experience, string? Salary, DateTimeOffset? CreatedAt)
{
    /// <summary>Characters of the description shown under the title.</summary>
    public const int ExcerptLength = 280;

    /// <summary>How wide the place is; a place other than a commune has no distance.</summary>
    public PlaceScope PlaceScope { get; init; }

    /// <summary>The beginning of the description, cut at a word.</summary>
    public string? Excerpt { get; init; }

    /// <summary>The original offer (France Travail's <c>origineOffre.urlOrigine</c>), when it is a web address.</summary>
    public string? Url { get; init; }

    public static OfferSummary Of(OfferDocument offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(offer.Id, offer.Title, offer.Company, offer.OccupationUri, offer.RomeCode, offer.Place?.Label ?? offer.PlaceArea?.Label, offer.Place?.CommuneCode,
            offer.Contract.ToString(), offer.Experience.ToString(), offer.Salary, offer.CreatedAt)
        {
            PlaceScope = offer.Place is null && offer.PlaceArea is { } area ? area.Scope : PlaceScope.Commune,
            Excerpt = ExcerptOf(offer.Description),
            Url = Uri.TryCreate(offer.Source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url.AbsoluteUri : null,
        };
    }

    /// <summary>The first <see cref="ExcerptLength"/> characters of a text, whitespace collapsed, cut at a word with an ellipsis.</summary>
    public static string? ExcerptOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= ExcerptLength)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', ExcerptLength);
        return flat[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }
}

/// <summary>An offer matching a seeker: its summary (null when it was deleted meanwhile) and why it matched.</summary>
public sealed record OfferMatchView(string OfferId, double Score, OfferSummary? Offer, ExplanationView Explanation)
{
    /// <summary>
    /// Postings of the same job at the same company and place on this page, this one included: shown once
    /// (the best scored), with the count.
    /// </summary>
    public int Postings { get; init; } = 1;
}

public sealed record OfferMatchPage(IReadOnlyList<OfferMatchView> Hits, long Total, string? NextCursor);

internal static class OfferMatchViews
{
    /// <summary>
    /// Each hit with its offer's summary and its explanation in the asked language; the same job at the same company and
    /// place (title, company and place equal once normalised) once, with a count. The offers already read for the page
    /// (<paramref name="read"/>) are not read again; the others are read one by one (a page is small).
    /// </summary>
    /// <param name="postings">Counts already made (<see cref="Coaching.CoachAssessment.Postings"/>), added to those of this page.</param>
    public static async Task<List<OfferMatchView>> ViewsAsync(IMatchIndex index, SkillsTaxonomy taxonomy, MatchPage page, string language, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, OfferDocument>? read = null, IReadOnlyDictionary<string, int>? postings = null)
    {
        var hits = new List<OfferMatchView>(page.Hits.Count);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hit in page.Hits)
        {
            var offer = read is not null && read.TryGetValue(hit.Id, out var known) ? known : await index.GetOfferAsync(hit.Id, cancellationToken);
            if (offer is not null && first.TryGetValue(PostingKey(offer), out var at))
            {
                hits[at] = hits[at] with { Postings = hits[at].Postings + 1 };
                continue;
            }
            if (offer is not null)
            {
                first[PostingKey(offer)] = hits.Count;
            }
            hits.Add(new OfferMatchView(hit.Id, Math.Round(hit.Score, 4), offer is null ? null : OfferSummary.Of(offer),
                ExplanationViews.Explain(hit.Explanation, taxonomy, language, offer))
            {
                Postings = postings?.GetValueOrDefault(hit.Id) is > 1 and var count ? count : 1,
            });
        }
        return hits;
    }

    /// <summary>What makes two postings the same job: title, company and place, normalised (case, accents, "(H/F)" and punctuation aside).</summary>
    public static string PostingKey(OfferDocument offer) => string.Join('|',
        Text.TextNormalizer.Normalize(offer.Title.Replace("(H/F)", "", StringComparison.OrdinalIgnoreCase).Replace("H/F", "", StringComparison.OrdinalIgnoreCase)),
        Text.TextNormalizer.Normalize(offer.Company ?? ""),
        offer.Place?.CommuneCode ?? Text.TextNormalizer.Normalize(offer.Place?.Label ?? offer.PlaceArea?.Label ?? ""));
}
