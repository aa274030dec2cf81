using System.Diagnostics.CodeAnalysis;
using Matching.Engine.Data;

namespace Matching.Engine.Geography;

/// <summary>
/// French communes, départements, régions and employment areas, indexed for O(1) code lookups and
/// radius searches. Immutable once loaded, so one instance is shared by every request and thread.
/// </summary>
/// <remarks>
/// Named <c>GeographyData</c> rather than <c>Geography</c>: a type named like its own namespace
/// cannot be referred to by its simple name from any other <c>Matching.Engine.*</c> namespace (CS0118).
/// </remarks>
public sealed class GeographyData
{
    private readonly Commune[] _communes;
    private readonly Dictionary<string, Commune> _byInsee;
    private readonly Dictionary<string, Commune[]> _byPostcode;
    private readonly Dictionary<string, Commune[]> _arrondissements;
    private readonly Dictionary<string, Departement> _departements;
    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, EmploymentArea> _employmentAreas;
    private readonly Dictionary<string, string> _areaOfInsee;
    private readonly SpatialGrid _grid;

    private GeographyData(
        Commune[] communes,
        Dictionary<string, Departement> departements,
        Dictionary<string, Region> regions,
        Dictionary<string, EmploymentArea> employmentAreas,
        Dictionary<string, string> areaOfInsee)
    {
        _communes = communes;
        _departements = departements;
        _regions = regions;
        _employmentAreas = employmentAreas;
        _areaOfInsee = areaOfInsee;

        _byInsee = new Dictionary<string, Commune>(communes.Length, StringComparer.Ordinal);
        var byPostcode = new Dictionary<string, List<Commune>>(8_000, StringComparer.Ordinal);
        var arrondissements = new Dictionary<string, List<Commune>>(StringComparer.Ordinal);
        foreach (var commune in communes)
        {
            _byInsee.Add(commune.InseeCode, commune);
            // A postcode names the streets it serves, so it leads to the arrondissement, not to the whole city.
            if (!commune.IsSynthesized)
            {
                foreach (var postcode in commune.Postcodes)
                {
                    Append(byPostcode, postcode, commune);
                }
            }
            if (commune.ParentInseeCode is { } parent)
            {
                Append(arrondissements, parent, commune);
            }
        }
        _byPostcode = new Dictionary<string, Commune[]>(byPostcode.Count, StringComparer.Ordinal);
        foreach (var (postcode, list) in byPostcode)
        {
            // Most populated first: that is the commune a postcode alone most likely means.
            list.Sort(static (a, b) => a.Population != b.Population
                ? b.Population.CompareTo(a.Population)
                : string.CompareOrdinal(a.InseeCode, b.InseeCode));
            _byPostcode.Add(postcode, [.. list]);
        }
        _arrondissements = arrondissements.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        // The synthesized cities overlap their arrondissements; indexing both would list the same ground twice.
        _grid = new SpatialGrid(communes.Where(c => !c.IsSynthesized));
    }

    /// <summary>Every commune and arrondissement, plus Paris, Lyon and Marseille as a whole, ordered by INSEE code.</summary>
    public IReadOnlyList<Commune> Communes => _communes;

    public IReadOnlyCollection<Departement> Departements => _departements.Values;

    public IReadOnlyCollection<Region> Regions => _regions.Values;

    public IReadOnlyCollection<EmploymentArea> EmploymentAreas => _employmentAreas.Values;

    public bool TryGetCommune(string inseeCode, [MaybeNullWhen(false)] out Commune commune) =>
        _byInsee.TryGetValue(inseeCode, out commune);

    /// <summary>Communes served by a postcode, most populated first; empty when unknown.</summary>
    public IReadOnlyList<Commune> CommunesByPostcode(string postcode) =>
        _byPostcode.TryGetValue(postcode, out var communes) ? communes : [];

    /// <summary>The arrondissements of Paris (75056), Lyon (69123) or Marseille (13055); empty otherwise.</summary>
    public IReadOnlyList<Commune> ArrondissementsOf(string parentInseeCode) =>
        _arrondissements.TryGetValue(parentInseeCode, out var communes) ? communes : [];

    public Departement? Departement(string code) => _departements.GetValueOrDefault(code);

    public Region? Region(string code) => _regions.GetValueOrDefault(code);

    public EmploymentArea? EmploymentArea(string code) => _employmentAreas.GetValueOrDefault(code);

    /// <summary>
    /// The employment area of a commune. Also answers for INSEE codes of communes merged away since 2019,
    /// which older statistics (the offers file) still use.
    /// </summary>
    public EmploymentArea? EmploymentAreaOf(string inseeCode) =>
        _areaOfInsee.TryGetValue(inseeCode, out var code) ? _employmentAreas.GetValueOrDefault(code) : null;

