using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Matching.Engine.Ingest;

/// <summary>An offer's occupation: its ROME 4.0 sheet, the ESCO occupation that goes with it (null when none does), and how it was read.</summary>
public sealed record OfferOccupation(Rome4Sheet Sheet, Occupation? Occupation, OccupationEvidence Evidence, double? Confidence = null);

/// <summary>
/// Reads the occupation of a France Travail offer: from <c>romeCode</c> (ROME 4.0, or v3), then from
/// <c>appellationlibelle</c> (a ROME 4.0 job title), else from the title and description with the
/// <see cref="OfferOccupationClassifier"/>. The ESCO occupation is the appellation's crosswalk link, else
/// the sheet's, else its ROME v3 family's. Built once per taxonomy.
/// </summary>
internal sealed class OfferOccupationReader
{
    // Below this the appellation shares too little with every title of the sheet to pick one.
    private const double AppellationThreshold = 0.5;

    private static readonly ConditionalWeakTable<SkillsTaxonomy, OfferOccupationReader> s_instances = [];

    private readonly SkillsTaxonomy _taxonomy;
    private readonly FrozenDictionary<string, int[]> _appellations;

    private OfferOccupationReader(SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        var appellations = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var appellation in taxonomy.Rome4.Appellations.OrderBy(a => a.Code))
        {
            foreach (var label in Forms(appellation))
            {
                var list = appellations.TryGetValue(label, out var l) ? l : appellations[label] = [];
                if (!list.Contains(appellation.Code))
                {
                    list.Add(appellation.Code);
                }
            }
        }
        _appellations = appellations.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static OfferOccupationReader For(SkillsTaxonomy taxonomy) => s_instances.GetValue(taxonomy, t => new OfferOccupationReader(t));

    /// <summary>The offer's occupation, or null when neither its codes nor its text give one; <paramref name="warnings"/> says what was not usable.</summary>
    /// <param name="classifier">Called only for an offer whose codes give no occupation (it may still be training on first start).</param>
    /// <param name="competences">The ROME 4.0 competence and savoir codes the offer names (<c>competences[].code</c>), read by the classifier with the text.</param>
    public OfferOccupation? Read(string? romeCode, string? appellationLabel, string? title, string? description, Func<OfferOccupationClassifier>? classifier, List<string> warnings, IReadOnlyCollection<int>? competences = null)
    {
        var appellationText = string.IsNullOrWhiteSpace(appellationLabel) ? null : appellationLabel.Trim();
        if (!string.IsNullOrWhiteSpace(romeCode))
        {
            if (OccupationResolver.IsRomeCode(romeCode) && _taxonomy.Rome4.Sheet(romeCode) is { } sheet)
            {
                Rome4Appellation? appellation = null;
                if (appellationText is not null && (appellation = InSheet(sheet, appellationText)) is null)
                {
                    warnings.Add($"appellationlibelle: '{appellationText}' is not a title of ROME {sheet.Code}, the sheet's own occupation was used.");
                }
                return new OfferOccupation(sheet, EscoOccupation(sheet, appellation), OccupationEvidence.RomeCode);
            }
            warnings.Add($"romeCode: unknown ROME code '{romeCode.Trim()}'.");
        }

        if (appellationText is not null && Anywhere(appellationText) is { } titled)
        {
            var sheet = _taxonomy.Rome4.Sheet(titled.SheetCode)!;
            return new OfferOccupation(sheet, EscoOccupation(sheet, titled), OccupationEvidence.Appellation);
        }

        if (classifier is not null && !string.IsNullOrWhiteSpace(title) && classifier().Rank(new OfferText(title, description, competences), 1) is [var best, ..]
            && _taxonomy.Rome4.Sheet(best.Code) is { } guessed)
        {
            // "0.48" in an English message, whatever the host's culture (a French host wrote "0,48").
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"occupation: read from the title and description as ROME {guessed.Code} {guessed.Label} (confidence {best.Score:0.00})."));
            return new OfferOccupation(guessed, EscoOccupation(guessed, null), OccupationEvidence.TitleAndDescription, best.Score);
        }
        warnings.Add("occupation: unknown (no usable romeCode or appellationlibelle, and no classifier).");
        return null;
    }

    /// <summary>The ESCO occupation of a sheet, through the title when given: the title's crosswalk link, else the sheet's, else its v3 family's.</summary>
    public Occupation? EscoOccupation(Rome4Sheet sheet, Rome4Appellation? appellation)
    {
        if (appellation is { Occupations.Length: > 0 })
        {
            return _taxonomy.Occupations[appellation.Occupations[0].OccupationId];
        }
        if (sheet.Occupations.Length > 0)
        {
            return _taxonomy.Occupations[sheet.Occupations[0]];
        }
        return _taxonomy.RomeJob(sheet.ParentCode) is { Occupations.Length: > 0 } family ? _taxonomy.Occupations[family.Occupations[0]] : null;
    }

    /// <summary>The sheet's title an appellation label names: equal once normalised (either gender, long or short label), else the best token overlap.</summary>
    public Rome4Appellation? InSheet(Rome4Sheet sheet, string label)
    {
        var normalized = FrenchLabels.Normalize(label);
        var titles = sheet.AppellationCodes.Select(_taxonomy.Rome4.Appellation).OfType<Rome4Appellation>().ToArray();
        if (_appellations.TryGetValue(normalized, out var codes))
        {
            foreach (var code in codes)
            {
                if (Array.Find(titles, t => t.Code == code) is { } found)
                {
                    return found;
                }
            }
        }
        return FrenchLabels.BestByWords(normalized, titles, t => t.Label, AppellationThreshold);
    }

    /// <summary>A ROME 4.0 title with exactly this label (once normalised), among all sheets; the lowest code when several have it.</summary>
    public Rome4Appellation? Anywhere(string label) =>
        _appellations.TryGetValue(FrenchLabels.Normalize(label), out var codes) ? _taxonomy.Rome4.Appellation(codes[0]) : null;

    private static IEnumerable<string> Forms(Rome4Appellation appellation)
    {
        foreach (var label in new[] { appellation.Label, appellation.ShortLabel })
        {
            yield return FrenchLabels.Normalize(label);
            foreach (var form in TextNormalizer.GenderForms(label))
            {
                yield return FrenchLabels.Normalize(form);
            }
        }
    }
}
