using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coach.Api.Tests;

/// <summary>The seeker side over HTTP: diagnosis, strategy, skills gap, close jobs, in French and English.</summary>
public sealed class CoachApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = await factory.CreateReadyClientAsync();
        await factory.WaitForIndexAsync();
        return client;
    }

    private static object Nurse(string? commune = "69383", string label = "aide soignante") => new
    {
        targetJobs = new[] { new { label } },
        commune,
        radiusKm = 20,
        yearsOfExperienceInTarget = 0.5,
        age = 23,
        highestDiploma = "bac",
        searchStarted = true,
        searchStartDate = DateTime.UtcNow.AddMonths(-5).ToString("yyyy-MM-dd"),
        applicationsSoFar = 30,
        interviewsSoFar = 1,
        passionateAboutTarget = true,
        networkStrength = 1,
        searchableByRecruiters = true,
    };

    [Fact]
    public async Task Diagnose_understands_the_job_and_gives_a_diagnosis_and_a_strategy()
    {
        var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/api/coach/diagnose", Nurse());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("J1501", body.GetProperty("target").GetProperty("romeCode").GetString());
        var diagnosis = body.GetProperty("diagnosis");
        Assert.Equal(8, diagnosis.GetProperty("categories").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(diagnosis.GetProperty("mainChallengeTitle").GetString()));
        Assert.True(body.GetProperty("advice").GetArrayLength() > 0);
        Assert.All(body.GetProperty("advice").EnumerateArray(), a => Assert.InRange(a.GetProperty("score").GetInt32(), 1, 3));
    }

    [Fact]
    public async Task Accept_language_switches_the_texts()
    {
        var client = await ClientAsync();

        async Task<string> Title(string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/coach/diagnose") { Content = JsonContent.Create(Nurse()) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var body = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("diagnosis").GetProperty("categories")[0].GetProperty("title").GetString()!;
        }

        Assert.NotEqual(await Title("fr-FR"), await Title("en-GB"));
    }

    [Fact]
    public async Task A_seeker_who_only_types_a_job_gets_that_jobs_offers()
    {
        // Two real-format offers of a ROME 4.0 job near Annecy, one stating nothing but its code and a short description.
        var recruiter = await factory.CreateReadyClientAsAsync("recruiter", "recruiter-floor");
        await factory.WaitForIndexAsync();
        var offers = new[]
        {
            new
            {
                id = "floor-1", intitule = "Préparateur de commandes (H/F)", romeCode = "N1103", appellationlibelle = "Préparateur / Préparatrice de commandes",
                description = "Vous préparez les commandes des magasins de la région.",
                lieuTravail = new { libelle = "74 - ANNECY", latitude = 45.899, longitude = 6.129, codePostal = "74000", commune = "74010" },
                typeContrat = "CDI",
            },
            new
            {
                id = "floor-2", intitule = "Préparatrice de commandes en entrepôt (H/F)", romeCode = "N1103", appellationlibelle = "Préparateur / Préparatrice de commandes",
                description = "Préparation de commandes avec chariot et lecteur de codes-barres.",
                lieuTravail = new { libelle = "74 - SEYNOD", latitude = 45.886, longitude = 6.096, codePostal = "74600", commune = "74010" },
                typeContrat = "CDD",
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", offers)).StatusCode);
        var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/api/coach/diagnose?matches=50", new { targetJobs = new[] { new { label = "préparateur de commandes" } }, commune = "74010", radiusKm = 10 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("matchedOnTargetJobSkills").GetBoolean());
        var ids = body.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("offerId").GetString()).ToList();
        Assert.Contains("floor-1", ids);
        Assert.Contains("floor-2", ids);
        // The skills they were found by are the job's: the explanation says they are usual for it, not asked by the offer.
        var floor = body.GetProperty("matches").EnumerateArray().First(m => m.GetProperty("offerId").GetString() == "floor-1");
        Assert.Contains(floor.GetProperty("explanation").GetProperty("skillSources").EnumerateObject(), p => p.Value.GetString() == "Occupation");

        // The same seeker saved: the API's page of matches has the same floor (it answered no offer at all before).
        var seeker = await factory.CreateReadyClientAsAsync("seeker", "floor-seeker");
        var saved = await seeker.PostAsJsonAsync("/api/profiles/floor-seeker", new { targetJobs = new[] { new { label = "préparateur de commandes" } }, commune = "74010", radiusKm = 10 });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var page = await (await seeker.GetAsync("/api/profiles/floor-seeker/matches?size=50")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(page.GetProperty("matchedOnTargetJobSkills").GetBoolean());
        var pageIds = page.GetProperty("hits").EnumerateArray().Select(m => m.GetProperty("offerId").GetString()).ToList();
        Assert.Contains("floor-1", pageIds);
        Assert.Contains("floor-2", pageIds);
        Assert.True(page.GetProperty("total").GetInt64() >= 2);
        // By the page's rules: only offers of the job or a close one, and a total of those, not of every offer sharing a usual skill.
        var hits = page.GetProperty("hits").EnumerateArray().ToList();
        Assert.All(hits, h => Assert.True(h.GetProperty("explanation").GetProperty("parts").GetProperty("occupation").GetDouble() >= 0.5, h.ToString()));
        if (!page.TryGetProperty("nextCursor", out var next) || next.ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(hits.Count, page.GetProperty("total").GetInt64());
            Assert.False(page.GetProperty("totalIsLowerBound").GetBoolean());
        }
    }

    [Fact]
    public async Task An_unknown_commune_is_a_400_naming_it()
    {
        var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/api/coach/diagnose", Nurse(commune: "99999"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("commune", out _));
    }

    [Fact]
    public async Task A_job_title_of_five_thousand_characters_is_a_400()
    {
        var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/api/coach/diagnose", Nurse(label: new string('x', 5_000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("targetJobs[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var client = await ClientAsync();

        var response = await client.PostAsync("/api/coach/diagnose", new StringContent("{\"targetJobs\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_stored_questionnaire_has_its_diagnosis_strategy_gap_and_close_jobs()
    {
        var client = await factory.CreateReadyClientAsAsync("seeker", "seeker-coach-1");
        var skills = (await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=soins%20hygiene&limit=2"))!
            .Select(s => new { uri = s.GetProperty("uri").GetString() }).ToArray();
        var questionnaire = new { targetJobs = new[] { new { romeCode = "J1501" } }, commune = "69383", radiusKm = 30, skills, searchStarted = false, searchableByRecruiters = true };

        var put = await client.PostAsJsonAsync("/api/profiles/seeker-coach-1", questionnaire);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var diagnosis = await client.GetFromJsonAsync<JsonElement>("/api/profiles/seeker-coach-1/diagnosis");
        Assert.Equal(8, diagnosis.GetProperty("categories").GetArrayLength());
        var strategy = await client.GetFromJsonAsync<JsonElement>("/api/profiles/seeker-coach-1/strategy");
        Assert.True(strategy.GetProperty("advice").GetArrayLength() > 0);
        var gap = await client.GetFromJsonAsync<JsonElement>("/api/profiles/seeker-coach-1/skills-gap");
        Assert.True(gap.GetProperty("missing").GetArrayLength() > 0);
        var close = await client.GetFromJsonAsync<JsonElement[]>("/api/profiles/seeker-coach-1/close-jobs");
        Assert.NotNull(close);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/profiles/nobody-here/diagnosis")).StatusCode);
        var other = await factory.CreateReadyClientAsAsync("seeker", "someone-else");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/profiles/seeker-coach-1/diagnosis")).StatusCode);
    }
}
