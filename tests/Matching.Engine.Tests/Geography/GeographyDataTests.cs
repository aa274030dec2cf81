using Matching.Engine.Geography;

namespace Matching.Engine.Tests.Geography;

public sealed class GeographyDataTests
{
    private static GeographyData Geo => TestData.Geography;

    [Fact]
    public void LoadsOneCommunePerInseeCodePlusTheThreeCities()
    {
        // communes.csv has 36,208 rows: one per commune and postcode, plus merged former communes
        // sharing their new commune's code. They fold into 34,976 codes; Paris, Lyon, Marseille are added.
        Assert.Equal(34_979, Geo.Communes.Count);
        Assert.Equal(3, Geo.Communes.Count(c => c.IsSynthesized));
        // 20 + 9 + 16: Paris 16e has two rows (75016, 75116) under one code.
        Assert.Equal(45, Geo.Communes.Count(c => c.IsArrondissement));
        Assert.Equal(Geo.Communes.Count, Geo.Communes.Select(c => c.InseeCode).Distinct().Count());
    }

    [Fact]
    public void LoadsDepartementsRegionsAndEmploymentAreas()
    {
        Assert.Equal(101, Geo.Departements.Count);
        Assert.Equal(18, Geo.Regions.Count);
        Assert.Equal(403, Geo.EmploymentAreas.Count);
        Assert.Equal("Auvergne-Rhône-Alpes", Geo.Region("84")?.Name);
        Assert.Equal("84", Geo.Departement("01")?.RegionCode);
        Assert.Equal("Corse-du-Sud", Geo.Departement("2A")?.Name);
    }

    [Fact]
    public void PostcodeFindsLyonThirdArrondissement()
    {
        var communes = Geo.CommunesByPostcode("69003");

        var lyon3 = Assert.Single(communes);
        Assert.Equal("69383", lyon3.InseeCode);
        Assert.Equal("Lyon 3e Arrondissement", lyon3.Name);
        Assert.Equal("69123", lyon3.ParentInseeCode);
        Assert.InRange(GeoMath.DistanceKm(lyon3.Location!.Value, new GeoPoint(45.76, 4.85)), 0, 2.5);
    }

    [Fact]
    public void UnknownPostcodeFindsNothing() => Assert.Empty(Geo.CommunesByPostcode("00000"));

    [Fact]
    public void CommuneWithSeveralPostcodesKeepsThemAll()
    {
        Assert.True(Geo.TryGetCommune("50129", out var cherbourg));

        Assert.Equal(["50100", "50110", "50120", "50130", "50460", "50470"], cherbourg.Postcodes);
        Assert.Contains("Cherbourg-Octeville", cherbourg.DelegatedCommuneNames);
        Assert.Contains(cherbourg, Geo.CommunesByPostcode("50110"));
    }

    [Fact]
    public void ParisSixteenthHasBothItsPostcodes()
    {
        Assert.True(Geo.TryGetCommune("75116", out var paris16));

        Assert.Equal(["75016", "75116"], paris16.Postcodes);
    }

    [Fact]
    public void InseeCodesKeepLeadingZeros()
    {
        Assert.True(Geo.TryGetCommune("01004", out var amberieu));

        Assert.Equal("Ambérieu-en-Bugey", amberieu.Name);
        Assert.Equal("01", amberieu.DepartementCode);
        Assert.Equal(["01500"], amberieu.Postcodes);
        Assert.Equal(14_854, amberieu.Population);
        Assert.Equal(7_118, amberieu.Active15To64);
        Assert.Equal(969, amberieu.Unemployed15To64);
    }

    [Fact]
    public void KnowsTheEmploymentAreaOfACommune()
    {
        var area = Geo.EmploymentAreaOf("01004");

        Assert.NotNull(area);
        Assert.Equal("8403", area.Code);
        Assert.Equal("Amberieu", area.Name);
        Assert.Equal("AMBERIEU", area.SourceName);
        Assert.Contains("01004", area.CommuneInseeCodes);
        Assert.True(Geo.TryGetCommune("01004", out var amberieu));
        Assert.Equal("8403", amberieu.EmploymentAreaCode);
    }

    [Fact]
    public void EmploymentAreaOfAMergedAwayCommuneCodeIsStillKnown()
    {
        // 01039 was merged into another commune; older statistics such as the offers file still use it.
        Assert.False(Geo.TryGetCommune("01039", out _));

        Assert.Equal("8404", Geo.EmploymentAreaOf("01039")?.Code);
        Assert.Null(Geo.EmploymentAreaOf("99999"));
    }

    [Fact]
    public void EmploymentAreaCodesKeepLeadingZeros()
    {
        var area = Geo.EmploymentArea("0203");

        Assert.NotNull(area);
        Assert.NotEmpty(area.CommuneInseeCodes);
        Assert.All(area.CommuneInseeCodes, code => Assert.Equal("0203", Geo.EmploymentAreaOf(code)?.Code));
    }

    [Fact]
    public void ParisIsSynthesizedFromItsArrondissements()
    {
        Assert.True(Geo.TryGetCommune("75056", out var paris));

        Assert.True(paris.IsSynthesized);
        Assert.Equal("Paris", paris.Name);
        Assert.True(paris.Population > 2_000_000);
        Assert.Equal(Geo.ArrondissementsOf("75056").Sum(c => c.Population), paris.Population);
        Assert.Equal(20, Geo.ArrondissementsOf("75056").Count);
        Assert.Contains("75001", paris.Postcodes);
        Assert.Contains("75116", paris.Postcodes);
        Assert.Equal("1107", paris.EmploymentAreaCode);
        Assert.Equal("75", paris.DepartementCode);
        Assert.Equal(48.86, paris.Latitude!.Value, 1);
        Assert.Equal(2.34, paris.Longitude!.Value, 1);
    }

