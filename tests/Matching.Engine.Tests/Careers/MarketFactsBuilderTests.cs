using Matching.Engine.Careers;
using Matching.Engine.Tests.Geography;
using static Matching.Engine.Tests.Careers.CareersTestData;

namespace Matching.Engine.Tests.Careers;

public sealed class MarketFactsBuilderTests
{
    private static readonly Lazy<MarketFactsBuilder> s_builder = new(() => new MarketFactsBuilder(Esco, TestData.Geography, TestData.Market));

    private static MarketFactsBuilder Builder => s_builder.Value;

    [Fact]
    public void LyonCareAssistantGetsTheDaresFiguresOfLyonCentre()
    {
        // market/tension_rome_bassin_2021.csv: 2021;J1501;8428;1050,405332;291;5;...  (Lyon is employment area 8428 LYON CENTRE)
        var facts = Builder.Build("69383", "J1501", 20);

        Assert.Equal("8428", facts.AreaCode);
        Assert.Equal("LYON CENTRE", facts.AreaName, ignoreCase: true);
        var tension = facts.Tension!;
        Assert.Equal(1050.405332, tension.OffersRegistered, 6);
        Assert.Equal(291, tension.JobSeekers, 9);
        Assert.Equal(10 * 1050.405332 / 291, tension.OffersPerTenJobSeekers!.Value, 6);
        Assert.Equal(5, tension.TensionIndicator);
        Assert.Equal(TestData.Market.MainHiringChannel("J1501"), facts.MainHiringChannel);
        Assert.Equal(TestData.Market.RecruitmentDifficulty("J1501")?.DifficultPercent, facts.RecruitmentDifficultyPercent);
    }

    [Fact]
    public void LessTenseAreasAreTheBestElsewhereWithRealVolume()
    {
        var facts = Builder.Build("69383", "N4101", 20);
        var local = facts.Tension!.OffersPerTenJobSeekers!.Value;

        Assert.InRange(facts.LessTenseAreas.Count, 1, 5);
        Assert.All(facts.LessTenseAreas, a =>
        {
            Assert.NotEqual("8428", a.AreaCode);
            Assert.True(a.OffersPerTenJobSeekers > local);
            Assert.True(a.JobSeekers >= MarketFactsBuilder.MinJobSeekersForComparison);
            Assert.False(string.IsNullOrEmpty(a.AreaName));
        });
        Assert.True(facts.LessTenseAreas.Zip(facts.LessTenseAreas.Skip(1)).All(p => p.First.OffersPerTenJobSeekers >= p.Second.OffersPerTenJobSeekers));
        var best = TestData.Market.TensionsForRome("N4101")
            .Where(t => t.EmploymentAreaCode != "8428" && t.JobSeekers >= 20 && t.OffersRegistered >= 10)
            .Max(t => t.OffersPerTenJobSeekers);
        Assert.Equal(best, facts.LessTenseAreas[0].OffersPerTenJobSeekers);
    }

    [Fact]
    public void NearbyCommunesHaveMoreOffersPerInhabitantThanTheSeekers()
    {
        var facts = Builder.Build("69383", "J1501", 30);
        var offers = TestData.Market.OfferCounts;
        var lyon = TestData.Geography.ArrondissementsOf("69123");
        var localOffers = offers.Count("69123", "J1501") + lyon.Sum(a => offers.Count(a.InseeCode, "J1501"));
        var localRate = (double)localOffers / lyon.Sum(a => a.Population);

        Assert.Equal(localOffers, facts.LocalOffers);
        Assert.NotEmpty(facts.BetterCommunes);
        Assert.All(facts.BetterCommunes, c =>
        {
            Assert.True(TestData.Geography.TryGetCommune(c.InseeCode, out var commune));
            Assert.Equal(commune.Name, c.Name);
            Assert.InRange(c.DistanceKm, 0, 30);
            Assert.Equal(offers.Count(c.InseeCode, "J1501"), c.Offers);
            Assert.True(c.Offers >= MarketFactsBuilder.MinCommuneOffers && c.Population >= MarketFactsBuilder.MinCommunePopulation);
            Assert.Equal(c.Offers * 1000.0 / c.Population, c.OffersPerThousandInhabitants, 9);
            Assert.Equal((double)c.Offers / c.Population / localRate, c.Ratio!.Value, 9);
            Assert.True(c.Ratio > 1);
            Assert.False(c.RatioAgainstArea);
            Assert.DoesNotContain("69123", c.InseeCode, StringComparison.Ordinal);
        });
        Assert.True(facts.BetterCommunes.Zip(facts.BetterCommunes.Skip(1)).All(p => p.First.OffersPerThousandInhabitants >= p.Second.OffersPerThousandInhabitants));
    }

