using Matching.Engine.Ingest;
using Matching.Engine.Tests.Geography;

namespace Matching.Engine.Tests.Ingest;

public sealed class PlaceResolversTests
{
    private static readonly Func<PlaceCode, Matching.Engine.Indexing.Place?> s_resolve = PlaceResolvers.From(TestData.Geography);

    [Fact]
    public void The_same_code_is_a_different_commune_as_an_insee_code_and_as_a_postcode()
    {
        var byInsee = s_resolve(new PlaceCode(PlaceCodeKind.Commune, "01400"));
        var byPostcode = s_resolve(new PlaceCode(PlaceCodeKind.Postcode, "01400"));

        Assert.Equal("01400", byInsee?.CommuneCode);
        Assert.Equal("Seillonnaz", byInsee?.Label);
        Assert.NotNull(byPostcode);
        Assert.NotEqual("01400", byPostcode.CommuneCode);
    }

    [Fact]
    public void An_arrondissement_and_a_whole_city_resolve_with_coordinates()
    {
        var lyon3 = s_resolve(new PlaceCode(PlaceCodeKind.Commune, "69383"));
        var paris = s_resolve(new PlaceCode(PlaceCodeKind.Commune, "75056"));

        Assert.Equal(45.75141, lyon3!.Latitude, 3);
        Assert.Equal(4.86848, lyon3.Longitude, 3);
        Assert.Equal("75056", paris?.CommuneCode);
        Assert.InRange(paris!.Latitude, 48.8, 48.9);
    }

    [Fact]
    public void Unknown_codes_resolve_to_nothing()
    {
        Assert.Null(s_resolve(new PlaceCode(PlaceCodeKind.Commune, "99999")));
        Assert.Null(s_resolve(new PlaceCode(PlaceCodeKind.Postcode, "00000")));
    }

    [Fact]
    public void A_france_travail_offer_in_paris_is_located_with_the_real_geography()
    {
        var builder = new OfferDocumentBuilder(TaxonomyFixture.Taxonomy, s_resolve);

        var outcome = builder.Build(IngestTestData.OfferItem("""{"id":"p1","intitule":"Aide-soignant","romeCode":"J1501","lieuTravail":{"libelle":"75 - Paris","commune":"75056"}}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal("75056", outcome.Document.Place?.CommuneCode);
        Assert.Equal("75 - Paris", outcome.Document.Place?.Label);
    }
}
