using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>The journey's API (issue 15): progress log, saved searches and alerts, feeds, skills evidence, exploring jobs.</summary>
public sealed class JourneyApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string S1 = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
    private const string S2 = "http://data.europa.eu/esco/skill/0232e2ee-5535-46e0-9c64-ea80c896c62f";
    private const string S3 = "http://data.europa.eu/esco/skill/047218cf-3974-4148-86f8-31464253aa08";

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertInvalid(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    private async Task<HttpClient> SeekerWithQuestionnaireAsync(string id, bool consent = false, string[]? skills = null)
    {
        var client = await factory.CreateReadyClientAsAsync(Roles.Seeker, id);
        var saved = await client.PostAsJsonAsync($"/api/profiles/{id}", new
        {
            targetJobs = new[] { new { label = "aide soignant", romeCode = "J1501" } },
            commune = "69383",
            radiusKm = 30,
            searchStarted = true,
            searchStartDate = DateTime.UtcNow.Date.AddMonths(-4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            applicationsSoFar = 25,
            interviewsSoFar = 1,
            skills = (skills ?? [S1, S2]).Select(u => new { uri = u }),
            searchableByRecruiters = consent,
        });
        await Json(saved);
        return client;
    }

    [Fact]
    public async Task Logged_progress_adds_to_the_questionnaires_figures_and_the_diagnosis_reads_them()
    {
        var seeker = await SeekerWithQuestionnaireAsync("jr-progress");
        var before = await Json(await seeker.GetAsync("/api/profiles/jr-progress/diagnosis"));
        Assert.Contains("1 entretien en 4 mois de recherche", before.ToString(), StringComparison.Ordinal);

        var lastWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        var logged = await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { date = lastWeek, applications = 10, interviews = 3, note = "Clinique du Parc" }));
        await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { interviews = 1 }));
        var summary = await Json(await seeker.GetAsync("/api/profiles/jr-progress/progress"));

        var total = summary.GetProperty("figures").GetProperty("total");
        Assert.Equal(35, total.GetProperty("applications").GetInt32());
        Assert.Equal(5, total.GetProperty("interviews").GetInt32());
        Assert.Equal(2, summary.GetProperty("recent").GetArrayLength());
        Assert.True(summary.GetProperty("weeks").GetArrayLength() >= 2, "the week logged and this week");
        Assert.Equal(JsonValueKind.Object, logged.ValueKind);
        var after = await Json(await seeker.GetAsync("/api/profiles/jr-progress/diagnosis"));
        Assert.Contains("5 entretiens en 4 mois de recherche", after.ToString(), StringComparison.Ordinal);

        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { applications = 0 }), "applications");
        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { applications = 1, date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3) }), "date");
        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { applications = 500 }), "applications");
        var other = factory.CreateClientAs(Roles.Seeker, "jr-someone-else");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/profiles/jr-progress/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/profiles/jr-progress/progress", new { applications = 1 })).StatusCode);
    }

    [Fact]
    public async Task A_seekers_saved_search_finds_offers_when_they_are_written_and_the_feed_works_until_revoked()
    {
        var seeker = await SeekerWithQuestionnaireAsync("jr-alerts", skills: [S1, S2, S3]);
        var saved = await Json(await seeker.PostAsJsonAsync("/api/me/saved-searches", new { }));
        var searchId = saved.GetProperty("id").GetString();
        Assert.Equal("offerMatches", saved.GetProperty("kind").GetString());

        var recruiter = factory.CreateClientAs(Roles.Recruiter, "jr-recruiter");
        await Json(await recruiter.PostAsJsonAsync("/api/offers", new object[]
        {
            new { id = "jr-offer-match", title = "Régisseur d'orchestre", skills = new[] { new { uri = S1 }, new { uri = S2 } }, place = new { commune = "69383" } },
            new { id = "jr-offer-far", title = "Régisseur à Brest", skills = new[] { new { uri = S1 } }, place = new { commune = "29019" } },
        }));

        var alerts = await Json(await seeker.GetAsync("/api/me/alerts"));
        Assert.Equal(1, alerts.GetProperty("newCount").GetInt32());
        var item = alerts.GetProperty("searches")[0].GetProperty("items")[0];
        Assert.Equal("jr-offer-match", item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("new").GetBoolean());
        // Reading does not mark seen; the seen call (what a visit does) does.
        Assert.Equal(1, (await Json(await seeker.GetAsync("/api/me/alerts"))).GetProperty("newCount").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await seeker.PostAsync("/api/me/alerts/seen", null)).StatusCode);
        Assert.Equal(0, (await Json(await seeker.GetAsync("/api/me/alerts"))).GetProperty("newCount").GetInt32());

        var key = (await Json(await seeker.PostAsync("/api/me/feed-key", null))).GetString();
        var anonymous = factory.CreateClient();
        var feed = await anonymous.GetAsync($"/feeds/{key}/{searchId}");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        var atom = await feed.Content.ReadAsStringAsync();
        Assert.Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", atom, StringComparison.Ordinal);
        Assert.Contains("Régisseur d'orchestre", atom, StringComparison.Ordinal);
        // Another user's search under this key, a wrong key, a revoked key: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/feeds/not-a-key/{searchId}")).StatusCode);
        var rotated = (await Json(await seeker.PostAsync("/api/me/feed-key", null))).GetString();
        Assert.NotEqual(key, rotated);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/feeds/{key}/{searchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seeker.DeleteAsync("/api/me/feed-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/feeds/{rotated}/{searchId}")).StatusCode);

        // No SMTP configured here: an email is refused, naming the field.
        await AssertInvalid(await seeker.PutAsJsonAsync($"/api/me/saved-searches/{searchId}/email", new { email = "a@example.org" }), "email");
    }

    [Fact]
    public async Task A_recruiters_alerts_hold_consenting_candidates_under_pseudonyms_and_a_followed_offer_finds_new_ones()
    {
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "jr-recruiter-2");
        var search = await Json(await recruiter.PostAsJsonAsync("/api/me/saved-searches", new
        {
            kind = "candidateSearch",
            query = new { mustHave = new[] { S3 }, place = "69383", radiusKm = 30 },
        }));
        await Json(await recruiter.PostAsJsonAsync("/api/offers", new[] { new { id = "jr-followed", title = "Régie", skills = new[] { new { uri = S3 } }, place = new { commune = "69383" } } }));
        await Json(await recruiter.PostAsJsonAsync("/api/me/saved-searches", new { kind = "offerCandidates", offerId = "jr-followed" }));
        await AssertInvalid(await recruiter.PostAsJsonAsync("/api/me/saved-searches", new { kind = "candidateSearch", query = new { mustHave = new[] { "nope" } } }), "query.mustHave[0]");
        Assert.Equal(HttpStatusCode.NotFound,
            (await factory.CreateClientAs(Roles.Recruiter, "jr-other-recruiter").PostAsJsonAsync("/api/me/saved-searches", new { kind = "offerCandidates", offerId = "jr-followed" })).StatusCode);

        await SeekerWithQuestionnaireAsync("jr-cand-yes", consent: true, skills: [S3]);
        await SeekerWithQuestionnaireAsync("jr-cand-no", consent: false, skills: [S3]);

        var alerts = await Json(await recruiter.GetAsync("/api/me/alerts"));
        var pseudonyms = factory.Services.GetRequiredService<Pseudonyms>();
        foreach (var s in alerts.GetProperty("searches").EnumerateArray())
        {
            var ids = s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.Equal([pseudonyms.For("jr-recruiter-2", "jr-cand-yes")], ids);
        }
        Assert.Equal(2, alerts.GetProperty("newCount").GetInt32());
        Assert.DoesNotContain("jr-cand-", alerts.ToString(), StringComparison.Ordinal);
        Assert.Equal(search.GetProperty("id").GetString(), alerts.GetProperty("searches")[0].GetProperty("search").GetProperty("id").GetString());
        // The recruiter's export holds their searches' matches under the same pseudonyms, never a seeker's id.
        var export = (await Json(await recruiter.GetAsync("/api/me/export"))).GetProperty("alerts").ToString();
        Assert.Contains(pseudonyms.For("jr-recruiter-2", "jr-cand-yes"), export, StringComparison.Ordinal);
        Assert.DoesNotContain("jr-cand-", export, StringComparison.Ordinal);

        // A seeker who withdraws consent leaves the recruiter's alerts.
        var seeker = factory.CreateClientAs(Roles.Seeker, "jr-cand-yes");
        await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-cand-yes", new { skills = new[] { new { uri = S3 } }, place = new { commune = "69383" }, searchable = false }));
        var after = await Json(await recruiter.GetAsync("/api/me/alerts"));
        Assert.All(after.GetProperty("searches").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task Evidence_is_added_confirmed_and_endorsed_weighs_in_recruiters_scores_and_is_exported_then_erased()
    {
        var seeker = await SeekerWithQuestionnaireAsync("jr-evidence", consent: true, skills: [S1, S2]);
        await SeekerWithQuestionnaireAsync("jr-evidence-twin", consent: true, skills: [S1, S2]);
        // A profile cannot claim an adviser's confirmation itself.
        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-evidence", new { targetJobs = Array.Empty<object>(), commune = "69383", skills = new[] { new { uri = S1, evidence = "adviserConfirmed" } } }), "skills[0].evidence");

        await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/evidence", new { skillUri = S2, kind = "Training", detail = "Licence de musicologie, 2018" }));
        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/evidence", new { skillUri = S2, kind = "Training" }), "detail");
        Assert.Equal(HttpStatusCode.Forbidden, (await seeker.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/confirm", new { skillUri = S1 })).StatusCode);
        var stranger = factory.CreateClientAs(Roles.Adviser, "jr-adviser-stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/confirm", new { skillUri = S1 })).StatusCode);
        factory.Services.GetRequiredService<Caseloads>().Assign("jr-adviser", "jr-evidence");
        var adviser = factory.CreateClientAs(Roles.Adviser, "jr-adviser");
        var confirmed = await Json(await adviser.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/confirm", new { skillUri = S1 }));
        var s1 = confirmed.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("skill").GetProperty("uri").GetString() == S1);
        Assert.Equal("AdviserConfirmed", s1.GetProperty("evidence").GetString());
        Assert.Equal("jr-adviser", s1.GetProperty("proofs")[0].GetProperty("by").GetString());

        // A colleague, through the link, with no account.
        var invitation = await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-evidence/portfolio/invitations", new { fromName = "Awa", colleagueName = "Julie", skillUris = new[] { S1, S2 } }));
        var token = invitation.GetProperty("token").GetString();
        var colleague = factory.CreateClient();
        var asked = await Json(await colleague.GetAsync($"/api/endorsements/{token}"));
        Assert.Equal(2, asked.GetProperty("skills").GetArrayLength());
        var answer = await Json(await colleague.PostAsJsonAsync($"/api/endorsements/{token}", new { confirmed = new[] { S2 }, signedAs = "Julie Martin" }));
        Assert.Equal(1, answer.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, answer.GetProperty("declined").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsJsonAsync($"/api/endorsements/{token}", new { confirmed = new[] { S1 } })).StatusCode);

        // The recruiter: the evidenced twin ranks above the declared one, the card says which evidence, never who.
        var recruiter = factory.CreateClientAs(Roles.Recruiter, "jr-recruiter-3");
        var page = await Json(await recruiter.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { S1, S2 }, place = "69383", radiusKm = 30 }));
        var pseudonyms = factory.Services.GetRequiredService<Pseudonyms>();
        var hits = page.GetProperty("hits").EnumerateArray().ToList();
        var evidenced = hits.Single(h => h.GetProperty("pseudonym").GetString() == pseudonyms.For("jr-recruiter-3", "jr-evidence"));
        var twin = hits.Single(h => h.GetProperty("pseudonym").GetString() == pseudonyms.For("jr-recruiter-3", "jr-evidence-twin"));
        Assert.True(evidenced.GetProperty("score").GetDouble() > twin.GetProperty("score").GetDouble());
        Assert.True(evidenced.GetProperty("explanation").GetProperty("parts").GetProperty("evidence").GetDouble()
            > twin.GetProperty("explanation").GetProperty("parts").GetProperty("evidence").GetDouble());
        var kinds = evidenced.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("evidence").GetString()).ToList();
        Assert.Contains("AdviserConfirmed", kinds);
        Assert.Contains("ColleagueEndorsed", kinds);
        Assert.DoesNotContain("Julie", evidenced.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("jr-adviser", evidenced.ToString(), StringComparison.Ordinal);

        // Export holds the evidence, the log and the searches; erasure removes them.
        await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-evidence/progress", new { applications = 2 }));
        await Json(await seeker.PostAsJsonAsync("/api/me/saved-searches", new { }));
        var export = await Json(await seeker.GetAsync("/api/me/export"));
        Assert.Equal(3, export.GetProperty("skillEvidence").GetProperty("proofs").GetArrayLength());
        Assert.Equal("Julie", export.GetProperty("skillEvidence").GetProperty("invitations")[0].GetProperty("colleagueName").GetString());
        Assert.Single(export.GetProperty("progress").EnumerateArray());
        Assert.Single(export.GetProperty("alerts").GetProperty("savedSearches").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await seeker.DeleteAsync("/api/me")).StatusCode);
        var erased = await Json(await factory.CreateClientAs(Roles.Seeker, "jr-evidence").GetAsync("/api/me/export"));
        Assert.Equal(0, erased.GetProperty("skillEvidence").GetProperty("proofs").GetArrayLength());
        Assert.Equal(0, erased.GetProperty("progress").GetArrayLength());
        Assert.Equal(0, erased.GetProperty("alerts").GetProperty("savedSearches").GetArrayLength());
    }

    [Fact]
    public async Task Exploring_proposes_jobs_from_interests_within_the_constraints_and_choosing_sets_the_target()
    {
        var anyone = await factory.CreateReadyClientAsync();
        var options = await Json(await anyone.GetAsync("/api/explore/options"));
        Assert.True(options.GetProperty("interests").GetArrayLength() >= 10);

        var open = await Json(await anyone.PostAsJsonAsync("/api/explore", new { riasec = new[] { "R" }, size = 20, place = "69383" }));
        var constrained = await Json(await anyone.PostAsJsonAsync("/api/explore", new { riasec = new[] { "R" }, size = 20, place = "69383", noDrivingLicence = true, noNightWork = true, diploma = "cap_bep" }));
        Assert.True(constrained.GetProperty("leftOutByConstraints").GetInt32() > 0);
        Assert.True(constrained.GetProperty("matching").GetInt32() < open.GetProperty("matching").GetInt32());
        var rome4 = factory.Services.GetRequiredService<global::Matching.Engine.Hosting.ReferenceDataProvider>().Require().Taxonomy.Rome4;
        foreach (var job in constrained.GetProperty("jobs").EnumerateArray())
        {
            var sheet = rome4.Sheet(job.GetProperty("code").GetString()!)!;
            Assert.DoesNotContain(300803, sheet.WorkContexts);
            Assert.DoesNotContain("permis B", sheet.AccessToJob ?? "", StringComparison.Ordinal);
            Assert.NotEmpty(job.GetProperty("why").EnumerateArray());
            Assert.True(job.TryGetProperty("firstStep", out _));
        }
        // The access text says what a driving licence needs: A1502 asks for "le permis B".
        Assert.DoesNotContain(constrained.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("code").GetString() == "A1502");

        await AssertInvalid(await anyone.PostAsJsonAsync("/api/explore", new { }), "interests");
        await AssertInvalid(await anyone.PostAsJsonAsync("/api/explore", new { riasec = new[] { "X" } }), "riasec[0]");
        await AssertInvalid(await anyone.PostAsJsonAsync("/api/explore", new { interests = new[] { 99999 } }), "interests[0]");

        var seeker = await SeekerWithQuestionnaireAsync("jr-explore");
        var code = constrained.GetProperty("jobs")[0].GetProperty("code").GetString();
        await Json(await seeker.PostAsJsonAsync("/api/profiles/jr-explore/target", new { code }));
        var questionnaire = factory.Services.GetRequiredService<global::Matching.Engine.Coaching.SeekerStore>().Get("jr-explore")!;
        Assert.Equal(rome4.Sheet(code!)!.ParentCode, questionnaire.TargetJobs![0].RomeCode);
        Assert.True(questionnaire.ProjectClear);
        await AssertInvalid(await seeker.PostAsJsonAsync("/api/profiles/jr-explore/target", new { code = "Z9999" }), "code");
    }
}
