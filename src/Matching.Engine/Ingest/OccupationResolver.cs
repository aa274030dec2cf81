using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>An occupation reference resolved: the ESCO occupation (null when the crosswalk has none) and the ROME code.</summary>
internal sealed record ResolvedOccupation(Occupation? Occupation, string? RomeCode);

/// <summary>
/// Resolves what clients call an occupation: an ESCO URI, a ROME code or a ROME title code_ogr,
/// and France Travail's appellation label within a ROME code. The crosswalk lists links best match
/// type first, so "first" is the best ESCO occupation for a ROME title or job.
/// </summary>
internal static partial class OccupationResolver
{
    public const string Expected = "Expected an ESCO occupation URI, a ROME code (M1805, or ROME 4.0 M1811) or a ROME title code_ogr (14153).";

    private const int MaxCachedAppellations = 100_000;

    private static readonly ConditionalWeakTable<SkillsTaxonomy, ConcurrentDictionary<(string, string), RomeTitle?>> s_appellations = [];

    // Below this the appellation shares too little with every title of the job to pick one.
    private const double AppellationThreshold = 0.5;

    public static ResolvedOccupation? Resolve(SkillsTaxonomy taxonomy, string value, out string? error)
    {
        value = value.Trim();
        error = null;
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (taxonomy.OccupationByUri(value) is { } occupation)
            {
                return new ResolvedOccupation(occupation, occupation.RomeCodes.FirstOrDefault());
            }
            error = "Unknown ESCO occupation URI.";
            return null;
        }
        if (RomeCode().IsMatch(value))
        {
            if (taxonomy.RomeJob(value) is { } job)
            {
                return new ResolvedOccupation(BestOccupation(taxonomy, job), job.Code);
            }
            // A code only ROME 4.0 knows (M1811): its own titles' occupation, else its v3 family's.
            if (taxonomy.Rome4.Sheet(value) is { } sheet)
            {
                return new ResolvedOccupation(OfferOccupationReader.For(taxonomy).EscoOccupation(sheet, null), sheet.Code);
            }
            error = "Unknown ROME code.";
            return null;
        }
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            // ROME 4.0 first: a code_ogr names the same title in both versions, but ROME 4.0 moved 3,181 of
            // ROME v3's 10,990 titles to another sheet (10858 is I1307 in v3, F1623 today).
            if (taxonomy.Rome4.Appellation(code) is { } appellation && taxonomy.Rome4.Sheet(appellation.SheetCode) is { } sheet)
            {
                var reader = OfferOccupationReader.For(taxonomy);
                return new ResolvedOccupation(reader.EscoOccupation(sheet, appellation), sheet.Code);
            }
            if (taxonomy.RomeTitle(code) is { } title)
            {
                return new ResolvedOccupation(BestOccupation(taxonomy, title), title.RomeCode);
            }
            error = "Unknown ROME title code (code_ogr).";
            return null;
        }
        error = Expected;
        return null;
    }

    public static bool IsRomeCode(string value) => RomeCode().IsMatch(value.Trim());

    public static Occupation? BestOccupation(SkillsTaxonomy taxonomy, RomeJob job) =>
        job.Occupations.Length > 0 ? taxonomy.Occupations[job.Occupations[0]] : null;

    /// <summary>The title's own best link, else its job's (some titles have no crosswalk link of their own).</summary>
    public static Occupation? BestOccupation(SkillsTaxonomy taxonomy, RomeTitle title) =>
        title.Occupations.Length > 0 ? taxonomy.Occupations[title.Occupations[0].OccupationId]
        : taxonomy.RomeJob(title.RomeCode) is { } job ? BestOccupation(taxonomy, job)
        : null;

    /// <summary>
    /// The title of <paramref name="job"/> France Travail's appellation label names: equal once
    /// normalised (accents, case, apostrophes), else the best token overlap.
    /// </summary>
    public static RomeTitle? TitleForAppellation(SkillsTaxonomy taxonomy, RomeJob job, string appellation)
    {
        var cache = s_appellations.GetValue(taxonomy, _ => new ConcurrentDictionary<(string, string), RomeTitle?>());
        if (cache.TryGetValue((job.Code, appellation), out var cached))
        {
            return cached;
        }
        var title = FindTitle(taxonomy, job, appellation);
        // A feed repeats a few thousand appellations; the cap keeps arbitrary input from growing it without end.
        if (cache.Count < MaxCachedAppellations)
        {
            cache.TryAdd((job.Code, appellation), title);
        }
        return title;
    }

    private static RomeTitle? FindTitle(SkillsTaxonomy taxonomy, RomeJob job, string appellation)
    {
        var normalized = FrenchLabels.Normalize(appellation);
        var titles = job.TitleCodes.Select(taxonomy.RomeTitle).OfType<RomeTitle>().ToArray();
        foreach (var title in titles)
        {
            if (FrenchLabels.Normalize(title.Label) == normalized || FrenchLabels.Normalize(title.ShortLabel) == normalized)
            {
                return title;
            }
        }
        return FrenchLabels.BestByWords(normalized, titles, t => t.Label, AppellationThreshold);
    }

    [GeneratedRegex(@"^[A-Na-n][0-9]{4}$")]
    private static partial Regex RomeCode();
}
