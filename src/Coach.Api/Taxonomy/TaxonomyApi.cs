using System.ComponentModel;
using Coach.Api.Caching;
using Coach.Api.Infrastructure;
using Matching.Engine.Hosting;
using Matching.Engine.Seekers;
using Matching.Engine.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Taxonomy;

/// <summary>Autocomplete over skills, occupations and places: public, read-only.</summary>
public static class TaxonomyApi
{
    public const int MaxQueryLength = 200;

    public static IEndpointRouteBuilder MapTaxonomy(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/taxonomy").WithTags("Taxonomy");
        group.MapGet("/skills", SearchSkills)
            .WithSummary("Skills by label: ESCO skills and knowledge (French and English, alternative labels included) and ROME 4.0 competences and savoirs (French), one suggestion per concept, technologies by name first (typo-tolerant).");
        group.MapGet("/occupations", SearchOccupations)
            .WithSummary("Job titles in the user's words (French or English, typos, gender forms, abbreviations): ROME 4.0 job titles first (in French), with their ROME 4.0 code and ESCO occupation, then ESCO occupations with their ROME code(s) through the crosswalk.");
        group.MapGet("/qualities", ListQualities)
            .WithSummary("The 16 ROME 4.0 savoir-être professionnels (\"Faire preuve de rigueur et de précision\"): the qualities offers ask in qualitesProfessionnelles and a seeker declares among their skills (by uri). With romeCode, those the job's ROME 4.0 sheet lists first (onSheet).");
        group.MapGet("/places", SearchPlaces)
            .WithSummary("French communes by name or postcode: INSEE code, name, coordinates.");
        return routes;
    }

    public static async Task<Results<Ok<SkillSuggestion[]>, ValidationProblem, ProblemHttpResult>> SearchSkills(
        ReferenceDataProvider referenceData,
        CoachCache cache,
        [Description("What the user typed, e.g. \"soudage\" or \"gestion de projet\".")] string? q,
        [Description("Language of the labels: fr (default) or en.")] string? lang,
        [Description("Number of suggestions, 1 to 50 (default 10).")] int? limit,
        CancellationToken cancellationToken)
    {
        if (Validate(q, lang, limit) is { } invalid)
        {
            return invalid;
        }
        if (referenceData.Current is not { } data)
        {
            return ProblemResults.NotReady();
        }
        var language = Language(lang);
        // Cache kinds "skills3" and "occupations3": the answers gained fields (2), then typed words were read anew (3: a whole word typed
        // among others is no longer completed as a longer one), so a shared cache never serves an older shape or ranking.
        return TypedResults.Ok(await cache.TaxonomyAsync(CoachCache.DataVersion(data), "skills3", language, limit ?? 10, q!, () => data.Search.Suggest(q!, language, limit ?? 10)
            .Select(s => new SkillSuggestion(
                s.Skill.Uri, s.Label, s.Skill.LabelEn, s.Skill.LabelFr, s.MatchedLabel,
                s.Skill.Type.ToString(), s.Skill.Reuse.ToString(), Math.Round(s.Score, 4),
                Scheme(s.Skill), s.MatchedSkill.Uri, Scheme(s.MatchedSkill), [.. s.SameConcept.Skip(1).Select(k => k.Uri)]))
            .ToArray(), cancellationToken));
    }

    public static async Task<Results<Ok<OccupationSuggestion[]>, ValidationProblem, ProblemHttpResult>> SearchOccupations(
        ReferenceDataProvider referenceData,
        CoachCache cache,
        [Description("A job title in the user's words, e.g. \"aide soignante\", \"dev c#\", \"chauffeur PL\".")] string? q,
        [Description("Language of the labels: fr (default) or en.")] string? lang,
        [Description("Number of suggestions, 1 to 50 (default 10).")] int? limit,
        CancellationToken cancellationToken)
    {
        if (Validate(q, lang, limit) is { } invalid)
        {
            return invalid;
        }
        if (referenceData.Current is not { } data)
        {
            return ProblemResults.NotReady();
        }
        var language = Language(lang);
        return TypedResults.Ok(await cache.TaxonomyAsync(CoachCache.DataVersion(data), "occupations3", language, limit ?? 10, q!, () => Occupations(data, q!, language, limit ?? 10), cancellationToken));
    }

