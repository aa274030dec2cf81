namespace Matching.Engine.Geography;

/// <summary>
/// Fixed-size latitude/longitude cells over the communes, so a radius search reads a few cells
/// instead of 35,000 distances. Sparse (a dictionary of non-empty cells) because overseas
/// departments sit far from mainland France.
/// </summary>
internal sealed class SpatialGrid
{
    // 0.1° is about 11 km north-south and 7-8 km east-west in mainland France: a few communes per cell.
    private const double CellDegrees = 0.1;

    private readonly Commune[] _items;
    private readonly GeoPoint[] _points;
    private readonly Dictionary<long, int[]> _cells;

    public SpatialGrid(IEnumerable<Commune> communes)
    {
        var items = new List<Commune>(40_000);
        foreach (var commune in communes)
        {
            if (commune.Location is { IsValid: true })
            {
                items.Add(commune);
            }
        }
        _items = [.. items];
        _points = new GeoPoint[_items.Length];
        var cells = new Dictionary<long, List<int>>(_items.Length);
        for (var i = 0; i < _items.Length; i++)
        {
            var point = _items[i].Location!.Value;
            _points[i] = point;
            var key = Key(Cell(point.Latitude), Cell(point.Longitude));
            if (!cells.TryGetValue(key, out var members))
            {
                members = new List<int>(4);
                cells.Add(key, members);
            }
            members.Add(i);
        }
        _cells = new Dictionary<long, int[]>(cells.Count);
        foreach (var (key, members) in cells)
        {
            _cells.Add(key, [.. members]);
        }
    }

    public int Count => _items.Length;

    public List<NearbyCommune> Within(GeoPoint centre, double radiusKm)
    {
        var results = new List<NearbyCommune>();
        if (!centre.IsValid || !(radiusKm >= 0) || double.IsInfinity(radiusKm))
        {
            return results;
        }

        // Exact bounding box of a spherical cap (Matuschek): every point within the radius lies inside it.
        var angular = radiusKm / GeoMath.EarthRadiusKm;
        var latRad = GeoMath.ToRadians(centre.Latitude);
        var minLat = latRad - angular;
        var maxLat = latRad + angular;
        var fullScan = angular >= Math.PI || minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2;
        double minLon = 0, maxLon = 0;
        if (!fullScan)
        {
            var sinRatio = Math.Sin(angular) / Math.Cos(latRad);
            if (sinRatio >= 1)
            {
                fullScan = true;
            }
            else
            {
                var dLon = Math.Asin(sinRatio);
                var lonRad = GeoMath.ToRadians(centre.Longitude);
                minLon = lonRad - dLon;
                maxLon = lonRad + dLon;
                // Crossing the antimeridian would need two longitude ranges; nothing French lies there.
                fullScan = minLon < -Math.PI || maxLon > Math.PI;
            }
        }

        if (!fullScan)
        {
            // A small outward margin so a point sitting on a cell edge is never missed by rounding.
            const double margin = 1e-9;
            var latFrom = Cell(GeoMath.ToDegrees(minLat) - margin);
            var latTo = Cell(GeoMath.ToDegrees(maxLat) + margin);
            var lonFrom = Cell(GeoMath.ToDegrees(minLon) - margin);
            var lonTo = Cell(GeoMath.ToDegrees(maxLon) + margin);
            var cellCount = ((long)latTo - latFrom + 1) * ((long)lonTo - lonFrom + 1);
            if (cellCount <= _cells.Count)
            {
                for (var lat = latFrom; lat <= latTo; lat++)
                {
                    for (var lon = lonFrom; lon <= lonTo; lon++)
                    {
                        if (_cells.TryGetValue(Key(lat, lon), out var members))
                        {
                            foreach (var i in members)
                            {
                                AddIfWithin(i, centre, radiusKm, results);
                            }
                        }
                    }
                }
                Sort(results);
                return results;
            }
        }

        // Huge radii touch more cells than exist: scanning every commune is cheaper.
        for (var i = 0; i < _points.Length; i++)
        {
            AddIfWithin(i, centre, radiusKm, results);
        }
        Sort(results);
        return results;
    }

    private void AddIfWithin(int i, GeoPoint centre, double radiusKm, List<NearbyCommune> results)
    {
        var distance = GeoMath.DistanceKm(centre, _points[i]);
        if (distance <= radiusKm)
        {
            results.Add(new NearbyCommune(_items[i], distance));
        }
    }

    private static void Sort(List<NearbyCommune> results) =>
        results.Sort(static (a, b) =>
        {
            var byDistance = a.DistanceKm.CompareTo(b.DistanceKm);
            return byDistance != 0 ? byDistance : string.CompareOrdinal(a.Commune.InseeCode, b.Commune.InseeCode);
        });

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Key(int latCell, int lonCell) => ((long)latCell << 32) | (uint)lonCell;
}
