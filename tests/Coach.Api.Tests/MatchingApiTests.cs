using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>Offers and profiles through the API: ingest formats, per-item answers, matching both ways, search, market.</summary>
public sealed class MatchingApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    // ESCO "welder".
    private const string Welder = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b";

    private const string Recruiter = "recruiter-matching";

    private Task<HttpClient> ClientAsync(string role = "recruiter", string user = Recruiter) => factory.CreateReadyClientAsAsync(role, user);

    private string PseudonymOf(string seekerId) =>
        factory.Services.GetRequiredService<global::Matching.Engine.Privacy.Pseudonyms>().For(Recruiter, seekerId);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Ingest_is_idempotent_by_id_and_answers_per_item()
    {
        var client = await ClientAsync();
        var offers = new[] { new { id = "api-idem-1", title = "Soudeur TIG", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" } };

        var first = await Json(await client.PostAsJsonAsync("/api/offers", offers));
        var second = await Json(await client.PostAsJsonAsync("/api/offers", offers));

        Assert.Equal(1, first.GetProperty("created").GetInt32());
        Assert.Equal("Created", first.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(1, second.GetProperty("updated").GetInt32());
        Assert.Equal("Updated", second.GetProperty("items")[0].GetProperty("status").GetString());
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/offers/api-idem-1");
        Assert.Equal("Soudeur TIG", stored.GetProperty("title").GetString());
        Assert.True(stored.GetProperty("skills").GetArrayLength() > 0, "skills inferred from the ROME code");
    }

    [Fact]
    public async Task France_travail_ndjson_is_accepted_with_an_error_for_the_broken_item()
    {
        var client = await ClientAsync();
        var ndjson = string.Join('\n',
            """{"id":"FT-API-1","intitule":"Aide-soignant / Aide-soignante (H/F)","romeCode":"J1501","appellationlibelle":"Aide-soignant / Aide-soignante","lieuTravail":{"libelle":"69 - Lyon 3e","commune":"69383"},"typeContrat":"CDD","experienceExige":"D","competences":[{"code":"123","libelle":"Réaliser les soins d'hygiène","exigence":"E"}],"unknownField":42}""",
            """{"id":"FT-API-2","romeCode":"J1501","lieuTravail":{"commune":"69383"}}""",
            """{"id":"FT-API-3","intitule":"Développeur / Développeuse informatique","romeCode":"M1805","lieuTravail":{"latitude":45.76,"longitude":4.85},"typeContrat":"CDI","experienceExige":"E","experienceLibelle":"2 An(s)"}""");

        var response = await client.PostAsync("/api/offers", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        Assert.Equal(1, body.GetProperty("invalid").GetInt32());
        var broken = body.GetProperty("items")[1];
        Assert.Equal("Invalid", broken.GetProperty("status").GetString());
        Assert.True(broken.GetProperty("errors").TryGetProperty("intitule", out _));
        var nurse = await client.GetFromJsonAsync<JsonElement>("/api/offers/FT-API-1");
        Assert.Equal("J1501", nurse.GetProperty("romeCode").GetString());
        Assert.Equal("FixedTerm", nurse.GetProperty("contract").GetString());
        // Read from its code: said so, with no confidence (only a guess from the text has one).
        Assert.Equal("RomeCode", nurse.GetProperty("occupationEvidence").GetString());
        Assert.Equal(JsonValueKind.Null, nurse.TryGetProperty("occupationConfidence", out var confidence) ? confidence.ValueKind : JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""[{"id":"bad-lat","title":"Soudeur","occupation":"H2913","place":{"latitude":200,"longitude":4.8}}]""", "place.latitude")]
    [InlineData("""[{"id":"bad-skill","title":"Soudeur","skills":[{"uri":"http://data.europa.eu/esco/skill/not-a-skill"}]}]""", "skills[0].uri")]
    [InlineData("""[{"id":"","title":"Soudeur","occupation":"H2913"}]""", "id")]
    public async Task Bad_items_name_the_field_and_store_nothing(string body, string field)
    {
        var client = await ClientAsync();

        var answer = await Json(await client.PostAsync("/api/offers", new StringContent(body, Encoding.UTF8, "application/json")));

        var item = answer.GetProperty("items")[0];
        Assert.Equal("Invalid", item.GetProperty("status").GetString());
        Assert.True(item.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {item}");
        Assert.Equal(0, answer.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task A_fifty_megabyte_body_is_a_413_and_loses_nothing_already_stored()
    {
        var client = await ClientAsync();
        await client.PostAsJsonAsync("/api/offers", new[] { new { id = "kept-before-413", title = "Boulanger", occupation = "D1102" } });
        var huge = new StringBuilder(52 * 1024 * 1024).Append('[');
        var filler = new string('x', 1000);
        for (var i = 0; huge.Length < 50 * 1024 * 1024; i++)
        {
            huge.Append(i == 0 ? "" : ",").Append("{\"id\":\"huge-").Append(i).Append("\",\"title\":\"").Append(filler).Append("\"}");
        }
        huge.Append(']');

        var response = await client.PostAsync("/api/offers", new StringContent(huge.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/offers/kept-before-413")).StatusCode);
    }

    [Fact]
    public async Task A_profile_matches_offers_with_reasons_and_an_offer_finds_only_consenting_candidates()
    {
        var client = await ClientAsync();
        await client.PostAsJsonAsync("/api/offers", new[] { new { id = "match-offer-1", title = "Soudeur", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" } });
        var offer = await client.GetFromJsonAsync<JsonElement>("/api/offers/match-offer-1");
        var skills = offer.GetProperty("skills").EnumerateArray().Where(s => s.GetProperty("importance").GetString() == "Essential")
            .Take(6).Select(s => new { uri = s.GetProperty("skillUri").GetString() }).ToArray();
        var consenting = new { targetOccupations = new[] { "H2913" }, skills, place = new { commune = "69381" }, radiusKm = 20, experienceYears = 3, searchable = true };
        var hidden = new { targetOccupations = new[] { "H2913" }, skills, place = new { commune = "69381" }, radiusKm = 20, experienceYears = 3, searchable = false };

        var yes = await ClientAsync("seeker", "match-seeker-yes");
        var no = await ClientAsync("seeker", "match-seeker-no");
        Assert.Equal(HttpStatusCode.Created, (await yes.PostAsJsonAsync("/api/profiles/match-seeker-yes", consenting)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await no.PostAsJsonAsync("/api/profiles/match-seeker-no", hidden)).StatusCode);

        var matches = await yes.GetFromJsonAsync<JsonElement>("/api/profiles/match-seeker-yes/matches?lang=en");
        var hit = matches.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("offerId").GetString() == "match-offer-1");
        var explanation = hit.GetProperty("explanation");
        Assert.Equal(skills.Length, explanation.GetProperty("matched").GetArrayLength());
        Assert.True(explanation.GetProperty("missingEssential").GetArrayLength() > 0);
        Assert.InRange(explanation.GetProperty("distanceKm").GetDouble(), 0.5, 10);
        // Skills are named by URI; the page labels each once, in the asked language.
        var matched = explanation.GetProperty("matched")[0];
        Assert.Contains(matched.GetProperty("skill").GetString(), skills.Select(s => s.uri));
        Assert.False(matched.TryGetProperty("via", out _));
        Assert.Equal("Exact", matched.GetProperty("kind").GetString());
        var labels = matches.GetProperty("skills");
        var named = matches.GetProperty("hits").EnumerateArray().SelectMany(h => new[] { "matched", "matchedThroughRelated", "missingEssential", "missingOptional" }
            .SelectMany(list => h.GetProperty("explanation").GetProperty(list).EnumerateArray())).ToList();
        Assert.All(named, s => Assert.NotEqual(s.GetProperty("skill").GetString(), labels.GetProperty(s.GetProperty("skill").GetString()!).GetString()));
        var label = labels.GetProperty(skills[0].uri!).GetString()!;
        var english = await client.GetFromJsonAsync<JsonElement>($"/api/taxonomy/skills?q={Uri.EscapeDataString(label)}&lang=en&limit=10");
        Assert.Equal(label, english.EnumerateArray().First(s => s.GetProperty("uri").GetString() == skills[0].uri).GetProperty("labelEn").GetString());
        // The offer stated no skill: every one it demands is usual for its job, and the explanation says so.
        Assert.All(named, s => Assert.Equal("Occupation", s.GetProperty("source").GetString()));

        var candidates = await client.GetFromJsonAsync<JsonElement>("/api/offers/match-offer-1/candidates");
        var ids = candidates.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("pseudonym").GetString()).ToList();
        Assert.Contains(PseudonymOf("match-seeker-yes"), ids);
        Assert.DoesNotContain(PseudonymOf("match-seeker-no"), ids);
        Assert.DoesNotContain("match-seeker", candidates.ToString(), StringComparison.Ordinal);
        var candidate = candidates.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("pseudonym").GetString() == PseudonymOf("match-seeker-yes"));
        Assert.Equal("0-10", candidate.GetProperty("distanceBand").GetString());
        // The same pair both ways, but the recruiter's score counts the band's floor (0 km), never the distance, and
        // weighs the evidence of the candidate's skills (declared here: 0.93), which the seeker's own score does not.
        Assert.Equal(1.0, candidate.GetProperty("explanation").GetProperty("parts").GetProperty("distance").GetDouble());
        Assert.True(hit.GetProperty("explanation").GetProperty("parts").GetProperty("distance").GetDouble() < 1);
        Assert.Equal(1.0, hit.GetProperty("explanation").GetProperty("parts").GetProperty("evidence").GetDouble());
        var evidence = candidate.GetProperty("explanation").GetProperty("parts").GetProperty("evidence").GetDouble();
        Assert.Equal(0.93, evidence, 6);
        Assert.Equal(hit.GetProperty("score").GetDouble() / hit.GetProperty("explanation").GetProperty("parts").GetProperty("distance").GetDouble() * evidence,
            candidate.GetProperty("score").GetDouble(), 3);
        Assert.False(candidate.GetProperty("explanation").TryGetProperty("distanceKm", out _));

        var search = await Json(await client.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { skills[0].uri }, place = "69381", radiusKm = 30 }));
        var found = search.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("pseudonym").GetString()).ToList();
        Assert.Contains(PseudonymOf("match-seeker-yes"), found);
        Assert.DoesNotContain(PseudonymOf("match-seeker-no"), found);
        Assert.True(search.GetProperty("facets").GetProperty("distanceBands").GetArrayLength() > 0);

        var market = await client.GetFromJsonAsync<JsonElement>($"/api/market/supply-demand?skill={Uri.EscapeDataString(skills[0].uri!)}&place=69383&radiusKm=30");
        Assert.True(market.GetProperty("offers").GetInt64() >= 1);
        Assert.True(market.GetProperty("profiles").GetInt64() >= 2);
    }

    [Theory]
    [InlineData("/api/search/candidates", """{"mustHave":["nope"]}""", "mustHave[0]")]
    [InlineData("/api/search/candidates", """{"niceToHave":[]}""", "mustHave")]
    [InlineData("/api/search/candidates", """{"mustHave":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"place":"99999"}""", "place")]
    [InlineData("/api/search/candidates", """{"mustHave":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"size":1000}""", "size")]
    public async Task Bad_search_requests_are_400_naming_the_field(string url, string body, string field)
    {
        var client = await ClientAsync();

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_ids_are_404_problem_details()
    {
        var client = await ClientAsync();

        var admin = await ClientAsync("admin", "admin-1");
        foreach (var url in new[] { "/api/offers/none-such", "/api/profiles/none-such", "/api/profiles/none-such/matches", "/api/offers/none-such/candidates" })
        {
            var response = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/offers/none-such")).StatusCode);
    }

    [Fact]
    public async Task Supply_demand_needs_exactly_one_of_skill_or_occupation()
    {
        var client = await ClientAsync();

        var response = await client.GetAsync("/api/market/supply-demand");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("skill", out _));
        var byOccupation = await client.GetFromJsonAsync<JsonElement>($"/api/market/supply-demand?occupation={Uri.EscapeDataString(Welder)}");
        Assert.True(byOccupation.GetProperty("offers").GetInt64() >= 0);
    }
}