    public static Results<Ok<QualityItem[]>, ValidationProblem, ProblemHttpResult> ListQualities(
        ReferenceDataProvider referenceData,
        [Description("A ROME 4.0 (or v3) job code, e.g. \"G1803\": the qualities its sheet lists come first.")] string? romeCode)
    {
        if (referenceData.Current is not { } data)
        {
            return ProblemResults.NotReady();
        }
        Rome4Sheet? sheet = null;
        var code = romeCode?.Trim();
        if (!string.IsNullOrEmpty(code) && (code.Length > 10 || (sheet = data.Taxonomy.Rome4.Sheet(code.ToUpperInvariant())) is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["romeCode"] = [$"Unknown ROME code '{(code.Length > 10 ? code[..10] + "…" : code)}'."] });
        }
        return TypedResults.Ok(JobReadings.Qualities(data.Taxonomy, sheet is null ? [] : [sheet])
            .Select(q => new QualityItem(q.Skill.Uri, q.Skill.Label("fr"), q.Definition, q.ForTargetJob))
            .ToArray());
    }

    private static string Scheme(Skill skill) => skill.Scheme == SkillScheme.Rome4 ? "rome4" : "esco";

    private static OccupationSuggestion[] Occupations(ReferenceData data, string q, string language, int limit)
    {
        var taxonomy = data.Taxonomy;
        // ROME 4.0 job titles, the words real offers are filed under, with the sheet's code and the ESCO occupation of
        // the title (as an offer with that title is read); only French labels, so in English they come after ESCO's.
        var appellations = data.Appellations.Understand(q, limit)
            .Where(a => a.Occupation is not null)
            .Select(a => new OccupationSuggestion(
                Label: a.Appellation.Label,
                MatchedLabel: a.MatchedLabel,
                Source: "rome4",
                EscoUri: a.Occupation!.Uri,
                EscoLabel: a.Occupation.Label(language),
                IscoGroup: a.Occupation.IscoGroup,
                RomeCode: a.Sheet.Code,
                RomeLabel: a.Sheet.Label,
                RomeCodes: [a.Sheet.Code],
                Score: Math.Round(a.Score, 4),
                AppellationCode: a.Appellation.Code))
            .ToList();
        // Title understanding: the seeker's words (noise like "H/F" or "de nuit" aside) read as ESCO
        // occupations, with the ROME code of the crosswalk (the best ROME title hit first).
        var occupations = data.Titles.Understand(q, language, limit)
            .Select(t =>
            {
                var romeCode = t.RomeCodes.FirstOrDefault();
                return new OccupationSuggestion(
                    Label: t.Occupation.Label(language),
                    MatchedLabel: t.MatchedLabel,
                    Source: t.Source == TitleSource.RomeTitle ? "rome" : "esco",
                    EscoUri: t.Occupation.Uri,
                    EscoLabel: t.Occupation.Label(language),
                    IscoGroup: t.Occupation.IscoGroup,
                    RomeCode: romeCode,
                    RomeLabel: romeCode is null ? null : taxonomy.RomeJob(romeCode)?.Title,
                    RomeCodes: t.RomeCodes,
                    Score: Math.Round(t.Score, 4),
                    AppellationCode: null);
            })
            .ToList();
        // Titles first, leaving room for two ESCO readings (when the limit allows) so both vocabularies show.
        var first = language == "fr" ? appellations : occupations;
        var second = language == "fr" ? occupations : appellations;
        var shown = first.Take(limit > 3 ? limit - 2 : limit).ToList();
        var labels = shown.Select(s => s.Label).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. shown, .. second.Where(s => labels.Add(s.Label)).Take(limit - shown.Count)];
    }

    public static async Task<Results<Ok<PlaceSuggestion[]>, ValidationProblem, ProblemHttpResult>> SearchPlaces(
        ReferenceDataProvider referenceData,
        CoachCache cache,
        [Description("A commune name or a postcode, e.g. \"Saint-Étienne\" or \"69003\".")] string? q,
        [Description("Number of suggestions, 1 to 50 (default 10).")] int? limit,
        CancellationToken cancellationToken)
    {
        if (Validate(q, null, limit) is { } invalid)
        {
            return invalid;
        }
        if (referenceData.Current is not { } data)
        {
            return ProblemResults.NotReady();
        }
        return TypedResults.Ok(await cache.TaxonomyAsync(CoachCache.DataVersion(data), "places", "fr", limit ?? 10, q!, () => data.Places.Search(q!, limit ?? 10)
            .Select(p => new PlaceSuggestion(
                p.Commune.InseeCode, p.Commune.NameWithArticle, p.Commune.Postcodes, p.Commune.Latitude, p.Commune.Longitude,
                p.Commune.DepartementCode, p.Commune.EmploymentAreaCode, p.Commune.Population, Math.Round(p.Score, 4)))
            .ToArray(), cancellationToken));
    }

    private static ValidationProblem? Validate(string? q, string? lang, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return ProblemResults.Invalid("q", "Type at least one character to search.");
        }
        if (q.Length > MaxQueryLength)
        {
            return ProblemResults.Invalid("q", $"The search text is {q.Length} characters long; the limit is {MaxQueryLength}.");
        }
        if (lang is not null && lang is not ("fr" or "en"))
        {
            return ProblemResults.Invalid("lang", $"Unknown language '{Truncate(lang)}': use fr or en.");
        }
        if (limit is < 1 or > 50)
        {
            return ProblemResults.Invalid("limit", "The number of suggestions must be between 1 and 50.");
        }
        return null;
    }

    private static string Language(string? lang) => lang ?? "fr";

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

