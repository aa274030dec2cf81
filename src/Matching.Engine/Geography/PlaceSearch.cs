using Matching.Engine.Text;

namespace Matching.Engine.Geography;

public sealed record PlaceMatch(Commune Commune, string MatchedLabel, double Score);

/// <summary>
/// Commune autocomplete by name or postcode. Names are accent- and typo-tolerant; among equally
/// good name matches the more populated commune comes first (people mean Saint-Étienne the city).
/// </summary>
public sealed class PlaceSearch
{
    private readonly GeographyData _geography;
    private readonly LabelIndex<Commune> _names;

    public PlaceSearch(GeographyData geography)
    {
        _geography = geography;
        var builder = new LabelIndex<Commune>.Builder(ReferenceEqualityComparer.Instance as IEqualityComparer<Commune>);
        foreach (var commune in geography.Communes)
        {
            builder.Add(commune, commune.Name, LabelKind.Preferred, "");
            if (commune.NameWithArticle != commune.Name)
            {
                builder.Add(commune, commune.NameWithArticle, LabelKind.Alternative, "");
            }
            foreach (var former in commune.DelegatedCommuneNames)
            {
                builder.Add(commune, former, LabelKind.Hidden, "");
            }
        }
        _names = builder.Build();
    }

    public IReadOnlyList<PlaceMatch> Search(string query, int limit)
    {
        var trimmed = query.Trim();
        if (trimmed.Length is >= 2 and <= 5 && trimmed.All(char.IsAsciiDigit))
        {
            return ByPostcodePrefix(trimmed, limit);
        }

        var candidates = _names.Search(trimmed, Math.Min(LabelIndex<Commune>.MaxLimit, Math.Max(limit * 4, 20)));
        return candidates
            .Select(m => new PlaceMatch(m.Item, m.Label, m.Score))
            .OrderByDescending(m => m.Score + PopulationBonus(m.Commune))
            .ThenBy(m => m.Commune.InseeCode, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => m with { Score = Math.Min(1, m.Score) })
            .ToList();
    }

    /// <summary>
    /// Postcodes: an exact postcode lists its communes, most populated first; a shorter prefix
    /// ("690") lists the communes of the postcodes it starts, most populated first.
    /// </summary>
    private List<PlaceMatch> ByPostcodePrefix(string digits, int limit)
    {
        if (digits.Length == 5)
        {
            return _geography.CommunesByPostcode(digits).Take(limit).Select(c => new PlaceMatch(c, digits, 1)).ToList();
        }
        return _geography.Communes
            .Where(c => !c.IsSynthesized && c.Postcodes.Any(p => p.StartsWith(digits, StringComparison.Ordinal)))
            .OrderByDescending(c => c.Population)
            .Take(limit)
            .Select(c => new PlaceMatch(c, c.Postcodes.First(p => p.StartsWith(digits, StringComparison.Ordinal)), 0.9))
            .ToList();
    }

    // Up to +0.06 for a city of a million: enough to order near-ties, never to beat a better name match.
    private static double PopulationBonus(Commune commune) => 0.01 * Math.Log10(1 + Math.Max(0, commune.Population));
}
