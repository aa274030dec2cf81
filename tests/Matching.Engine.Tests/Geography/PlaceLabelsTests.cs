using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Seekers;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Geography;

/// <summary>
/// An offer's place as a person reads it: France Travail's "74 - ANNECY" read from the commune it gives, "Annecy (74)";
/// a département, région, "France" or remote work as the offer gives it, readable; what the data cannot say better kept.
/// </summary>
public sealed class PlaceLabelsTests
{
    private static GeographyData Geo => TestData.Geography;

    // Offres d'emploi v2 as the API gives them (fields the place does not need left out).
    private const string Offer = """
        {
          "id": "186PLAC",
          "intitule": "Vendeur / Vendeuse en boulangerie-pâtisserie (H/F)",
          "description": "Vous accueillez la clientèle et vendez le pain et les pâtisseries.",
          "dateCreation": "2025-03-11T09:15:00.000Z",
          "lieuTravail": LIEU,
          "romeCode": "D1106",
          "typeContrat": "CDI",
          "experienceExige": "D"
        }
        """;

    private static OfferDocument Read(string lieuTravail) =>
        new OfferDocumentBuilder(TaxonomyFixture.Taxonomy, PlaceResolvers.From(Geo)).Build(OfferItem(Offer.Replace("LIEU", lieuTravail, StringComparison.Ordinal))).Document!;

    private static string? Shown(string lieuTravail)
    {
        var offer = Read(lieuTravail);
        return OfferSummary.Of(offer, TaxonomyFixture.Taxonomy, Geo).Place;
    }

    [Theory]
    [InlineData("""{ "libelle": "74 - ANNECY", "latitude": 45.899, "longitude": 6.128, "codePostal": "74000", "commune": "74010" }""", "Annecy (74)")]
    [InlineData("""{ "libelle": "01 - REYRIEUX", "latitude": 45.93527, "longitude": 4.825014, "codePostal": "01600", "commune": "01322" }""", "Reyrieux (01)")]
    // The official name has its article and its hyphens.
    [InlineData("""{ "libelle": "74 - LA BALME DE SILLINGY", "latitude": 45.960886, "longitude": 6.041806, "codePostal": "74330", "commune": "74026" }""", "La Balme-de-Sillingy (74)")]
    [InlineData("""{ "libelle": "74 - ST GERVAIS LES BAINS", "latitude": 45.89, "longitude": 6.71, "codePostal": "74170", "commune": "74236" }""", "Saint-Gervais-les-Bains (74)")]
    // Already readable, still given its département.
    [InlineData("""{ "libelle": "74 - Thonon-les-Bains", "latitude": 46.37, "longitude": 6.48, "codePostal": "74200", "commune": "74281" }""", "Thonon-les-Bains (74)")]
    // No coordinates: the commune code alone.
    [InlineData("""{ "libelle": "01 - MARTIGNAT", "codePostal": "01100", "commune": "01237" }""", "Martignat (01)")]
    public void A_commune_reads_as_its_official_name_and_departement(string lieuTravail, string shown)
    {
        var offer = Read(lieuTravail);

        Assert.Equal(shown, OfferSummary.Of(offer, TaxonomyFixture.Taxonomy, Geo).Place);
        // What is stored is what the offer gave: offers already in a store read the same, nothing to write again.
        Assert.Equal(lieuTravail.Split('"')[3], offer.Place!.Label);
    }

    [Fact]
    public void A_postcode_alone_reads_as_the_commune_it_serves()
    {
        Assert.Equal("Annecy (74)", Shown("""{ "libelle": "74 - ANNECY", "codePostal": "74000" }"""));
    }

    [Theory]
    // An arrondissement, Corsica and overseas keep France Travail's label.
    [InlineData("""{ "libelle": "75 - Paris 11e Arrondissement", "latitude": 48.859, "longitude": 2.38, "codePostal": "75011", "commune": "75111" }""")]
    [InlineData("""{ "libelle": "2A - AJACCIO", "latitude": 41.93, "longitude": 8.74, "codePostal": "20000", "commune": "2A004" }""")]
    [InlineData("""{ "libelle": "971 - LES ABYMES", "latitude": 16.27, "longitude": -61.5, "codePostal": "97139", "commune": "97101" }""")]
    // A commune code the data does not know, located by its coordinates.
    [InlineData("""{ "libelle": "74 - ANNECY LE VIEUX", "latitude": 45.92, "longitude": 6.14, "codePostal": "74940", "commune": "74011" }""")]
    // A label naming something else than the commune is the poster's: kept.
    [InlineData("""{ "libelle": "Rome", "latitude": 47.239367, "longitude": -1.555335, "codePostal": "44000", "commune": "44109" }""")]
    public void What_the_data_cannot_say_better_is_kept_as_given(string lieuTravail)
    {
        var libelle = lieuTravail.Split('"')[3];

        Assert.Equal(libelle, Shown(lieuTravail));
    }

    [Theory]
    [InlineData("""{ "libelle": "74 - Haute-Savoie" }""", "Haute-Savoie (74)")]
    // France Travail inverts some names.
    [InlineData("""{ "libelle": "74 - Savoie (Haute)" }""", "Haute-Savoie (74)")]
    [InlineData("""{ "libelle": "74 - Savoie (Haute)", "latitude": 46.04, "longitude": 6.43 }""", "Haute-Savoie (74)")]
    [InlineData("""{ "libelle": "92 - Seine (Hauts de)" }""", "Hauts-de-Seine (92)")]
    [InlineData("""{ "libelle": "Ile-de-France" }""", "Île-de-France")]
    [InlineData("""{ "libelle": "Auvergne-Rhône-Alpes" }""", "Auvergne-Rhône-Alpes")]
    [InlineData("""{ "libelle": "France" }""", "France")]
    [InlineData("""{ "libelle": "Télétravail" }""", "Télétravail")]
    [InlineData("""{ "libelle": "Suisse (Frontalier)" }""", "Suisse (Frontalier)")]
    [InlineData("""{ "libelle": "2A - Corse-du-Sud" }""", "2A - Corse-du-Sud")]
    [InlineData("""{ "libelle": "971 - Guadeloupe" }""", "971 - Guadeloupe")]
    public void An_area_is_kept_as_the_offer_gives_it_readable(string lieuTravail, string shown)
    {
        Assert.Equal(shown, Shown(lieuTravail));
    }

    [Fact]
    public void A_recruiters_own_label_is_theirs()
    {
        var lyon = Geo.Resolve("69123")!;
        var place = new Place(lyon.Latitude!.Value, lyon.Longitude!.Value, lyon.InseeCode, "Lyon Part-Dieu");

        Assert.Equal("Lyon Part-Dieu", PlaceLabels.Of(place, null, Geo));
        Assert.Equal("Lyon (69)", PlaceLabels.Of(place with { Label = "Lyon" }, null, Geo));
        Assert.Equal("Lyon (69)", PlaceLabels.Of(place with { Label = null }, null, Geo));
    }
}