/// <summary>
/// A skill to suggest: <see cref="Uri"/> is the concept's skill (its ESCO skill when it has one, a must-have on it
/// also finds holders of the ROME 4.0 items in <see cref="SameAs"/>), <see cref="Scheme"/> "esco" or "rome4";
/// <see cref="Label"/> is the preferred label of the member that matched (<see cref="MatchedUri"/>, <see cref="MatchedScheme"/>).
/// </summary>
public sealed record SkillSuggestion(
    string Uri, string Label, string LabelEn, string? LabelFr, string MatchedLabel, string Type, string ReuseLevel, double Score,
    string Scheme, string MatchedUri, string MatchedScheme, IReadOnlyList<string> SameAs);

/// <summary>
/// A job title to suggest. <see cref="Source"/>: "rome4" for a ROME 4.0 job title (<see cref="AppellationCode"/> its
/// code_ogr, <see cref="RomeCode"/> its ROME 4.0 sheet), "rome" or "esco" for an ESCO occupation read through a ROME
/// v3 title or its own label.
/// </summary>
public sealed record OccupationSuggestion(
    string Label, string MatchedLabel, string Source, string EscoUri, string EscoLabel, string IscoGroup,
    string? RomeCode, string? RomeLabel, IReadOnlyList<string> RomeCodes, double Score, int? AppellationCode);

/// <summary>A savoir-être professionnel: <see cref="OnSheet"/> when the job asked for lists it.</summary>
public sealed record QualityItem(string Uri, string Label, string? Definition, bool OnSheet);

public sealed record PlaceSuggestion(
    string InseeCode, string Name, IReadOnlyList<string> Postcodes, double? Latitude, double? Longitude,
    string DepartementCode, string? EmploymentAreaCode, long Population, double Score);
