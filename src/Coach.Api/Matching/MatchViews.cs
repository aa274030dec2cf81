using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Coach.Api.Matching;

/// <summary>A skill as clients see it: its ESCO URI and its label in the asked language.</summary>
public sealed record SkillRef(string Uri, string Label);

public sealed record SkillMatchView(SkillRef Skill, SkillRef Via, string Kind, string Importance, double Credit);

public sealed record ExplanationView(
    IReadOnlyList<SkillMatchView> Matched,
    IReadOnlyList<SkillMatchView> MatchedThroughRelated,
    IReadOnlyList<SkillRef> MissingEssential,
    IReadOnlyList<SkillRef> MissingOptional,
    // Absent rather than null where it is withheld (recruiters see a distance band instead).
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm,
    ScoreParts Parts)
{
    /// <summary>
    /// Where each of the offer's demanded skills comes from (URI → OfferCode, OfferText, OfferFields: asked in
    /// the offer; Occupation: usual for this job), when the offer is known.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, SkillSource>? SkillSources { get; init; }
}

/// <summary>Offer summary shown next to a match.</summary>
public sealed record OfferSummary(
    string Id, string Title, string? Company, string? OccupationUri, string? RomeCode, string? Place, string? CommuneCode,
    string Contract, string Experience, string? Salary, DateTimeOffset? CreatedAt);

public sealed record OfferMatchView(string OfferId, double Score, OfferSummary? Offer, ExplanationView Explanation);

public sealed record OfferMatchPage(IReadOnlyList<OfferMatchView> Hits, long Total, string? NextCursor);

/// <summary>A candidate as a recruiter sees them: a pseudonym, no name, no contact, no exact distance.</summary>
public sealed record CandidateView(
    string Pseudonym, double Score, IReadOnlyList<SkillRef> Skills, double ExperienceYears, IReadOnlyList<ContractType> ContractWishes,
    string DistanceBand, ExplanationView Explanation);

public sealed record CandidatePage(IReadOnlyList<CandidateView> Hits, long Total, string? NextCursor, CandidateFacets? Facets = null);

public static class MatchViews
{
    public static SkillRef Skill(SkillsTaxonomy taxonomy, string uri, string language) =>
        new(uri, taxonomy.SkillByUri(uri)?.Label(language) ?? uri);

    /// <param name="offer">The offer of the pair, when known: the view then names each demanded skill's source.</param>
    public static ExplanationView Explain(MatchExplanation e, SkillsTaxonomy taxonomy, string language, OfferDocument? offer = null)
    {
        SkillMatchView View(SkillMatch m) => new(
            Skill(taxonomy, m.SkillUri, language), Skill(taxonomy, m.ViaSkillUri, language),
            m.Kind.ToString(), m.Importance.ToString(), Math.Round(m.Credit, 3));
        return new ExplanationView(
            e.Matched.Select(View).ToList(),
            e.MatchedThroughRelated.Select(View).ToList(),
            e.MissingEssential.Select(u => Skill(taxonomy, u, language)).ToList(),
            e.MissingOptional.Select(u => Skill(taxonomy, u, language)).ToList(),
            e.DistanceKm is { } d ? Math.Round(d, 1) : null,
            e.Parts)
        {
            SkillSources = offer?.Skills.GroupBy(s => s.SkillUri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal),
        };
    }

    public static OfferSummary Summary(OfferDocument offer) => new(
        offer.Id, offer.Title, offer.Company, offer.OccupationUri, offer.RomeCode, offer.Place?.Label, offer.Place?.CommuneCode,
        offer.Contract.ToString(), offer.Experience.ToString(), offer.Salary, offer.CreatedAt);

    /// <summary>The language asked for: <c>lang</c> query parameter, else Accept-Language, else French.</summary>
    public static string Language(HttpContext context, string? lang)
    {
        if (lang is "fr" or "en")
        {
            return lang;
        }
        var header = context.Request.Headers.AcceptLanguage.ToString();
        return header.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";
    }
}
