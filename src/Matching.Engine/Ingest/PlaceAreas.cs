using System.Text.RegularExpressions;
using Matching.Engine.Indexing;
using Matching.Engine.Text;

namespace Matching.Engine.Ingest;

/// <summary>
/// Reads the place of an offer that gives no commune, postcode or coordinates, as France Travail writes it in
/// <c>lieuTravail.libelle</c>: "01 - Ain" (a département), "Auvergne-Rhône-Alpes" (a région), "France",
/// "Télétravail", "Suisse (Frontalier)" (abroad). The offer keeps it as given; its distance is unknown.
/// </summary>
public static partial class PlaceAreas
{
    public const int MaxLabelLength = 200;

    /// <summary>The area a label names; null for an empty label.</summary>
    public static PlaceArea? Read(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var text = label.Trim();
        text = text.Length > MaxLabelLength ? text[..MaxLabelLength] : text;
        var folded = TextNormalizer.Normalize(text);
        if (folded.Contains("teletravail", StringComparison.Ordinal) || folded.Contains("remote", StringComparison.Ordinal) || folded.Contains("a distance", StringComparison.Ordinal))
        {
            return new PlaceArea(PlaceScope.Remote, text);
        }
        if (Departement().Match(text) is { Success: true } departement)
        {
            return new PlaceArea(PlaceScope.Departement, text, departement.Groups[1].Value.ToUpperInvariant());
        }
        if (folded is "france" or "france entiere" or "france metropolitaine" or "toute la france")
        {
            return new PlaceArea(PlaceScope.Country, text);
        }
        if (text.Contains("(Frontalier)", StringComparison.OrdinalIgnoreCase) || folded.StartsWith("etranger", StringComparison.Ordinal))
        {
            return new PlaceArea(PlaceScope.Abroad, text);
        }
        // What France Travail writes without a code is a région's name ("Auvergne-Rhône-Alpes", "Ile-de-France").
        return new PlaceArea(PlaceScope.Region, text);
    }

    [GeneratedRegex(@"^\s*(\d{2,3}|2[AaBb])\s*-\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex Departement();
}
