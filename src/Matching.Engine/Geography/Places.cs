namespace Matching.Engine.Geography;

/// <summary>
/// A French commune, a Paris/Lyon/Marseille arrondissement, or one of those three cities as a whole.
/// </summary>
/// <param name="InseeCode">Official code, five characters with leading zeros kept ("01004", "2A004").</param>
/// <param name="Postcodes">Every postcode serving the commune; large communes have several.</param>
/// <param name="Latitude">Null for the few source rows without coordinates.</param>
/// <param name="ParentInseeCode">For arrondissements, the city (75056, 69123, 13055); null otherwise.</param>
/// <param name="EmploymentAreaCode">The "bassin d'emploi" (BE19), four characters with leading zeros; null when unmapped.</param>
/// <param name="AreaKm2">Null where the source has no surface.</param>
/// <param name="DelegatedCommuneNames">Names of former communes merged into this one ("communes déléguées"), which people still use.</param>
/// <param name="IsSynthesized">True for Paris, Lyon and Marseille, built from their arrondissements because the source has no row for them.</param>
public sealed record Commune(
    string InseeCode,
    string Name,
    string NameWithArticle,
    string[] Postcodes,
    double? Latitude,
    double? Longitude,
    int Population,
    string DepartementCode,
    string RegionCode,
    string? ParentInseeCode,
    string? EmploymentAreaCode,
    int Active15To64,
    int Unemployed15To64,
    double? AreaKm2,
    string[] DelegatedCommuneNames,
    bool IsSynthesized = false)
{
    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;

    public bool IsArrondissement => ParentInseeCode is not null;

    /// <summary>Unemployed share of the 15-64 active population, in [0, 1]; null when nobody is active.</summary>
    public double? UnemploymentRate => Active15To64 > 0 ? (double)Unemployed15To64 / Active15To64 : null;
}

public sealed record Departement(
    string Code,
    string Name,
    string NameWithArticle,
    string RegionCode,
    GeoPoint Centre,
    double? AreaKm2,
    string ChefLieuInseeCode);

public sealed record Region(
    string Code,
    string Name,
    string NameWithArticle,
    GeoPoint Centre,
    double? AreaKm2,
    string ChefLieuInseeCode);

/// <summary>An employment area ("bassin d'emploi", BE19), the unit of the labour-market tension figures.</summary>
/// <param name="Name">As people write it (<see cref="AreaNames"/>): "Versant Nord-Est Roubaix-Tourcoing", "Chalon-sur-Saône".</param>
/// <param name="CommuneInseeCodes">Known communes of the area (those <see cref="GeographyData.TryGetCommune"/> finds), sorted.</param>
/// <param name="SourceName">As the bassin file spells it ("VERSANT N-EST ROUB.TOURC."); null when <paramref name="Name"/> is.</param>
public sealed record EmploymentArea(string Code, string Name, IReadOnlyList<string> CommuneInseeCodes, string? SourceName = null);

/// <summary>A commune found by a radius search, with its distance from the search centre.</summary>
public readonly record struct NearbyCommune(Commune Commune, double DistanceKm);
