using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Text;

namespace Matching.Engine.Geography;

/// <summary>
/// The ground of the places wider than a commune that an offer can give (<see cref="PlaceArea"/>): a département or a
/// région, as the discs of its communes. A seeker's circle (a point and a radius) <b>reaches</b> an area when it meets one
/// of those discs: some commune of the area whose centre is within the radius plus the commune's own extent, the radius
/// of a disc of its surface (√(surface / π), 1.9 km for the median commune, 15.5 km for Arles). Both indexes apply this one
/// rule (docs/scoring.md, "Places wider than a commune"): the embedded index calls <see cref="Reaches"/>, Elasticsearch
/// filters on the keys <see cref="ReachedBy"/> gives. France, remote work and abroad have no ground here: no key.
/// </summary>
/// <remarks>Keys are "D" + the département code ("D74", "D2A", "D971") and "R" + the région code ("R84").</remarks>
public sealed class PlaceAreaMap
{
    private readonly Dictionary<string, Ground> _grounds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _regionByName = new(StringComparer.Ordinal);
    private readonly Ground[] _departements;
    private readonly Dictionary<string, string> _regionOfDepartement = new(StringComparer.Ordinal);

    public PlaceAreaMap(GeographyData geography)
    {
        ArgumentNullException.ThrowIfNull(geography);
        var byDepartement = new Dictionary<string, List<Disc>>(StringComparer.Ordinal);
        var byRegion = new Dictionary<string, List<Disc>>(StringComparer.Ordinal);
        foreach (var commune in geography.Communes)
        {
            // Paris, Lyon and Marseille as a whole overlap their arrondissements: the arrondissements stand for them.
            if (commune.IsSynthesized || commune.Latitude is not { } lat || commune.Longitude is not { } lon)
            {
                continue;
            }
            var disc = new Disc(lat, lon, commune.AreaKm2 is > 0 and var km2 ? Math.Sqrt(km2 / Math.PI) : 0);
            Add(byDepartement, commune.DepartementCode, disc);
            if (commune.RegionCode.Length > 0)
            {
                Add(byRegion, commune.RegionCode, disc);
                _regionOfDepartement.TryAdd(commune.DepartementCode, commune.RegionCode);
            }
        }
        foreach (var (code, discs) in byDepartement)
        {
            _grounds["D" + code] = new Ground("D" + code, discs);
        }
        foreach (var (code, discs) in byRegion)
        {
            _grounds["R" + code] = new Ground("R" + code, discs);
        }
        foreach (var region in geography.Regions)
        {
            _regionByName[Fold(region.Name)] = region.Code;
        }
        _departements = [.. _grounds.Values.Where(g => g.Key[0] == 'D').OrderBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>Every area key, départements then régions.</summary>
    public IEnumerable<string> Keys => _grounds.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>
    /// The key of an offer's area: its département, or its région by code or by name (accents, case and dashes aside: "Ile-de-France",
    /// "AUVERGNE RHONE ALPES"); null for France, remote work, abroad, and a name or code the reference geography does not know
    /// (such an offer passes every radius, as France does).
    /// </summary>
    public string? KeyOf(PlaceArea? area)
    {
        switch (area?.Scope)
        {
            case PlaceScope.Departement when area.Code is { Length: > 0 } code:
                var key = "D" + code.Trim().ToUpperInvariant();
                return _grounds.ContainsKey(key) ? key : null;
            case PlaceScope.Region:
                if (area.Code is { Length: > 0 } regionCode && _grounds.ContainsKey("R" + regionCode.Trim()))
                {
                    return "R" + regionCode.Trim();
                }
                return _regionByName.TryGetValue(Fold(area.Label), out var named) ? "R" + named : null;
            default:
                return null;
        }
    }

    /// <summary>Whether the circle of <paramref name="radiusKm"/> around the point reaches the area <paramref name="key"/> (false for an unknown key).</summary>
    public bool Reaches(string key, double latitude, double longitude, double radiusKm) =>
        _grounds.TryGetValue(key, out var ground) && ground.Reaches(latitude, longitude, radiusKm);

    /// <summary>The keys of every area the circle reaches: the départements, then the régions holding one of them (a région is its départements' ground).</summary>
    public IReadOnlyList<string> ReachedBy(double latitude, double longitude, double radiusKm)
    {
        var keys = new List<string>();
        var regions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ground in _departements)
        {
            if (ground.Reaches(latitude, longitude, radiusKm))
            {
                keys.Add(ground.Key);
                if (_regionOfDepartement.TryGetValue(ground.Key[1..], out var region))
                {
                    regions.Add("R" + region);
                }
            }
        }
        keys.AddRange(regions);
        return keys;
    }

    /// <summary>The discs of an area's communes (centre and extent in km), for a query that tests them itself; empty for an unknown key.</summary>
    public IReadOnlyList<(double Latitude, double Longitude, double ExtentKm)> DiscsOf(string key) =>
        _grounds.TryGetValue(key, out var ground) ? ground.Discs : [];

    /// <summary>The latitude band of an area and the largest extent of its communes (a conservative first test), or null for an unknown key.</summary>
    public (double MinLatitude, double MaxLatitude, double MaxExtentKm)? BandOf(string key) =>
        _grounds.TryGetValue(key, out var ground) ? (ground.MinLatitude, ground.MaxLatitude, ground.MaxExtent) : null;

    private static string Fold(string name) => TextNormalizer.Normalize(name.Replace('-', ' ').Replace('\'', ' '));

    private static void Add(Dictionary<string, List<Disc>> groups, string key, Disc disc)
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }
        list.Add(disc);
    }

    private readonly record struct Disc(double Latitude, double Longitude, double Extent);

    /// <summary>An area's commune discs sorted by latitude: a circle is tested against the band of latitudes it can reach only.</summary>
    private sealed class Ground
    {
        // A little more than one degree of latitude in km at the index's Earth radius: the band taken is never too narrow.
        private const double KmPerDegreeAtMost = 111.0;

        private readonly double[] _latitudes;
        private readonly double[] _longitudes;
        private readonly double[] _extents;

        public Ground(string key, List<Disc> discs)
        {
            Key = key;
            discs.Sort((a, b) => a.Latitude.CompareTo(b.Latitude));
            _latitudes = [.. discs.Select(d => d.Latitude)];
            _longitudes = [.. discs.Select(d => d.Longitude)];
            _extents = [.. discs.Select(d => d.Extent)];
            MaxExtent = _extents.Length > 0 ? _extents.Max() : 0;
            MinLatitude = _latitudes.Length > 0 ? _latitudes[0] : double.NaN;
            MaxLatitude = _latitudes.Length > 0 ? _latitudes[^1] : double.NaN;
            Discs = [.. discs.Select(d => (d.Latitude, d.Longitude, d.Extent))];
        }

        public string Key { get; }

        public double MaxExtent { get; }

        public double MinLatitude { get; }

        public double MaxLatitude { get; }

        public (double, double, double)[] Discs { get; }

        public bool Reaches(double latitude, double longitude, double radiusKm)
        {
            if (double.IsNaN(latitude) || double.IsNaN(longitude) || !(radiusKm >= 0))
            {
                return false;
            }
            var band = (radiusKm + MaxExtent) / KmPerDegreeAtMost;
            if (latitude + band < MinLatitude || latitude - band > MaxLatitude)
            {
                return false;
            }
            var start = Array.BinarySearch(_latitudes, latitude - band);
            start = start < 0 ? ~start : start;
            for (var i = start; i < _latitudes.Length && _latitudes[i] <= latitude + band; i++)
            {
                if (MatchScorer.DistanceKm(latitude, longitude, _latitudes[i], _longitudes[i]) <= radiusKm + _extents[i])
                {
                    return true;
                }
            }
            return false;
        }
    }
}
