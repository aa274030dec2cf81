using System.Globalization;
using Coach.Web.Market;

namespace Coach.Web.Tests;

public sealed class MarketReadingTests
{
    public MarketReadingTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");

    [Fact]
    public void MoreOffersThanProfilesReadsAsAMarketForCandidates()
    {
        var text = MarketReading.Read("soudage", "Lyon", 30, 40, 10, null);

        Assert.StartsWith("Lieu : Lyon, dans un rayon de 30 km : 40 offres demandent « soudage » et 10 profils l'offrent.", text, StringComparison.Ordinal);
        Assert.Contains("4 offres par profil", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBalanceIsSaidInOffersAndCandidatesNotInSupplyAndDemand()
    {
        // "La demande dépasse l'offre" next to "40 offres" read as the reverse: job offers are the employers' demand.
        var text = MarketReading.Read("soudage", "Lyon", 30, 40, 10, null);

        Assert.Contains("Plus d'offres que de candidats : 4 offres par profil", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dépasse", text, StringComparison.Ordinal);
        Assert.Contains("Plus de candidats que d'offres : 6 profils par offre", MarketReading.Read("vente", null, null, 5, 30, null), StringComparison.Ordinal);
    }

    [Fact]
    public void MoreProfilesThanOffersReadsAsCompetition()
    {
        Assert.Contains("la concurrence est forte", MarketReading.Read("vente", null, null, 5, 30, null), StringComparison.Ordinal);
    }

    [Fact]
    public void NothingAtAllSaysToWidenTheArea()
    {
        Assert.Contains("élargissez la zone", MarketReading.Read("vente", "Lyon", 5, 0, 0, null), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDaresFigureOfTheAreaIsReadWithItsMeaning()
    {
        // French is singular below 2: "1,5 offre", "2,5 offres".
        Assert.Contains("ne compte que 1,5 offre pour 10 demandeurs : un marché difficile", MarketReading.Read("x", "Lyon", 30, 3, 3, ("LYON", 1.5)), StringComparison.Ordinal);
        Assert.Contains("ne compte que 2,5 offres pour 10 demandeurs : un marché difficile", MarketReading.Read("x", "Lyon", 30, 3, 3, ("LYON", 2.5)), StringComparison.Ordinal);
        Assert.Contains("les employeurs peinent à recruter", MarketReading.Read("x", "Lyon", 30, 3, 3, ("LYON", 12)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadingIsInEnglishAfterTheSwitch()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.StartsWith("In France, 2 offers ask for", MarketReading.Read("welding", null, null, 2, 2, null), StringComparison.Ordinal);
    }

    [Fact]
    public void OneOfferAndNoProfileReadInTheSingular()
    {
        Assert.StartsWith("Lieu : Lyon, dans un rayon de 30 km : 1 offre demande « x » et 0 profil l'offre.", MarketReading.Read("x", "Lyon", 30, 1, 0, null), StringComparison.Ordinal);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.StartsWith("In France, 1 offer asks for \"x\" and 0 profiles offer it.", MarketReading.Read("x", null, null, 1, 0, null), StringComparison.Ordinal);
    }
}
