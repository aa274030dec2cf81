using Matching.Engine.Ingest;
using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// One reading of a job title as a ROME 4.0 job title ("appellation"): the title, its sheet (the ROME 4.0 code an
/// offer carries), the ESCO occupation that goes with it (the title's crosswalk link, else the sheet's, else its
/// ROME v3 family's; null when none does), a score in [0, 1] that orders the readings, and the label that matched.
/// </summary>
public sealed record UnderstoodAppellation(Rome4Appellation Appellation, Rome4Sheet Sheet, Occupation? Occupation, double Score, string MatchedLabel);

/// <summary>
/// Reads a job title as ROME 4.0 job titles, the words real France Travail offers are filed under: their long and
/// short labels in both gender forms, accent-, case- and typo-tolerant, the title's noise ("H/F", "en CDI", "confirmé")
/// stripped as <see cref="TitleUnderstanding"/> strips it. Built once, then thread-safe.
/// </summary>
public sealed class AppellationSearch
{
    /// <summary>The raw title (noise included) counts for less than the cleaned one, as in <see cref="TitleUnderstanding"/>.</summary>
    private const double RawQueryFactor = 0.97;

    /// <summary>A rarely used title (<see cref="Rome4Appellation.RarelyUsed"/>) yields to a current one of the same score.</summary>
    /// <summary>
    /// Titles scoring below this share of the best one are dropped: they match fewer of the typed words ("Aide-comptable"
    /// for "aide soignant"), while those matching as many ("Développeur web" next to "Développeur full-stack") stay.
    /// </summary>
    private const double ShareOfBest = 0.6;
    private const double RarelyUsedFactor = 0.98;

    private readonly SkillsTaxonomy _taxonomy;
    private readonly LabelIndex<int> _index;

    public AppellationSearch(SkillsTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        var builder = new LabelIndex<int>.Builder();
        foreach (var appellation in taxonomy.Rome4.Appellations.OrderBy(a => a.Code))
        {
            foreach (var form in TextNormalizer.GenderForms(appellation.Label))
            {
                builder.Add(appellation.Code, form, LabelKind.Preferred, "fr");
            }
            if (appellation.ShortLabel.Length > 0 && appellation.ShortLabel != appellation.Label)
            {
                foreach (var form in TextNormalizer.GenderForms(appellation.ShortLabel))
                {
                    builder.Add(appellation.Code, form, LabelKind.Alternative, "fr");
                }
            }
        }
        _index = builder.Build();
    }

    /// <summary>The ROME 4.0 titles <paramref name="text"/> most likely names, best first; empty when nothing matches.</summary>
    public IReadOnlyList<UnderstoodAppellation> Understand(string text, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, LabelIndex<int>.MaxLimit);
        var cleaned = TitleNoise.Strip(text, "fr");
        if (cleaned.Length == 0)
        {
            return [];
        }
        var best = new Dictionary<int, (double Score, string Label)>();
        void Collect(string query, double factor)
        {
            foreach (var hit in _index.Search(query, Math.Min(LabelIndex<int>.MaxLimit, limit * 3), "fr"))
            {
                var score = hit.Score * factor * (_taxonomy.Rome4.Appellation(hit.Item)!.RarelyUsed ? RarelyUsedFactor : 1);
                if (!best.TryGetValue(hit.Item, out var known) || score > known.Score)
                {
                    best[hit.Item] = (score, hit.Label);
                }
            }
        }
        Collect(cleaned, 1);
        if (!string.Equals(cleaned, TextNormalizer.Normalize(text), StringComparison.Ordinal))
        {
            Collect(text, RawQueryFactor);
        }
        var reader = OfferOccupationReader.For(_taxonomy);
        var floor = best.Count == 0 ? 0 : best.Values.Max(v => v.Score) * ShareOfBest;
        return [.. best
            .Where(p => p.Value.Score >= floor)
            .OrderByDescending(p => p.Value.Score)
            .ThenBy(p => p.Key)
            .Select(p => (Appellation: _taxonomy.Rome4.Appellation(p.Key)!, p.Value.Score, p.Value.Label))
            .Where(a => _taxonomy.Rome4.Sheet(a.Appellation.SheetCode) is not null)
            .Take(limit)
            .Select(a =>
            {
                var sheet = _taxonomy.Rome4.Sheet(a.Appellation.SheetCode)!;
                return new UnderstoodAppellation(a.Appellation, sheet, reader.EscoOccupation(sheet, a.Appellation), a.Score, a.Label);
            })];
    }
}
