using Matching.Engine.Geography;
using Matching.Engine.Market;

namespace Matching.Engine.Corpus;

/// <summary>A commune the generator can place documents in.</summary>
/// <param name="Code">INSEE code (arrondissement code for Paris, Lyon, Marseille).</param>
/// <param name="Departement">Département code (2 or 3 characters).</param>
/// <param name="ParentCode">Parent city of an arrondissement (75056, 69123, 13055), else null.</param>
public sealed record CorpusCommune(
    string Code,
    string Name,
    double Latitude,
    double Longitude,
    long Population,
    string Departement,
    string? ParentCode = null);

/// <summary>What the generator draws from: the communes and the real offer counts.</summary>
public sealed record CorpusSources(IReadOnlyList<CorpusCommune> Communes, IReadOnlyList<OfferCount> OfferCounts)
{
    /// <summary>Reads <c>geo/</c> and the offers file of <c>market/</c> from the reference data folder.</summary>
    public static CorpusSources Load(string dataPath) =>
        From(GeographyData.Load(dataPath), Market.OfferCounts.Load(Path.Combine(dataPath, "market", MarketData.OffersFileName)));

    public static CorpusSources From(GeographyData geography, OfferCounts offerCounts)
    {
        ArgumentNullException.ThrowIfNull(geography);
        ArgumentNullException.ThrowIfNull(offerCounts);
        var communes = new List<CorpusCommune>(geography.Communes.Count);
        foreach (var c in geography.Communes)
        {
            // Paris, Lyon and Marseille as a whole overlap their arrondissements: placing documents
            // in both would count their population twice. The few rows without coordinates cannot host a place.
            if (c.IsSynthesized || c.Latitude is not { } lat || c.Longitude is not { } lon)
            {
                continue;
            }
            communes.Add(new CorpusCommune(c.InseeCode, c.Name, lat, lon, c.Population, c.DepartementCode, c.ParentInseeCode));
        }
        return new CorpusSources(communes, offerCounts.Entries);
    }
}
