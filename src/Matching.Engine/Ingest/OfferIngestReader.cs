using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Matching.Engine.Ingest;

/// <summary>
/// Reads a bulk offers body, a JSON array, NDJSON or a France Travail search response
/// (<c>{"resultats":[...]}</c>), one item at a time. Each item is Coach's schema or France Travail's,
/// told apart by its fields. A bad item becomes an error item and reading goes on.
/// </summary>
public static class OfferIngestReader
{
    public static IAsyncEnumerable<IngestItem<OfferSubmission>> ReadAsync(Stream body, CancellationToken cancellationToken = default) =>
        IngestStream.ReadAsync<OfferSubmission>(body, Bind, IngestStream.DefaultMaxItemBytes, cancellationToken);

    /// <summary>Reads one offer already parsed (a single-offer request body).</summary>
    public static IngestItem<OfferSubmission> Read(JsonElement item, int index = 0) => IngestStream.Bind<OfferSubmission>(index, null, item, Bind);

    /// <summary>
    /// France Travail items have <c>intitule</c> (or <c>lieuTravail</c>) and no <c>title</c>. Both schemas
    /// have <c>romeCode</c>, so it marks France Travail only on an item with none of Coach's own fields:
    /// a Coach offer that forgot its title must be told "title is required", not "intitule is required".
    /// </summary>
    public static bool IsFranceTravail(JsonElement item)
    {
        bool title = false, ftOnly = false, rome = false, coachOnly = false;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name.ToUpperInvariant())
            {
                case "TITLE": title = true; break;
                case "INTITULE" or "LIEUTRAVAIL": ftOnly = true; break;
                case "ROMECODE": rome = true; break;
                case "OCCUPATION" or "SKILLS" or "PLACE" or "CONTRACT": coachOnly = true; break;
            }
        }
        return !title && (ftOnly || (rome && !coachOnly));
    }

    private static JsonTypeInfo Bind(JsonElement item) =>
        IsFranceTravail(item) ? IngestJsonContext.Default.FranceTravailOffer : IngestJsonContext.Default.OfferInput;
}
