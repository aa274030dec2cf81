using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coach.Api.Tests;

/// <summary>A France Travail offer's place as a seeker's matches give it: "Annecy (74)", not "74 - ANNECY".</summary>
public sealed class OfferPlaceApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    [Fact]
    public async Task A_france_travail_offers_place_reads_as_the_commune_and_its_departement_and_is_stored_as_given()
    {
        var recruiter = await factory.CreateReadyClientAsAsync("recruiter", "recruiter-places");
        var ndjson = string.Join('\n',
            """{"id":"FT-PLACE-1","intitule":"Vendeur / Vendeuse en boulangerie (H/F)","romeCode":"D1106","lieuTravail":{"libelle":"74 - LA BALME DE SILLINGY","latitude":45.960886,"longitude":6.041806,"codePostal":"74330","commune":"74026"},"typeContrat":"CDI","experienceExige":"D"}""",
            """{"id":"FT-PLACE-2","intitule":"Vendeur / Vendeuse en boulangerie (H/F)","romeCode":"D1106","lieuTravail":{"libelle":"74 - Savoie (Haute)"},"typeContrat":"CDD","experienceExige":"D"}""");
        var posted = await recruiter.PostAsync("/api/offers", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var offer = await recruiter.GetFromJsonAsync<JsonElement>("/api/offers/FT-PLACE-1");
        var skills = offer.GetProperty("skills").EnumerateArray().Take(6).Select(s => new { uri = s.GetProperty("skillUri").GetString() }).ToArray();
        // Stored as the offer gave it: a store written before reads the same, nothing to migrate.
        Assert.Equal("74 - LA BALME DE SILLINGY", offer.GetProperty("place").GetProperty("label").GetString());

        var seeker = await factory.CreateReadyClientAsAsync("seeker", "seeker-places");
        var profile = new { targetOccupations = new[] { "D1106" }, skills, place = new { commune = "74010" }, radiusKm = 30, experienceYears = 1 };
        Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync("/api/profiles/seeker-places", profile)).StatusCode);
        var matches = await seeker.GetFromJsonAsync<JsonElement>("/api/profiles/seeker-places/matches");
        var places = matches.GetProperty("hits").EnumerateArray()
            .Where(h => h.GetProperty("offerId").GetString()!.StartsWith("FT-PLACE-", StringComparison.Ordinal))
            .ToDictionary(h => h.GetProperty("offerId").GetString()!, h => h.GetProperty("offer").GetProperty("place").GetString());

        Assert.Equal("La Balme-de-Sillingy (74)", places["FT-PLACE-1"]);
        Assert.Equal("Haute-Savoie (74)", places["FT-PLACE-2"]);
    }
}