    [Fact]
    public void LyonAndMarseilleAreSynthesizedToo()
    {
        Assert.True(Geo.TryGetCommune("69123", out var lyon));
        Assert.True(Geo.TryGetCommune("13055", out var marseille));

        Assert.Equal("Lyon", lyon.Name);
        Assert.Equal("8428", lyon.EmploymentAreaCode);
        Assert.Equal(9, Geo.ArrondissementsOf("69123").Count);
        Assert.Equal("Marseille", marseille.Name);
        Assert.Equal(16, Geo.ArrondissementsOf("13055").Count);
        Assert.True(marseille.Population > 800_000);
    }

    [Fact]
    public void ArrondissementsShareTheirCitysEmploymentArea()
    {
        Assert.True(Geo.TryGetCommune("69383", out var lyon3));

        Assert.Equal("8428", lyon3.EmploymentAreaCode);
        Assert.Contains("69383", Geo.EmploymentArea("8428")!.CommuneInseeCodes);
    }

    [Fact]
    public void ParisIsAbout392KmFromLyon()
    {
        var paris = Geo.Resolve("75056")!.Location!.Value;
        var lyon = Geo.Resolve("69123")!.Location!.Value;

        Assert.InRange(GeoMath.DistanceKm(paris, lyon), 387, 397);
    }

    [Theory]
    [InlineData("2A004", "Ajaccio")]
    [InlineData("2a004", "Ajaccio")]
    [InlineData("2B033", "Bastia")]
    [InlineData(" 01004 ", "Ambérieu-en-Bugey")]
    [InlineData("69123", "Lyon")]
    public void ResolvesInseeCodes(string place, string name) => Assert.Equal(name, Geo.Resolve(place)?.Name);

    [Fact]
    public void ResolvesAPostcodeToItsMostPopulatedCommune()
    {
        var commune = Geo.Resolve("01500");

        Assert.NotNull(commune);
        Assert.Equal("01004", commune.InseeCode);
        Assert.All(Geo.CommunesByPostcode("01500"), c => Assert.True(c.Population <= commune.Population));
    }

    [Fact]
    public void ResolvesAPostcodeThatLostItsLeadingZero() => Assert.Equal("01004", Geo.Resolve("1500")?.InseeCode);

    [Fact]
    public void InseeCodeWinsOverTheSamePostcodeButPostcodeCanBeAskedFor()
    {
        Assert.Equal("Albigny-sur-Saône", Geo.Resolve("69003")?.Name);
        Assert.Equal("69383", Geo.ResolvePostcode("69003")?.InseeCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("99999")]
    [InlineData("Lyon")]
    [InlineData("690031")]
    public void UnknownPlacesResolveToNull(string? place) => Assert.Null(Geo.Resolve(place));

    [Fact]
    public void CommunesWithinReturnsOnlyCommunesInsideTheRadiusNearestFirst()
    {
        Assert.True(Geo.TryGetCommune("01004", out var amberieu));
        var centre = amberieu.Location!.Value;

        var nearby = Geo.CommunesWithin(centre, 15);

        Assert.Equal(amberieu, nearby[0].Commune);
        Assert.Equal(0, nearby[0].DistanceKm, 9);
        Assert.All(nearby, n => Assert.True(n.DistanceKm <= 15));
        Assert.All(nearby, n => Assert.Equal(GeoMath.DistanceKm(centre, n.Commune.Location!.Value), n.DistanceKm, 9));
        Assert.Equal(nearby.OrderBy(n => n.DistanceKm).Select(n => n.Commune), nearby.Select(n => n.Commune));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(15)]
    [InlineData(80)]
    [InlineData(2_000)]
    public void CommunesWithinFindsExactlyWhatAFullScanFinds(double radiusKm)
    {
        var centre = new GeoPoint(45.7578, 4.8320);
        var expected = Geo.Communes
            .Where(c => !c.IsSynthesized && c.Location is { } p && GeoMath.DistanceKm(centre, p) <= radiusKm)
            .Select(c => c.InseeCode)
            .Order(StringComparer.Ordinal);

        var found = Geo.CommunesWithin(centre, radiusKm).Select(n => n.Commune.InseeCode).Order(StringComparer.Ordinal);

        Assert.Equal(expected, found);
    }

    [Fact]
    public void CommunesWithinListsArrondissementsRatherThanTheirCity()
    {
        var nearby = Geo.CommunesWithin(Geo.Resolve("75056")!.Location!.Value, 3);

        Assert.DoesNotContain(nearby, n => n.Commune.IsSynthesized);
        Assert.Contains(nearby, n => n.Commune.ParentInseeCode == "75056");
    }

    [Fact]
    public void CommunesWithinAnInvalidCentreIsEmpty()
    {
        Assert.Empty(Geo.CommunesWithin(new GeoPoint(double.NaN, 2), 10));
        Assert.Empty(Geo.CommunesWithin(new GeoPoint(45, 4), -1));
    }

    [Fact]
    public void CommunesWithoutCoordinatesAreKeptButHaveNoLocation()
    {
        Assert.True(Geo.TryGetCommune("85165", out var commune));

        Assert.Null(commune.Location);
    }
}
