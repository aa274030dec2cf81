using Matching.Engine.Market;
using Matching.Engine.Tests.Geography;

namespace Matching.Engine.Tests.Market;

public sealed class MarketDataTests
{
    private static MarketData Market => TestData.Market;

    [Fact]
    public void LoadsEveryTensionRow() => Assert.Equal(27_135, Market.TensionCount);

    [Fact]
    public void ParsesTensionWithCommaDecimals()
    {
        Assert.True(Market.TryGetTension("A1101", "0203", out var tension));

        Assert.Equal(16.615, tension.OffersRegistered, 3);
        Assert.Equal(28.25, tension.JobSeekers, 9);
        Assert.Equal(5, tension.TensionIndicator);
        Assert.Equal(5, tension.HiringIntensity);
        Assert.Equal(1, tension.LabourShortage);
        Assert.Equal(5, tension.LastingJobs);
        Assert.Equal(4, tension.WorkingConditions);
        Assert.Equal(4, tension.GeographicMismatch);
        Assert.Equal(5, tension.TrainingSpecificity);
        Assert.Equal(10 * 16.61538462 / 28.25, tension.OffersPerTenJobSeekers!.Value, 9);
    }

    [Fact]
    public void KeepsLeadingZerosOfEmploymentAreaCodes()
    {
        Assert.True(Market.TryGetTension("A1101", "0203", out var tension));

        Assert.Equal("0203", tension.EmploymentAreaCode);
        Assert.False(Market.TryGetTension("A1101", "203", out _));
    }

    [Fact]
    public void BlankIndicatorsAreNull()
    {
        Assert.True(Market.TryGetTension("M1301", "1107", out var tension));

        Assert.Null(tension.TrainingSpecificity);
        Assert.Equal(5, tension.GeographicMismatch);
    }

    [Fact]
    public void OffersPerTenJobSeekersIsNullWithoutJobSeekers() =>
        Assert.Null(new Tension("A1101", "0203", 3, 0, null, null, null, null, null, null, null).OffersPerTenJobSeekers);

    [Fact]
    public void FindsTensionThroughACommunesEmploymentArea()
    {
        Assert.True(TestData.Geography.TryGetCommune("01004", out var amberieu));

        Assert.True(Market.TryGetTension("A1203", amberieu, out var tension));
        Assert.Equal("8403", tension.EmploymentAreaCode);
        Assert.Equal(5, tension.TensionIndicator);
    }

    [Fact]
    public void TensionsForRomeCoverItsAreas()
    {
        var tensions = Market.TensionsForRome("A1101");

        Assert.Contains(tensions, t => t.EmploymentAreaCode == "0203");
        Assert.All(tensions, t => Assert.Equal("A1101", t.RomeCode));
        Assert.Empty(Market.TensionsForRome("Z9999"));
    }

    [Fact]
    public void MainHiringChannelIsTheMostFrequentContactMode()
    {
        // H3301: 5 sectors say "Se présenter spontanément", 4 say "Envoyer un CV...".
        Assert.Equal("Se présenter spontanément", Market.MainHiringChannel("H3301"));
        Assert.Equal("Envoyer un CV et une lettre de motivation", Market.MainHiringChannel("M1805"));
        Assert.Null(Market.MainHiringChannel("Z9999"));
    }

    [Fact]
    public void HiringChannelsListEachSectorsContactMode()
    {
        var channels = Market.HiringChannels("H3301");

        Assert.Equal(9, channels.Count);
        Assert.All(channels, c => Assert.Equal("H3301", c.RomeCode));
        Assert.All(channels, c => Assert.NotEmpty(c.NafPrefix));
        Assert.Empty(Market.HiringChannels("Z9999"));
    }

    [Fact]
    public void RecruitmentDifficultyOfASingleFamily()
    {
        var difficulty = Market.RecruitmentDifficulty("A1101");

        Assert.NotNull(difficulty);
        Assert.Equal(61.9, difficulty.DifficultPercent, 9);
        Assert.Equal("Conducteurs d'engins agricoles ou forestiers", difficulty.FapLabel);
    }

    [Fact]
    public void RecruitmentDifficultyAveragesSeveralFamilies()
    {
        var difficulty = Market.RecruitmentDifficulty("A1204");

        Assert.NotNull(difficulty);
        Assert.Equal(3, difficulty.Families.Count);
        Assert.Equal((60.3 + 54.0 + 68.2) / 3, difficulty.DifficultPercent, 9);
        Assert.Null(Market.RecruitmentDifficulty("Z9999"));
    }

    [Fact]
    public void OfferCountsAreNotReadAtLoad() => Assert.False(MarketData.Load(TestData.DataPath).OfferCountsLoaded);
}
