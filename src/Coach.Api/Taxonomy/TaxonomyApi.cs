using System.ComponentModel;
using Coach.Api.Caching;
using Coach.Api.Infrastructure;
using Matching.Engine.Hosting;
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
            .WithSummary("ESCO skills and knowledge by label (French and English, typo-tolerant).");
        group.MapGet("/occupations", SearchOccupations)
            .WithSummary("Job titles in the user's words (French or English, typos, gender forms, abbreviations) read as ESCO occupations with their ROME code(s) through the crosswalk.");
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
        return TypedResults.Ok(await cache.TaxonomyAsync(CoachCache.DataVersion(data), "skills", language, limit ?? 10, q!, () => data.Search.Skills(q!, language, limit ?? 10)
            .Select(m => new SkillSuggestion(
                m.Item.Uri, m.Item.Label(language), m.Item.LabelEn, m.Item.LabelFr, m.Label,
                m.Item.Type.ToString(), m.Item.Reuse.ToString(), Math.Round(m.Score, 4)))
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
        return TypedResults.Ok(await cache.TaxonomyAsync(CoachCache.DataVersion(data), "occupations", language, limit ?? 10, q!, () => Occupations(data, q!, language, limit ?? 10), cancellationToken));
    }

    private static OccupationSuggestion[] Occupations(ReferenceData data, string q, string language, int limit)
    {
        var taxonomy = data.Taxonomy;
        // Title understanding: the seeker's words (noise like "H/F" or "de nuit" aside) read as ESCO
        // occupations, with the ROME code of the crosswalk (the best ROME title hit first).
        return data.Titles.Understand(q, language, limit)
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
                    Score: Math.Round(t.Score, 4));
            })
            .ToArray();
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

public sealed record SkillSuggestion(
    string Uri, string Label, string LabelEn, string? LabelFr, string MatchedLabel, string Type, string ReuseLevel, double Score);

public sealed record OccupationSuggestion(
    string Label, string MatchedLabel, string Source, string EscoUri, string EscoLabel, string IscoGroup,
    string? RomeCode, string? RomeLabel, IReadOnlyList<string> RomeCodes, double Score);

public sealed record PlaceSuggestion(
    string InseeCode, string Name, IReadOnlyList<string> Postcodes, double? Latitude, double? Longitude,
    string DepartementCode, string? EmploymentAreaCode, long Population, double Score);