    /// <summary>
    /// Turns what a user or an offer gives as a place into a commune: an INSEE code ("69123", "2A004")
    /// or a postcode ("69003", the most populated commune it serves). A four-digit code is read with its
    /// leading zero restored ("1000"), as spreadsheets drop it. INSEE codes win where both exist
    /// ("69003" is also the INSEE code of Albigny-sur-Saône): use <see cref="ResolvePostcode"/> for user input that is a postcode.
    /// </summary>
    public Commune? Resolve(string? place)
    {
        if (Normalize(place) is not { } code)
        {
            return null;
        }
        return _byInsee.TryGetValue(code, out var commune) ? commune : ResolvePostcode(code);
    }

    /// <summary>The most populated commune served by a postcode, or null.</summary>
    public Commune? ResolvePostcode(string? postcode) =>
        Normalize(postcode) is { } code && _byPostcode.TryGetValue(code, out var communes) ? communes[0] : null;

    /// <summary>
    /// Communes and arrondissements whose centre lies within <paramref name="radiusKm"/> of
    /// <paramref name="centre"/>, nearest first. Paris, Lyon and Marseille come as arrondissements
    /// (group them by <see cref="Commune.ParentInseeCode"/>); communes without coordinates never match.
    /// </summary>
    public IReadOnlyList<NearbyCommune> CommunesWithin(GeoPoint centre, double radiusKm) => _grid.Within(centre, radiusKm);

    private static string? Normalize(string? place)
    {
        if (string.IsNullOrWhiteSpace(place))
        {
            return null;
        }
        var code = place.Trim();
        if (code.Length == 4 && code.All(char.IsAsciiDigit))
        {
            code = "0" + code;
        }
        return code.Length == 5 ? code.ToUpperInvariant() : null;
    }

    private static void Append(Dictionary<string, List<Commune>> index, string key, Commune commune)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = new List<Commune>(2);
            index.Add(key, list);
        }
        list.Add(commune);
    }

    /// <summary>Loads <c>geo/*.csv</c> from the reference data folder.</summary>
    public static GeographyData Load(string dataPath)
    {
        var geo = Path.Combine(dataPath, "geo");
        var regions = LoadRegions(Path.Combine(geo, "regions.csv"));
        var departements = LoadDepartements(Path.Combine(geo, "departements.csv"));
        var bassins = BassinFile.Load(Path.Combine(geo, "communes_bassins_emploi.csv"));
        var communes = CommuneFile.Load(Path.Combine(geo, "communes.csv"), departements, bassins);

        var members = new Dictionary<string, List<Commune>>(bassins.AreaNames.Count, StringComparer.Ordinal);
        foreach (var commune in communes)
        {
            if (commune.EmploymentAreaCode is { } area)
            {
                if (!members.TryGetValue(area, out var list))
                {
                    list = [];
                    members.Add(area, list);
                }
                list.Add(commune);
            }
        }
        var areas = new Dictionary<string, EmploymentArea>(bassins.AreaNames.Count, StringComparer.Ordinal);
        foreach (var (code, name) in bassins.AreaNames)
        {
            var list = members.GetValueOrDefault(code) ?? [];
            areas.Add(code, new EmploymentArea(code, AreaNames.Readable(name, list), [.. list.Select(c => c.InseeCode)], name));
        }

        // Old codes from the bassin file first, then every known commune (arrondissements inherit their city's area).
        var areaOfInsee = new Dictionary<string, string>(bassins.AreaOfCommune, StringComparer.Ordinal);
        foreach (var commune in communes)
        {
            if (commune.EmploymentAreaCode is { } area)
            {
                areaOfInsee[commune.InseeCode] = area;
            }
        }

        return new GeographyData(communes, departements, regions, areas, areaOfInsee);
    }

    private static Dictionary<string, Region> LoadRegions(string path)
    {
        var regions = new Dictionary<string, Region>(32, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var code = row["insee_reg"];
            regions[code] = new Region(
                code,
                row["region"],
                row["region_article"],
                new GeoPoint(CsvFile.ParseDecimal(row["lat"]), CsvFile.ParseDecimal(row["lng"])),
                CsvFile.TryParseDecimal(row.Optional("aire")),
                row["insee_reg_cheflieu"]);
        }
        return regions;
    }

    private static Dictionary<string, Departement> LoadDepartements(string path)
    {
        var departements = new Dictionary<string, Departement>(128, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var code = row["insee_dep"];
            departements[code] = new Departement(
                code,
                row["departement"],
                row["departement_article"],
                row["insee_reg"],
                new GeoPoint(CsvFile.ParseDecimal(row["lat"]), CsvFile.ParseDecimal(row["lng"])),
                CsvFile.TryParseDecimal(row.Optional("aire")),
                row["insee_com_cheflieu"]);
        }
        return departements;
    }
}
