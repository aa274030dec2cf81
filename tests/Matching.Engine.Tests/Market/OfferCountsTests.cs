using Matching.Engine.Market;
using Matching.Engine.Tests.Geography;

namespace Matching.Engine.Tests.Market;

public sealed class OfferCountsTests
{
    private static OfferCounts Offers => TestData.Market.OfferCounts;

    [Fact]
    public void TotalIsTheSumOfEveryRow()
    {
        Assert.Equal(925_168, Offers.Total);
        Assert.Equal(324_997, Offers.SourceRows);
        Assert.Equal(Offers.Total, Offers.Entries.Sum(e => (long)e.Count));
    }

    [Fact]
    public void DuplicateCommuneAndRomeRowsAreSummed()
    {
        Assert.Equal(286_425, Offers.Entries.Count);
        Assert.Equal(13, Offers.Count("69383", "J1506"));
    }

    [Fact]
    public void TotalsPerRomeCode()
    {
        Assert.Equal(843, Offers.TotalForRome("A1101"));
        Assert.Equal(21_158, Offers.TotalForRome("M1805"));
        Assert.Equal(Offers.Total, Offers.TotalsByRome.Values.Sum(v => (long)v));
        Assert.Equal(0, Offers.TotalForRome("Z9999"));
    }

    [Fact]
    public void CommuneCodesAreKeptAsGiven()
    {
        // Paris offers are coded either to an arrondissement or to the city.
        Assert.Equal(7_128, Offers.TotalForCommune("75056"));
        Assert.Equal(13_902, Offers.TotalForCommune("75101"));
        Assert.Equal(1_444, Offers.TotalForCommune("69383"));
    }

    [Fact]
    public void OffersWithoutAPlaceHaveANullCommune()
    {
        Assert.Equal(79_034, Offers.Entries.Where(e => e.CommuneInsee is null).Sum(e => e.Count));
        Assert.DoesNotContain(Offers.Entries, e => e.CommuneInsee is "" or "null");
        Assert.Equal(Offers.Entries.Single(e => e.CommuneInsee is null && e.RomeCode == "C1302").Count, Offers.Count(null, "C1302"));
    }

    [Fact]
    public void CumulativeWeightsEndAtTheTotal()
    {
        Assert.Equal(Offers.Entries.Count, Offers.CumulativeWeights.Count);
        Assert.Equal(Offers.Entries[0].Count, Offers.CumulativeWeights[0]);
        Assert.Equal(Offers.Total, Offers.CumulativeWeights[^1]);
    }

    [Fact]
    public void SamplingMapsEachOfferIndexToItsEntry()
    {
        Assert.Equal(Offers.Entries[0], Offers.SampleAt(0));
        Assert.Equal(Offers.Entries[0], Offers.SampleAt(Offers.CumulativeWeights[0] - 1));
        Assert.Equal(Offers.Entries[1], Offers.SampleAt(Offers.CumulativeWeights[0]));
        Assert.Equal(Offers.Entries[^1], Offers.SampleAt(Offers.Total - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Offers.SampleAt(Offers.Total));
    }

    [Fact]
    public void SamplingFavoursRomeCodesWithMoreOffers()
    {
        var random = new Random(42);
        var draws = Enumerable.Range(0, 20_000).Select(_ => Offers.Sample(random)).ToArray();

        // M1203 holds 4.1% of offers, A1101 under 0.1%.
        Assert.True(draws.Count(d => d.RomeCode == "M1203") > 10 * draws.Count(d => d.RomeCode == "A1101"));
        Assert.All(draws, d => Assert.True(d.Count > 0));
    }
}
