using Matching.Engine.Geography;

namespace Matching.Engine.Tests.Geography;

public sealed class GeoMathTests
{
    [Fact]
    public void DistanceBetweenSamePointIsZero()
    {
        var point = new GeoPoint(45.76, 4.85);

        Assert.Equal(0, GeoMath.DistanceKm(point, point), 9);
    }

    [Fact]
    public void OneDegreeOfLatitudeIsAbout111Km()
    {
        var distance = GeoMath.DistanceKm(new GeoPoint(0, 0), new GeoPoint(1, 0));

        Assert.Equal(GeoMath.KmPerDegree, distance, 6);
        Assert.InRange(distance, 111.1, 111.3);
    }

    [Fact]
    public void DistanceIsSymmetric()
    {
        var paris = new GeoPoint(48.8566, 2.3522);
        var marseille = new GeoPoint(43.2965, 5.3698);

        Assert.Equal(GeoMath.DistanceKm(paris, marseille), GeoMath.DistanceKm(marseille, paris), 9);
    }

    [Fact]
    public void AntipodesAreHalfTheCircumferenceApart()
    {
        var distance = GeoMath.DistanceKm(new GeoPoint(10, 20), new GeoPoint(-10, -160));

        Assert.Equal(Math.PI * GeoMath.EarthRadiusKm, distance, 3);
    }

    [Theory]
    [InlineData(45.0, 4.0, true)]
    [InlineData(-90.0, 180.0, true)]
    [InlineData(90.5, 0.0, false)]
    [InlineData(0.0, -180.1, false)]
    [InlineData(double.NaN, 0.0, false)]
    public void IsValidChecksCoordinateRanges(double latitude, double longitude, bool expected) =>
        Assert.Equal(expected, new GeoPoint(latitude, longitude).IsValid);
}
