using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;

namespace Coach.Api.Tests;

/// <summary>
/// A stored seeker's matches (<c>GET /api/profiles/{id}/matches</c>) follow the seeker's page's rules: an aide-soignante of Annecy read
/// "2 offres correspondent" on her page while the API gave her 50, nurses' offers (a regulated job she cannot hold) among them.
/// </summary>
public sealed class SeekerMatchesAgreeTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Seeker = "agree-aide-soignante";

    [Fact]
    public async Task An_aide_soignante_gets_no_nurse_offer_and_the_same_first_offers_on_her_page_and_through_the_api()
    {
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "agree-recruiter");
        // Her job's offers (one posted twice: the same job at the same company and place), and nurses' offers that ask what she can do.
        var carers = new object[]
        {
            new { id = "agree-as-1", title = "Aide-soignant (H/F)", company = "EHPAD du Lac", occupation = "J1501", place = new { commune = "74010" }, contract = "CDI" },
            new { id = "agree-as-2", title = "Aide-soignant (H/F)", company = "EHPAD du Lac", occupation = "J1501", place = new { commune = "74010" }, contract = "CDI" },
            new { id = "agree-as-3", title = "Aide-soignante de nuit", company = "Clinique des Alpes", occupation = "J1501", place = new { commune = "74010" }, contract = "CDD" },
        };
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", carers)).StatusCode);
        var offer = await recruiter.GetFromJsonAsync<JsonElement>("/api/offers/agree-as-3");
        var skills = offer.GetProperty("skills").EnumerateArray().Where(s => s.GetProperty("importance").GetString() == "Essential")
            .Take(6).Select(s => s.GetProperty("skillUri").GetString()!).ToArray();
        var nurses = new object[]
        {
            new { id = "agree-nurse-1", title = "Infirmier (H/F)", company = "Hôpital d'Annecy", occupation = "J1506", place = new { commune = "74010" }, contract = "CDI",
                skills = skills.Select(uri => new { uri }).ToArray() },
            new { id = "agree-nurse-2", title = "IDE de nuit", company = "Clinique des Alpes", occupation = "J1506", place = new { commune = "74010" }, contract = "CDI",
                skills = skills.Select(uri => new { uri }).ToArray() },
        };
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", nurses)).StatusCode);

        var questionnaire = new
        {
            targetJobs = new[] { new { label = "aide-soignante", romeCode = "J1501" } },
            commune = "74010",
            radiusKm = 20,
            yearsOfExperienceInTarget = 3,
            highestDiploma = "cap_bep",
            skills = skills.Select(uri => new { uri, evidence = "declared" }).ToArray(),
            searchableByRecruiters = true,
        };
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, Seeker);
        var saved = await seeker.PostAsJsonAsync($"/api/profiles/{Seeker}", questionnaire);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        var api = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Seeker}/matches?lang=fr");
        var page = await (await seeker.PostAsJsonAsync("/api/coach/diagnose", questionnaire)).Content.ReadFromJsonAsync<JsonElement>();

        var apiIds = api.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("offerId").GetString()!).Where(id => id.StartsWith("agree-", StringComparison.Ordinal)).ToList();
        var pageIds = page.GetProperty("matches").EnumerateArray().Select(h => h.GetProperty("offerId").GetString()!).Where(id => id.StartsWith("agree-", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(apiIds, id => id.StartsWith("agree-nurse", StringComparison.Ordinal));
        Assert.DoesNotContain(pageIds, id => id.StartsWith("agree-nurse", StringComparison.Ordinal));
        // The same offers first, each posting once: the twice-posted job is one hit counting two postings.
        Assert.NotEmpty(apiIds);
        Assert.Equal(pageIds, apiIds);
        Assert.Single(apiIds, id => id is "agree-as-1" or "agree-as-2");
        var twice = api.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("offerId").GetString() is "agree-as-1" or "agree-as-2");
        Assert.Equal(2, twice.GetProperty("postings").GetInt32());
    }
}
