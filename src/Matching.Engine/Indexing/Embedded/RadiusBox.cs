using Matching.Engine.Scoring;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// A conservative latitude/longitude box around a centre, to skip the haversine for points that are
/// surely beyond the radius. It only ever excludes points the haversine would exclude (with a
/// margin for rounding), so it never changes a result, only its cost.
/// </summary>
internal readonly record struct RadiusBox(double LatitudeDelta, double LongitudeDelta)
{
    private const double KmPerDegree = MatchScorer.EarthRadiusKm * Math.PI / 180;
    private const double Margin = 1e-9;

    public static readonly RadiusBox Everywhere = new(double.PositiveInfinity, double.PositiveInfinity);

    /// <summary>The box of the spherical cap of <paramref name="radiusKm"/> around a centre at <paramref name="latitude"/>.</summary>
    public static RadiusBox Around(double latitude, double radiusKm)
    {
        var latitudeDelta = DegreesOfLatitude(radiusKm);
        var angle = radiusKm / MatchScorer.EarthRadiusKm;
        var phi = Math.Abs(latitude) * Math.PI / 180;
        // Beyond a pole every longitude is within reach; otherwise the cap spans asin(sin r / cos φ).
        var longitudeDelta = phi + angle >= Math.PI / 2 - Margin
            ? double.PositiveInfinity
            : Math.Asin(Math.Min(1, Math.Sin(angle) / Math.Cos(phi))) * 180 / Math.PI * (1 + Margin) + Margin;
        return new RadiusBox(latitudeDelta, longitudeDelta);
    }

    /// <summary>A great-circle distance is at least the meridian arc between the two latitudes.</summary>
    public static bool LatitudesSurelyBeyond(double latitude1, double latitude2, double radiusKm) =>
        Math.Abs(latitude1 - latitude2) > DegreesOfLatitude(radiusKm);

    /// <summary>
    /// True when a point is surely within the radius of the centre: the path along the centre's
    /// parallel then along the meridian is at least the great-circle distance. False for NaN.
    /// </summary>
    public static bool SurelyWithin(double centreLatitude, double centreLongitude, double cosCentreLatitude, double latitude, double longitude, double radiusKm)
    {
        var dLon = Math.Abs(longitude - centreLongitude);
        if (dLon > 180)
        {
            dLon = 360 - dLon;
        }
        var pathKm = (Math.Abs(latitude - centreLatitude) + cosCentreLatitude * dLon) * KmPerDegree;
        return pathKm * (1 + Margin) + Margin < radiusKm;
    }

    /// <summary>False for a point without coordinates (NaN): the scorer decides for those.</summary>
    public bool SurelyBeyond(double centreLatitude, double centreLongitude, double latitude, double longitude)
    {
        if (Math.Abs(latitude - centreLatitude) > LatitudeDelta)
        {
            return true;
        }
        var dLon = Math.Abs(longitude - centreLongitude);
        if (dLon > 180)
        {
            dLon = 360 - dLon;
        }
        return dLon > LongitudeDelta;
    }

    /// <summary>
    /// True when every point of a latitude/longitude box is surely beyond the radius (this box being the
    /// cap's box around the centre). The nearest point of an arc of longitudes to a longitude outside it
    /// is one of its ends, so testing the ends is exact for the box.
    /// </summary>
    public bool BoxSurelyBeyond(double centreLatitude, double centreLongitude, double minLatitude, double maxLatitude, double minLongitude, double maxLongitude)
    {
        var dLat = centreLatitude < minLatitude ? minLatitude - centreLatitude : centreLatitude > maxLatitude ? centreLatitude - maxLatitude : 0;
        if (dLat > LatitudeDelta)
        {
            return true;
        }
        if (centreLongitude >= minLongitude && centreLongitude <= maxLongitude)
        {
            return false;
        }
        return Math.Min(ArcDegrees(centreLongitude, minLongitude), ArcDegrees(centreLongitude, maxLongitude)) > LongitudeDelta;
    }

    /// <summary>True when every point of the box is surely within the radius: <see cref="SurelyWithin"/> of its farthest corner.</summary>
    public static bool BoxSurelyWithin(double centreLatitude, double centreLongitude, double cosCentreLatitude, double minLatitude, double maxLatitude, double minLongitude, double maxLongitude, double radiusKm)
    {
        var dLat = Math.Max(Math.Abs(minLatitude - centreLatitude), Math.Abs(maxLatitude - centreLatitude));
        var dLon = Math.Max(Math.Abs(minLongitude - centreLongitude), Math.Abs(maxLongitude - centreLongitude));
        if (dLon > 180)
        {
            return false;
        }
        var pathKm = (dLat + cosCentreLatitude * dLon) * KmPerDegree;
        return pathKm * (1 + Margin) + Margin < radiusKm;
    }

    private static double ArcDegrees(double a, double b)
    {
        var d = Math.Abs(a - b);
        return d > 180 ? 360 - d : d;
    }

    public static double DegreesOfLatitude(double radiusKm) => radiusKm / KmPerDegree * (1 + Margin) + Margin;
}
