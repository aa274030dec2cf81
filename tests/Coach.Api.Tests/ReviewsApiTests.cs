using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;

namespace Coach.Api.Tests;

/// <summary>The adviser's review queue over HTTP: caseload, grading, hiding an advice from the seeker.</summary>
public sealed class ReviewsApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Seeker = "review-seeker";
    private const string Adviser = "review-adviser";

    private async Task<HttpClient> SeekerWithQuestionnaireAsync(double yearsInTarget = 0)
    {
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, Seeker);
        var questionnaire = new
        {
            targetJobs = new[] { new { romeCode = "J1501" } },
            commune = "69383",
            radiusKm = 20,
            age = 30,
            highestDiploma = "bac",
            searchStarted = true,
            searchStartDate = DateTime.UtcNow.AddMonths(-4).ToString("yyyy-MM-dd"),
            applicationsSoFar = 60,
            interviewsSoFar = 1,
            applicationsPerWeek = 15,
            networkStrength = 1,
            yearsOfExperienceInTarget = yearsInTarget,
            searchableByRecruiters = false,
        };
        var response = await seeker.PostAsJsonAsync($"/api/profiles/{Seeker}", questionnaire);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return seeker;
    }

    [Fact]
    public async Task An_adviser_hides_an_advice_and_the_seeker_no_longer_sees_it()
    {
        var seeker = await SeekerWithQuestionnaireAsync();
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-admin");
        var adviser = await factory.CreateReadyClientAsAsync(Roles.Adviser, Adviser);
        var outsider = await factory.CreateReadyClientAsAsync(Roles.Adviser, "other-adviser");
        Assert.True((await admin.PutAsync($"/api/admin/caseloads/{Adviser}/seekers/{Seeker}", null)).IsSuccessStatusCode);

        var queue = await adviser.GetFromJsonAsync<JsonElement[]>("/api/reviews/queue");
        var item = Assert.Single(queue!, q => q.GetProperty("seekerId").GetString() == Seeker);
        // The queue says who the seeker is: target job, main challenge, what is new since the last review.
        Assert.False(string.IsNullOrEmpty(item.GetProperty("target").GetString()));
        Assert.NotEmpty(item.GetProperty("changes").EnumerateArray());
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement[]>("/api/reviews/queue"))!, q => q.GetProperty("seekerId").GetString() == Seeker);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/reviews/{Seeker}")).StatusCode);

        var before = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Seeker}/strategy");
        var hidden = before.GetProperty("advice")[0].GetProperty("moduleId").GetString()!;
        var review = new { grade = "GoodEnough", comment = "Bien vu", diagnosisComment = "OK", advice = new[] { new { moduleId = hidden, score = 0, comment = "pas maintenant" } } };
        var submitted = await adviser.PostAsJsonAsync($"/api/reviews/{Seeker}", review);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var after = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Seeker}/strategy");
        Assert.DoesNotContain(after.GetProperty("advice").EnumerateArray(), a => a.GetProperty("moduleId").GetString() == hidden);
        Assert.DoesNotContain(await adviser.GetFromJsonAsync<JsonElement[]>("/api/reviews/queue") ?? [], q => q.GetProperty("seekerId").GetString() == Seeker);
        var @case = await adviser.GetFromJsonAsync<JsonElement>($"/api/reviews/{Seeker}");
        Assert.Contains(@case.GetProperty("changes").EnumerateArray(), c => c.GetProperty("moduleId").GetString() == hidden && c.GetProperty("hidden").GetBoolean());
        var log = await seeker.GetFromJsonAsync<JsonElement>("/api/me/access-log");
        Assert.Contains("review", log.ToString(), StringComparison.Ordinal);
        var csv = await admin.GetStringAsync("/api/reviews/export.csv");
        Assert.Contains(hidden, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_adviser_confirms_a_skill_of_their_caseload_only_and_it_counts_as_confirmed()
    {
        // Three years as a carer: the job's core skills count "from experience".
        await SeekerWithQuestionnaireAsync(yearsInTarget: 3);
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-admin");
        var adviser = await factory.CreateReadyClientAsAsync(Roles.Adviser, Adviser);
        var outsider = await factory.CreateReadyClientAsAsync(Roles.Adviser, "other-adviser");
        Assert.True((await admin.PutAsync($"/api/admin/caseloads/{Adviser}/seekers/{Seeker}", null)).IsSuccessStatusCode);
        var @case = await adviser.GetFromJsonAsync<JsonElement>($"/api/reviews/{Seeker}");
        var skill = @case.GetProperty("skills").EnumerateArray().First(s => s.GetProperty("evidence").ToString() != "AdviserConfirmed").GetProperty("uri").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/profiles/{Seeker}/portfolio/confirm", new { skillUri = skill })).StatusCode);
        var bad = await adviser.PostAsJsonAsync($"/api/profiles/{Seeker}/portfolio/confirm", new { skillUri = "http://data.europa.eu/esco/skill/nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("skill", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await adviser.PostAsJsonAsync($"/api/profiles/{Seeker}/portfolio/confirm", new { skillUri = skill })).StatusCode);

        var after = await adviser.GetFromJsonAsync<JsonElement>($"/api/reviews/{Seeker}");
        Assert.Contains(after.GetProperty("skills").EnumerateArray(), s => s.GetProperty("uri").GetString() == skill && s.GetProperty("evidence").ToString() == "AdviserConfirmed");
    }

    [Fact]
    public async Task The_queue_names_every_job_the_seeker_named_not_the_first_only()
    {
        // The case page listed "boulangère, infirmière, développeuse web"; the queue said "boulangère".
        const string Scattered = "review-scattered-seeker";
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, Scattered);
        var saved = await seeker.PostAsJsonAsync($"/api/profiles/{Scattered}", new
        {
            targetJobs = new object[] { new { label = "boulangère" }, new { label = " infirmière " }, new { label = "Boulangère" }, new { romeCode = "M1805" } },
            commune = "69383",
            searchableByRecruiters = false,
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-admin-3");

        var queue = await admin.GetFromJsonAsync<JsonElement[]>("/api/reviews/queue");

        var item = Assert.Single(queue!, q => q.GetProperty("seekerId").GetString() == Scattered);
        Assert.Equal(["boulangère", "infirmière", "M1805"], item.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("boulangère", item.GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_review_without_a_grade_or_with_a_score_of_four_is_a_400()
    {
        await SeekerWithQuestionnaireAsync();
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-admin-2");

        var response = await admin.PostAsJsonAsync($"/api/reviews/{Seeker}", new { advice = new[] { new { moduleId = "network", score = 4 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("grade", out _), problem.ToString());
    }

    [Fact]
    public async Task An_adviser_grades_the_suggested_offers_and_the_grades_and_impressions_feed_the_ranking_and_the_seekers_export()
    {
        const string Graded = "review-offers-seeker";
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "review-recruiter");
        (await recruiter.PostAsJsonAsync("/api/offers", new object[]
        {
            new { id = "review-offer-1", title = "Aide-soignant de nuit", occupation = "J1501", place = new { commune = "69383" }, contract = "CDI" },
            new { id = "review-offer-2", title = "Aide-soignant", occupation = "J1501", place = new { commune = "69383" }, contract = "CDD" },
        })).EnsureSuccessStatusCode();
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, Graded);
        (await seeker.PostAsJsonAsync($"/api/profiles/{Graded}", new
        {
            targetJobs = new[] { new { romeCode = "J1501" } },
            pastJobs = new[] { new { romeCode = "J1501" } },
            commune = "69383",
            radiusKm = 20,
            searchableByRecruiters = false,
        })).EnsureSuccessStatusCode();
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-admin-3");

        var @case = await admin.GetFromJsonAsync<JsonElement>($"/api/reviews/{Graded}");
        var suggested = @case.GetProperty("suggestedOffers").EnumerateArray().Select(o => o.GetProperty("offerId").GetString()).ToList();
        Assert.Contains("review-offer-1", suggested);
        var submitted = await admin.PostAsJsonAsync($"/api/reviews/{Graded}", new
        {
            grade = "GoodEnough",
            advice = Array.Empty<object>(),
            offers = new[] { new { offerId = "review-offer-1", grade = 2, comment = (string?)"CDI, près de chez elle" }, new { offerId = "review-offer-2", grade = 0, comment = (string?)null } },
        });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var bad = await admin.PostAsJsonAsync($"/api/reviews/{Graded}", new { grade = "GoodEnough", advice = Array.Empty<object>(), offers = new[] { new { offerId = "review-offer-1", grade = 3 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Matching.Engine.Reviews.ReviewStore>(factory.Services);
        Assert.Contains(store.OfferGrades(), g => g.SeekerId == Graded && g.OfferId == "review-offer-1" && g.Grade == 2);
        var impressions = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Matching.Engine.Ranking.ImpressionLog>(factory.Services);
        Assert.Contains(impressions.OfSeeker(Graded), i => i.OfferId == "review-offer-1" && i.ViewerRole == "admin");

        var export = await seeker.GetFromJsonAsync<JsonElement>("/api/me/export");
        Assert.Contains("review-offer-1", export.GetProperty("impressions").ToString(), StringComparison.Ordinal);
        Assert.Contains("CDI, près de chez elle", export.GetProperty("reviews").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("review-admin-3", export.GetProperty("impressions").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeker_reads_what_the_adviser_wrote_for_her_never_the_internal_notes_and_no_longer_sees_an_offer_graded_0()
    {
        const string Reviewed = "review-words-seeker";
        const string Other = "review-words-other";
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "review-words-recruiter");
        (await recruiter.PostAsJsonAsync("/api/offers", new object[]
        {
            new { id = "review-words-offer-1", title = "Aide-soignant de nuit", occupation = "J1501", place = new { commune = "69383" }, contract = "CDI" },
            new { id = "review-words-offer-2", title = "Aide-soignant", occupation = "J1501", place = new { commune = "69383" }, contract = "CDD" },
        })).EnsureSuccessStatusCode();
        var questionnaire = new
        {
            targetJobs = new[] { new { romeCode = "J1501" } },
            pastJobs = new[] { new { romeCode = "J1501" } },
            commune = "69383",
            radiusKm = 20,
            age = 30,
            searchStarted = true,
            searchStartDate = DateTime.UtcNow.AddMonths(-4).ToString("yyyy-MM-dd"),
            applicationsSoFar = 60,
            interviewsSoFar = 1,
            networkStrength = 1,
            searchableByRecruiters = false,
        };
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, Reviewed);
        (await seeker.PostAsJsonAsync($"/api/profiles/{Reviewed}", questionnaire)).EnsureSuccessStatusCode();
        var other = await factory.CreateReadyClientAsAsync(Roles.Seeker, Other);
        (await other.PostAsJsonAsync($"/api/profiles/{Other}", questionnaire)).EnsureSuccessStatusCode();
        var matchesBefore = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Reviewed}/matches?size=100");
        Assert.Contains(matchesBefore.GetProperty("hits").EnumerateArray(), h => h.GetProperty("offerId").GetString() == "review-words-offer-2");

        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-words-admin");
        var @case = await admin.GetFromJsonAsync<JsonElement>($"/api/reviews/{Reviewed}");
        var advice = @case.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("moduleId").GetString()!).ToList();
        Assert.True(advice.Count >= 2, "two advice to review");
        var (kept, hidden) = (advice[0], advice[1]);
        var submitted = await admin.PostAsJsonAsync($"/api/reviews/{Reviewed}", new
        {
            grade = "GoodEnough",
            comment = "INTERNE: diagnostic juste",
            diagnosisComment = "INTERNE: marché bien décrit",
            seekerMessage = "Bonjour, on en reparle jeudi.",
            advice = new[]
            {
                new { moduleId = kept, score = 3, comment = "INTERNE: à pousser", seekerNote = "Forum emploi santé à Lille Grand Palais le mois prochain." },
                new { moduleId = hidden, score = 0, comment = "INTERNE: pas adapté", seekerNote = "Mot sur un conseil caché." },
            },
            offers = new[] { new { offerId = "review-words-offer-2", grade = 0, comment = "INTERNE: horaires impossibles" } },
        });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // The seeker-facing API: her message and her note, nothing internal, no note on a hidden advice.
        var strategy = await seeker.GetStringAsync($"/api/profiles/{Reviewed}/strategy");
        var words = JsonDocument.Parse(strategy).RootElement.GetProperty("fromAdviser");
        Assert.Equal("Bonjour, on en reparle jeudi.", words.GetProperty("message").GetString());
        Assert.Equal("Forum emploi santé à Lille Grand Palais le mois prochain.", words.GetProperty("adviceNotes").GetProperty(kept).GetString());
        Assert.DoesNotContain("INTERNE", strategy, StringComparison.Ordinal);
        Assert.DoesNotContain("Mot sur un conseil caché.", strategy, StringComparison.Ordinal);
        // Another seeker reads nothing of it.
        var otherStrategy = await other.GetStringAsync($"/api/profiles/{Other}/strategy");
        Assert.DoesNotContain("Bonjour, on en reparle jeudi.", otherStrategy, StringComparison.Ordinal);
        Assert.DoesNotContain("Lille Grand Palais", otherStrategy, StringComparison.Ordinal);

        // The offer graded 0 leaves her offers: in the API and in the use case her page calls.
        var matches = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Reviewed}/matches?size=100");
        Assert.DoesNotContain(matches.GetProperty("hits").EnumerateArray(), h => h.GetProperty("offerId").GetString() == "review-words-offer-2");
        Assert.Contains(matches.GetProperty("hits").EnumerateArray(), h => h.GetProperty("offerId").GetString() == "review-words-offer-1");
        var assessments = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Matching.Engine.Seekers.SeekerAssessments>(factory.Services);
        var page = (await assessments.ShowAsync(new CoachUser(Reviewed, Roles.Seeker), Reviewed, "fr")).Value!;
        Assert.DoesNotContain(page.Matches, m => m.OfferId == "review-words-offer-2");
        Assert.Contains(page.Matches, m => m.OfferId == "review-words-offer-1");
        Assert.Equal("Bonjour, on en reparle jeudi.", page.FromAdviser?.Message);
        // Another seeker still sees that offer.
        var otherMatches = await other.GetFromJsonAsync<JsonElement>($"/api/profiles/{Other}/matches?size=100");
        Assert.Contains(otherMatches.GetProperty("hits").EnumerateArray(), h => h.GetProperty("offerId").GetString() == "review-words-offer-2");
    }

    [Fact]
    public async Task Progress_that_changes_the_diagnosis_puts_a_reviewed_seeker_back_in_the_queue_and_a_note_alone_does_not()
    {
        const string seekerId = "review-progress-seeker";
        const string adviserId = "review-progress-adviser";
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, seekerId);
        var questionnaire = new
        {
            targetJobs = new[] { new { romeCode = "J1501" } },
            commune = "69383",
            radiusKm = 20,
            searchStarted = true,
            searchStartDate = DateTime.UtcNow.AddMonths(-4).ToString("yyyy-MM-dd"),
            applicationsSoFar = 60,
            interviewsSoFar = 0,
            applicationsPerWeek = 15,
        };
        Assert.True((await seeker.PostAsJsonAsync($"/api/profiles/{seekerId}", questionnaire)).IsSuccessStatusCode);
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "review-progress-admin");
        var adviser = await factory.CreateReadyClientAsAsync(Roles.Adviser, adviserId);
        Assert.True((await admin.PutAsync($"/api/admin/caseloads/{adviserId}/seekers/{seekerId}", null)).IsSuccessStatusCode);
        async Task<JsonElement?> Queued() =>
            (await adviser.GetFromJsonAsync<JsonElement[]>("/api/reviews/queue"))!.Cast<JsonElement?>().SingleOrDefault(q => q!.Value.GetProperty("seekerId").GetString() == seekerId);
        Assert.NotNull(await Queued());
        var before = (await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{seekerId}/diagnosis")).ToString();
        Assert.Equal(HttpStatusCode.OK, (await adviser.PostAsJsonAsync($"/api/reviews/{seekerId}", new { grade = "GoodEnough" })).StatusCode);
        Assert.Null(await Queued());

        // Ten interviews in the last weeks: sixty applications are no longer unanswered, the diagnosis changes.
        Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync($"/api/profiles/{seekerId}/progress", new { interviews = 10 })).StatusCode);
        var after = (await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{seekerId}/diagnosis")).ToString();
        Assert.NotEqual(before, after);
        var queued = await Queued();
        Assert.NotNull(queued);
        // The adviser reads why: what was logged, and what changed in the diagnosis or the strategy.
        var changes = queued!.Value.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(changes, c => c.StartsWith("Noté dans son suivi depuis votre dernière revue", StringComparison.Ordinal));
        Assert.Contains(changes, c => !c.StartsWith("Noté dans son suivi", StringComparison.Ordinal));

        // Reviewed again, then one more application logged: the same diagnosis and strategy are not queued twice.
        Assert.Equal(HttpStatusCode.OK, (await adviser.PostAsJsonAsync($"/api/reviews/{seekerId}", new { grade = "GoodEnough" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync($"/api/profiles/{seekerId}/progress", new { applications = 1 })).StatusCode);
        Assert.Null(await Queued());
    }
}
