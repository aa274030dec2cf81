using System.Text.RegularExpressions;
using Matching.Engine.Indexing;
using Matching.Engine.Text;

namespace Matching.Engine.Geography;

/// <summary>
/// An offer's place as a person reads it, formed when it is shown from what the offer stores (its commune code and its
/// label), so that offers already in a store read the same without being written again.
/// </summary>
/// <remarks>
/// France Travail labels a place "74 - ANNECY", "74 - ST GERVAIS LES BAINS", "74 - Savoie (Haute)". Rules:
/// <list type="bullet">
/// <item>A commune known to the reference data whose label is France Travail's ("département code - name", the same
/// département), the commune's own name, or empty, reads "official name (département)": "Annecy (74)",
/// "La Balme-de-Sillingy (74)". A label of the poster's own words (a recruiter's "Lyon Part-Dieu") is theirs and kept.</item>
/// <item>A département France Travail gives as "74 - Haute-Savoie" or "74 - Savoie (Haute)" reads like a commune does,
/// its official name and its code: "Haute-Savoie (74)". A région spelled without its accents ("Ile-de-France") reads
/// with its official spelling. "France", "Télétravail" and places abroad stay as the offer gives them.</item>
/// <item>Kept as given: an arrondissement ("75 - Paris 11e Arrondissement"), a place in Corsica (2A, 2B) or overseas (971 to
/// 976), a commune code the data does not know, and a label naming something else than the commune or the département.</item>
/// </list>
/// </remarks>
public static partial class PlaceLabels
{
    /// <summary>The place an offer gives, readable; null when it gives none.</summary>
    public static string? Of(Place? place, PlaceArea? area, GeographyData geography)
    {
        ArgumentNullException.ThrowIfNull(geography);
        if (place is not null)
        {
            if (place.CommuneCode is { } code && geography.TryGetCommune(code, out var commune))
            {
                return OfCommune(place.Label, commune);
            }
            // Coordinates without a commune: France Travail then often labels the département ("74 - Savoie (Haute)").
            return place.Label is { } label ? OfDepartement(label, geography) ?? label : null;
        }
        if (area is null)
        {
            return null;
        }
        return area.Scope switch
        {
            PlaceScope.Departement => OfDepartement(area.Label, geography) ?? area.Label,
            PlaceScope.Region => OfRegion(area.Label, geography) ?? area.Label,
            _ => area.Label,
        };
    }

    private static string? OfCommune(string? label, Commune commune)
    {
        if (commune.IsArrondissement || !Metropolitan(commune.DepartementCode))
        {
            return string.IsNullOrWhiteSpace(label) ? commune.NameWithArticle : label;
        }
        var readable = $"{commune.NameWithArticle} ({commune.DepartementCode})";
        if (string.IsNullOrWhiteSpace(label))
        {
            return readable;
        }
        if (FranceTravail().Match(label) is { Success: true } ft)
        {
            return string.Equals(ft.Groups["code"].Value, commune.DepartementCode, StringComparison.OrdinalIgnoreCase) ? readable : label;
        }
        var folded = TextNormalizer.Normalize(label);
        return folded == TextNormalizer.Normalize(commune.Name) || folded == TextNormalizer.Normalize(commune.NameWithArticle) ? readable : label;
    }

    /// <summary>"Haute-Savoie (74)" for "74 - Haute-Savoie" or "74 - Savoie (Haute)"; null when the label names no département of its code.</summary>
    private static string? OfDepartement(string label, GeographyData geography)
    {
        if (FranceTravail().Match(label) is not { Success: true } ft
            || !Metropolitan(ft.Groups["code"].Value)
            || geography.Departement(ft.Groups["code"].Value.ToUpperInvariant()) is not { } departement)
        {
            return null;
        }
        // France Travail inverts some names ("Savoie (Haute)", "Seine (Hauts de)"): the same words in any order.
        return SameWords(ft.Groups["name"].Value, departement.Name) ? $"{departement.Name} ({departement.Code})" : null;
    }

    private static string? OfRegion(string label, GeographyData geography)
    {
        var folded = TextNormalizer.Normalize(label);
        return geography.Regions.FirstOrDefault(r => TextNormalizer.Normalize(r.Name) == folded)?.Name;
    }

    /// <summary>Metropolitan France outside Corsica: two digits. "2A", "2B" and 971 to 976 keep the offer's label.</summary>
    private static bool Metropolitan(string departementCode) => departementCode.Length == 2 && departementCode.All(char.IsAsciiDigit);

    private static bool SameWords(string a, string b)
    {
        var left = TextNormalizer.Normalize(a).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var right = TextNormalizer.Normalize(b).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(left, StringComparer.Ordinal);
        Array.Sort(right, StringComparer.Ordinal);
        return left.AsSpan().SequenceEqual(right);
    }

    [GeneratedRegex(@"^\s*(?<code>\d{2,3}|2[AaBb])\s*-\s*(?<name>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FranceTravail();
}
