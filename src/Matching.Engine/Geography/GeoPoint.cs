namespace Matching.Engine.Geography;

/// <summary>A WGS84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>False for NaN or out-of-range coordinates, which user input and some source rows can carry.</summary>
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;
}

/// <summary>Great-circle distances; allocation free so the matching index can call it per candidate.</summary>
public static class GeoMath
{
    /// <summary>Mean Earth radius (IUGG), the usual choice for haversine distances.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Kilometres in one degree of latitude (and of longitude at the equator) on the mean sphere.</summary>
    public const double KmPerDegree = EarthRadiusKm * Math.PI / 180.0;

    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var lat1 = ToRadians(a.Latitude);
        var lat2 = ToRadians(b.Latitude);
        var sinHalfDLat = Math.Sin((lat2 - lat1) / 2);
        var sinHalfDLon = Math.Sin(ToRadians(b.Longitude - a.Longitude) / 2);
        var h = (sinHalfDLat * sinHalfDLat) + (Math.Cos(lat1) * Math.Cos(lat2) * sinHalfDLon * sinHalfDLon);
        // Rounding can push h a hair above 1 for antipodal points; Asin would then return NaN.
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, h)));
    }

    internal static double ToRadians(double degrees) => degrees * (Math.PI / 180.0);

    internal static double ToDegrees(double radians) => radians * (180.0 / Math.PI);
}
