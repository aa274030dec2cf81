using System.Text.Json.Serialization;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Scoring;

/// <summary>A skill as users see it: its ESCO URI and its label in the asked language.</summary>
public sealed record SkillRef(string Uri, string Label);

public sealed record SkillMatchView(SkillRef Skill, SkillRef Via, string Kind, string Importance, double Credit);

/// <summary>Why a pair matched, with labels: what the API answers and the pages show.</summary>
public sealed record ExplanationView(
    IReadOnlyList<SkillMatchView> Matched,
    IReadOnlyList<SkillMatchView> MatchedThroughRelated,
    IReadOnlyList<SkillRef> MissingEssential,
    IReadOnlyList<SkillRef> MissingOptional,
    // Absent rather than null where it is withheld (recruiters see a distance band instead).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm,
    ScoreParts Parts)
{
    /// <summary>
    /// Where each of the offer's demanded skills comes from (URI → OfferCode, OfferText, OfferFields: asked in
    /// the offer; Occupation: usual for this job), when the offer is known.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, SkillSource>? SkillSources { get; init; }

    /// <summary>Whether the offer asked for this skill itself (true), or Coach added it as usual for the job (false); null when unknown.</summary>
    public bool? AskedInOffer(string skillUri) =>
        SkillSources is { } sources && sources.TryGetValue(skillUri, out var source) ? source != SkillSource.Occupation : null;
}

/// <summary>Index explanations to the views users read.</summary>
public static class ExplanationViews
{
    public static SkillRef Skill(SkillsTaxonomy taxonomy, string uri, string language)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return new(uri, taxonomy.SkillByUri(uri)?.Label(language) ?? uri);
    }

    /// <param name="offer">The offer of the pair, when known: the view then names each demanded skill's source.</param>
    public static ExplanationView Explain(MatchExplanation e, SkillsTaxonomy taxonomy, string language, OfferDocument? offer = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        SkillMatchView View(SkillMatch m) => new(
            Skill(taxonomy, m.SkillUri, language), Skill(taxonomy, m.ViaSkillUri, language),
            m.Kind.ToString(), m.Importance.ToString(), Math.Round(m.Credit, 3));
        return new ExplanationView(
            [.. e.Matched.Select(View)],
            [.. e.MatchedThroughRelated.Select(View)],
            [.. e.MissingEssential.Select(u => Skill(taxonomy, u, language))],
            [.. e.MissingOptional.Select(u => Skill(taxonomy, u, language))],
            e.DistanceKm is { } d ? Math.Round(d, 1) : null,
            e.Parts)
        {
            SkillSources = offer?.Skills.GroupBy(s => s.SkillUri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal),
        };
    }
}