    [Fact]
    public void SeekerInACommuneWithoutOffersIsComparedWithTheirArea()
    {
        Assert.True(TestData.Geography.TryGetCommune("69383", out var lyon3));
        var village = TestData.Geography.CommunesWithin(lyon3.Location!.Value, 25)
            .Select(n => n.Commune)
            .Where(c => c.Population is > 300 and < 2_000 && TestData.Market.OfferCounts.Count(c.InseeCode, "J1501") == 0 && c.EmploymentAreaCode is not null)
            .OrderBy(c => c.InseeCode, StringComparer.Ordinal)
            .First();

        var facts = Builder.Build(village.InseeCode, "J1501", 30);

        Assert.Equal(0, facts.LocalOffers);
        Assert.NotEmpty(facts.BetterCommunes);
        Assert.All(facts.BetterCommunes, c => Assert.True(c.RatioAgainstArea && c.Ratio > 0));
        // Same base for every commune: ratios keep the order of offers per inhabitant.
        Assert.True(facts.BetterCommunes.Zip(facts.BetterCommunes.Skip(1)).All(p => p.First.Ratio >= p.Second.Ratio));
    }

    [Fact]
    public void DrivingLicenceShareIsLeftUnknownBecauseNoReferenceFileHasIt()
    {
        var truck = Builder.Build("69383", "N4101", 10);

        Assert.Null(truck.DrivingLicenceShare);
        // Why: even the truck-driver sheet lists no "Permis de conduire" skill in ROME v3; only 3 sheets do.
        var sheets = Esco.RomeJobs.Where(j => j.SkillCodes.Any(c => Esco.RomeSkill(c)!.Label.StartsWith("Permis de conduire", StringComparison.Ordinal)));
        Assert.Equal(["G1702", "K2110", "N3203"], sheets.Select(j => j.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CloseJobsWithABetterMarketAreKept()
    {
        var jobs = Finder.Find(Uris(CareAssistant.EssentialSkills), [CareAssistant.Uri], 10, Builder.LocalMarketIn("8428"));

        var facts = Builder.Build("69383", "J1501", 20, jobs);

        var local = facts.Tension!.OffersPerTenJobSeekers!.Value;
        Assert.Equal(jobs.Where(j => j.Market.OffersPerTenJobSeekers > local).Select(j => j.Occupation.Id), facts.CloseJobsWithBetterMarket.Select(j => j.Occupation.Id));
        var withRome = jobs.First(j => j.RomeCodes.Count > 0);
        Assert.True(TestData.Market.TryGetTension(withRome.RomeCodes[0], "8428", out var expected));
        Assert.Equal(expected.OffersPerTenJobSeekers, withRome.Market.OffersPerTenJobSeekers);
        Assert.Equal(expected.TensionIndicator, withRome.Market.TensionIndicator);
    }

    [Fact]
    public void BadInputNamesTheField()
    {
        Assert.Equal("communeInsee", Assert.Throws<ArgumentException>(() => Builder.Build("99999", "J1501", 10)).ParamName);
        Assert.Equal("communeInsee", Assert.Throws<ArgumentException>(() => Builder.Build(" ", "J1501", 10)).ParamName);
        Assert.Equal("romeCode", Assert.Throws<ArgumentException>(() => Builder.Build("69383", "Z9999", 10)).ParamName);
        Assert.Equal("radiusKm", Assert.Throws<ArgumentOutOfRangeException>(() => Builder.Build("69383", "J1501", 0)).ParamName);
    }
}
