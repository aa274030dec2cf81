using Matching.Engine.Geography;
using Matching.Engine.Indexing;

namespace Matching.Engine.Ingest;

/// <summary>The place resolvers the document builders take.</summary>
public static class PlaceResolvers
{
    /// <summary>
    /// Resolves through the geography reference data: an INSEE code to its commune (Paris, Lyon and
    /// Marseille included as wholes), a postcode to the most populated commune it serves.
    /// </summary>
    public static Func<PlaceCode, Place?> From(GeographyData geography) => code =>
    {
        var value = code.Code.Trim();
        var commune = code.Kind switch
        {
            PlaceCodeKind.Commune => geography.TryGetCommune(value, out var c) ? c
                // Spreadsheets drop the leading zero of Ain's to Ariège's codes.
                : value.Length == 4 && geography.TryGetCommune("0" + value, out c) ? c
                : null,
            _ => geography.ResolvePostcode(value),
        };
        // A commune the source has no coordinates for cannot be matched by distance: treated as unknown.
        return commune is { Latitude: { } latitude, Longitude: { } longitude }
            ? new Place(latitude, longitude, commune.InseeCode, commune.Name)
            : null;
    };
}
