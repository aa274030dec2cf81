using System.ComponentModel;
using System.Text.Json.Serialization;
using Matching.Engine.Geography;
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

    /// <summary>How the occupation was read (<see cref="OfferDocument.OccupationEvidence"/>); null when the poster named it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("How the occupation was read: RomeCode, Appellation, or TitleAndDescription (guessed by Coach from the offer's text); absent when the poster named it.")]
    public OccupationEvidence? OccupationEvidence { get; init; }

    /// <summary>The probability of a guessed occupation (<see cref="OfferDocument.OccupationConfidence"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Probability of the guessed occupation, 0 to 1 (occupationEvidence TitleAndDescription only).")]
    public double? OccupationConfidence { get; init; }

    /// <summary>
    /// The occupation was guessed from the offer's text at a confidence below <see cref="OfferDocument.UncertainOccupationBelow"/>
    /// (right about half the time): shown as uncertain, not as the offer's job.
    /// </summary>
    [Description("True when the occupation was guessed from the offer's text at a confidence below 0.6: it is right about half the time.")]
    public bool OccupationUncertain { get; init; }

    /// <summary>The ROME 4.0 title of a guessed occupation (French), to show what Coach read; null when the offer gave its occupation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The ROME title of the guessed occupation (TitleAndDescription only).")]
    public string? OccupationLabel { get; init; }

    /// <summary>
    /// The ROME 4.0 sheet whose usual skills (source <c>Occupation</c>, "habituel pour ce métier") the offer was given when it is
    /// not <see cref="OfferSummary.RomeCode"/>: the job its title names (<see cref="OfferDocument.UsualSkillsRomeCode"/>), with its title.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The ROME code whose usual skills the offer was given when it is not romeCode: the job its title names exactly; absent otherwise.")]
    public string? UsualSkillsRomeCode { get; init; }

    /// <summary>The ROME title of <see cref="UsualSkillsRomeCode"/> (French); null when the usual skills are the offer's own job's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The ROME title of usualSkillsRomeCode: \"habituel pour ce métier\" means this job's.")]
    public string? UsualSkillsLabel { get; init; }

    /// <summary>
    /// The English name of <see cref="UsualSkillsRomeCode"/>'s job: ROME has no English, so the ESCO occupation the crosswalk links
    /// to the sheet's principal title as the same or a close job ("accounting assistant" for "Assistant / Assistante comptable");
    /// null when no such link exists (an English page then gives the French title as France Travail's).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("English name of usualSkillsRomeCode's job: the ESCO occupation the crosswalk links to its ROME title as the same or a close job; absent when none is.")]
    public string? UsualSkillsLabelEn { get; init; }

    /// <param name="taxonomy">Gives a guessed occupation its ROME title (<see cref="OccupationLabel"/>) and the usual skills' job its names; without it, the labels are not given.</param>
    /// <param name="geography">Makes the place readable (<see cref="PlaceLabels"/>: "Annecy (74)" for France Travail's "74 - ANNECY"); without it, the place is the stored label.</param>
    public static OfferSummary Of(OfferDocument offer, SkillsTaxonomy? taxonomy = null, GeographyData? geography = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var guessed = offer.OccupationEvidence == Indexing.OccupationEvidence.TitleAndDescription;
        var usualSheet = offer.UsualSkillsRomeCode is { } usual ? taxonomy?.Rome4.Sheet(usual) : null;
        return new(offer.Id, offer.Title, offer.Company, offer.OccupationUri, offer.RomeCode,
            geography is null ? offer.Place?.Label ?? offer.PlaceArea?.Label : PlaceLabels.Of(offer.Place, offer.PlaceArea, geography), offer.Place?.CommuneCode,
            offer.Contract.ToString(), offer.Experience.ToString(), offer.Salary, offer.CreatedAt)
        {
            PlaceScope = offer.Place is null && offer.PlaceArea is { } area ? area.Scope : PlaceScope.Commune,
            Excerpt = ExcerptOf(offer.Description),
            Url = Uri.TryCreate(offer.Source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url.AbsoluteUri : null,
            OccupationEvidence = offer.OccupationEvidence,
            OccupationConfidence = guessed ? offer.OccupationConfidence : null,
            OccupationUncertain = OfferDocument.IsOccupationUncertain(offer.OccupationEvidence, offer.OccupationConfidence),
            OccupationLabel = guessed && offer.RomeCode is { } code ? taxonomy?.Rome4.Sheet(code)?.Label : null,
            UsualSkillsRomeCode = offer.UsualSkillsRomeCode,
            UsualSkillsLabel = usualSheet?.Label,
            UsualSkillsLabelEn = usualSheet is null ? null : EnglishName(taxonomy!, usualSheet),
        };
    }

    /// <summary>
    /// The English label of the ESCO occupation the crosswalk links to the sheet's principal title as an exact or close match; null
    /// when there is none (a broader or narrower occupation would name another job).
    /// </summary>
    internal static string? EnglishName(SkillsTaxonomy taxonomy, Rome4Sheet sheet)
    {
        var principal = sheet.AppellationCodes.Select(taxonomy.Rome4.Appellation).OfType<Rome4Appellation>().FirstOrDefault(a => a.Principal);
        return principal?.Occupations.FirstOrDefault(l => l.Match is CrosswalkMatch.Exact or CrosswalkMatch.Close) is { } link
            && taxonomy.Occupations[link.OccupationId].LabelEn is { Length: > 0 } english
            ? english
            : null;
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

/// <summary>
/// A page of a seeker's matches as <c>GET /api/profiles/{id}/matches</c> answers it: the hits name skills by URI, and
/// <see cref="Skills"/> gives each skill of the page its label once (a page of 20 offers names a skill about six times,
/// so labels inline made the page about three times longer).
/// </summary>
public sealed record OfferMatchPage(
    IReadOnlyList<MatchedOffer> Hits,
    [property: Description("Label of every skill the hits name (skill URI to label, in the asked language).")] IReadOnlyDictionary<string, string> Skills,
    [property: Description("Offers matching in all; when totalIsLowerBound, the cap (1,000) that more than that many exceed.")] long Total,
    string? NextCursor,
    [property: Description("True when more than total offers match: the count stopped at the cap (the hits and their order are exact either way).")] bool TotalIsLowerBound = false)
{
    /// <summary>The seeker gave no skill of a job: the offers were matched with the target job's usual skills (ROME 4.0 core items, ESCO essential skills).</summary>
    [Description("True when the seeker gave no skill of a job: the offers were matched with the target job's usual skills instead.")]
    public bool MatchedOnTargetJobSkills { get; init; }
}

/// <summary>An offer matching a seeker, on a page of matches: its summary (null when it was deleted meanwhile) and why it matched.</summary>
public sealed record MatchedOffer(string OfferId, double Score, OfferSummary? Offer, MatchReasons Explanation)
{
    /// <summary>Postings of the same job at the same company and place on this page, this one included (see <see cref="OfferMatchView.Postings"/>).</summary>
    [Description("Postings of the same job at the same company and place on this page, this one included: shown once, the best scored.")]
    public int Postings { get; init; } = 1;
}

/// <summary>
/// Why an offer matched, each skill by its URI (its label is in <see cref="OfferMatchPage.Skills"/>): every skill the
/// offer demands is in exactly one of the four lists, with where the offer got it.
/// </summary>
public sealed record MatchReasons(
    [property: Description("Demanded skills the seeker has.")] IReadOnlyList<SkillMet> Matched,
    [property: Description("Demanded skills met through a related skill of the seeker's (via), or the same skill in the other taxonomy (Aligned).")] IReadOnlyList<SkillMet> MatchedThroughRelated,
    IReadOnlyList<SkillMissed> MissingEssential,
    IReadOnlyList<SkillMissed> MissingOptional,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Km between the seeker and the offer; absent when unknown (an offer given by région, France or remote work).")] double? DistanceKm,
    ScoreParts Parts);

/// <summary>A demanded skill met: which (URI), by which of the seeker's skills, how, and where the offer got it.</summary>
public sealed record SkillMet(
    [property: Description("The demanded skill's URI (label in the page's skills).")] string Skill,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The seeker's skill that met it (URI, label in the page's skills); absent when it is the skill itself.")] string? Via,
    SkillMatchKind Kind,
    SkillImportance Importance,
    [property: Description("Share of a full match credited, 0 to 1.")] double Credit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Where the offer got this skill: OfferCode, OfferText, OfferFields (asked in the offer) or Occupation (usual for the job, added by Coach); absent when the offer is unknown.")] SkillSource? Source);

/// <summary>A demanded skill the seeker lacks, and where the offer got it.</summary>
public sealed record SkillMissed(
    [property: Description("The demanded skill's URI (label in the page's skills).")] string Skill,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Where the offer got this skill (see matched[].source); absent when the offer is unknown.")] SkillSource? Source);

internal static class OfferMatchViews
{
    /// <summary>
    /// Each hit with its offer's summary and its explanation in the asked language; the same job at the same company and
    /// place (title, company and place equal once normalised) once, with a count. The offers already read for the page
    /// (<paramref name="read"/>) are not read again; the others are read one by one (a page is small).
    /// </summary>
    /// <param name="postings">Counts already made (<see cref="Coaching.CoachAssessment.Postings"/>), added to those of this page.</param>
    public static async Task<List<OfferMatchView>> ViewsAsync(IMatchIndex index, SkillsTaxonomy taxonomy, GeographyData geography, MatchPage page, string language, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, OfferDocument>? read = null, IReadOnlyDictionary<string, int>? postings = null)
    {
        var shown = await ShownAsync(index, page, read, postings, cancellationToken);
        return shown.ConvertAll(s => new OfferMatchView(s.Hit.Id, Math.Round(s.Hit.Score, 4), s.Offer is null ? null : OfferSummary.Of(s.Offer, taxonomy, geography),
            ExplanationViews.Explain(s.Hit.Explanation, taxonomy, language, s.Offer))
        {
            Postings = s.Postings,
        });
    }

    /// <summary>
    /// The page as the matches endpoint answers it: the same hits as <see cref="ViewsAsync"/> (duplicates collapsed),
    /// skills by URI, each skill's label once in <see cref="OfferMatchPage.Skills"/>.
    /// </summary>
    public static async Task<OfferMatchPage> PageAsync(IMatchIndex index, SkillsTaxonomy taxonomy, GeographyData geography, MatchPage page, string language, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, OfferDocument>? read = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var shown = await ShownAsync(index, page, read, null, cancellationToken);
        var labels = new Dictionary<string, string>(128, StringComparer.Ordinal);
        var sources = new Dictionary<string, SkillSource>(64, StringComparer.Ordinal);
        string Named(string uri)
        {
            if (!labels.ContainsKey(uri))
            {
                labels[uri] = taxonomy.SkillByUri(uri)?.Label(language) ?? uri;
            }
            return uri;
        }
        SkillSource? SourceOf(string uri) => sources.Count > 0 && sources.TryGetValue(uri, out var source) ? source : null;
        SkillMet[] Met(IReadOnlyList<SkillMatch> matches)
        {
            var met = new SkillMet[matches.Count];
            for (var i = 0; i < met.Length; i++)
            {
                var m = matches[i];
                met[i] = new(Named(m.SkillUri), m.ViaSkillUri == m.SkillUri ? null : Named(m.ViaSkillUri), m.Kind, m.Importance, Math.Round(m.Credit, 3), SourceOf(m.SkillUri));
            }
            return met;
        }
        SkillMissed[] Missed(IReadOnlyList<string> uris)
        {
            var missed = new SkillMissed[uris.Count];
            for (var i = 0; i < missed.Length; i++)
            {
                missed[i] = new(Named(uris[i]), SourceOf(uris[i]));
            }
            return missed;
        }

        var hits = new List<MatchedOffer>(shown.Count);
        foreach (var (hit, offer, count) in shown)
        {
            sources.Clear();
            foreach (var skill in offer?.Skills ?? [])
            {
                sources.TryAdd(skill.SkillUri, skill.Source);
            }
            var e = hit.Explanation;
            var reasons = new MatchReasons(Met(e.Matched), Met(e.MatchedThroughRelated), Missed(e.MissingEssential), Missed(e.MissingOptional),
                e.DistanceKm is { } d ? Math.Round(d, 1) : null, e.Parts);
            hits.Add(new MatchedOffer(hit.Id, Math.Round(hit.Score, 4), offer is null ? null : OfferSummary.Of(offer, taxonomy, geography), reasons) { Postings = count });
        }
        return new OfferMatchPage(hits, labels, page.Total, page.NextCursor, page.TotalIsLowerBound);
    }

    /// <summary>The hits to show with their offers: the same job at the same company and place once (the first, best scored), with its count.</summary>
    private static async Task<List<(MatchHit Hit, OfferDocument? Offer, int Postings)>> ShownAsync(IMatchIndex index, MatchPage page,
        IReadOnlyDictionary<string, OfferDocument>? read, IReadOnlyDictionary<string, int>? postings, CancellationToken cancellationToken)
    {
        var shown = new List<(MatchHit Hit, OfferDocument? Offer, int Postings)>(page.Hits.Count);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hit in page.Hits)
        {
            var offer = read is not null && read.TryGetValue(hit.Id, out var known) ? known : await index.GetOfferAsync(hit.Id, cancellationToken);
            if (offer is not null)
            {
                var key = PostingKey(offer);
                if (first.TryGetValue(key, out var at))
                {
                    shown[at] = shown[at] with { Postings = shown[at].Postings + 1 };
                    continue;
                }
                first[key] = shown.Count;
            }
            shown.Add((hit, offer, postings?.GetValueOrDefault(hit.Id) is > 1 and var count ? count : 1));
        }
        return shown;
    }

    /// <summary>What makes two postings the same job: title, company and place, normalised (case, accents, "(H/F)" and punctuation aside).</summary>
    public static string PostingKey(OfferDocument offer) => string.Join('|',
        Text.TextNormalizer.Normalize(offer.Title.Replace("(H/F)", "", StringComparison.OrdinalIgnoreCase).Replace("H/F", "", StringComparison.OrdinalIgnoreCase)),
        Text.TextNormalizer.Normalize(offer.Company ?? ""),
        offer.Place?.CommuneCode ?? Text.TextNormalizer.Normalize(offer.Place?.Label ?? offer.PlaceArea?.Label ?? ""));
}
