using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Engine.Access;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Matching.Engine.Reviews;
using Matching.Engine.Seekers;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

/// <summary>
/// The pages follow the same rules as the API because they call the same use cases: an adviser sees
/// their caseload only, every read of a case is in the seeker's access log, an offer posted from the
/// recruiter's page is the recruiter's. Over HTTP against the real app, as a browser posts its forms.
/// </summary>
public sealed partial class WebPageRulesTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private static readonly CoachUser s_admin = new("pages-admin", Roles.Admin);

    /// <summary>A seeker with a questionnaire (so in the review queue), saved as an admin would.</summary>
    private async Task SeekerAsync(string seekerId, bool consent)
    {
        await factory.WaitForIndexAsync();
        var saved = await factory.Services.GetRequiredService<SeekerProfiles>().SaveQuestionnaireAsync(s_admin, seekerId, new SeekerProfile
        {
            TargetJobs = [new TargetJob("aide soignante", RomeCode: "J1501")],
            Commune = "69383",
            Age = 52,
            HighestDiploma = DiplomaLevel.Bac,
            SearchableByRecruiters = consent,
        });
        Assert.True(saved.IsSuccess, saved.ToString());
    }

    private HttpClient Browser(string role, string userId)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.TokenFor(role, userId));
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    private IReadOnlyList<AuditEntry> AccessLogOf(string seekerId) => factory.Services.GetRequiredService<AuditLog>().ForSeeker(seekerId);

    [Fact]
    public async Task An_adviser_with_an_empty_caseload_sees_nobody_in_the_queue()
    {
        await SeekerAsync("pages-queued-1", consent: true);
        await SeekerAsync("pages-queued-2", consent: false);

        var page = await Browser(Roles.Adviser, "pages-adviser-empty").GetStringAsync("/adviser");
        var admin = await Browser(Roles.Admin, "pages-admin").GetStringAsync("/adviser");

        Assert.DoesNotContain("pages-queued", page, StringComparison.Ordinal);
        Assert.Contains("Personne n'attend de relecture", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("pages-queued-1", admin, StringComparison.Ordinal);
        Assert.Contains("pages-queued-2", admin, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/adviser/pages-outsider-seeker")]
    [InlineData("/adviser/pages-outsider-seeker/view")]
    public async Task An_adviser_without_the_seeker_in_their_caseload_gets_404_and_reads_nothing(string path)
    {
        await SeekerAsync("pages-outsider-seeker", consent: false);

        var response = await Browser(Roles.Adviser, "pages-adviser-empty").GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // None of the seeker's answers (age, place, diploma) is on the page, and nothing was read.
        Assert.DoesNotContain("52", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lyon", html, StringComparison.Ordinal);
        Assert.Empty(AccessLogOf("pages-outsider-seeker"));
    }

    [Fact]
    public async Task An_adviser_without_the_seeker_in_their_caseload_cannot_post_a_review()
    {
        await SeekerAsync("pages-unreviewed", consent: false);
        var adviser = Browser(Roles.Adviser, "pages-adviser-empty");
        // A form token for this adviser, from a page every user may open.
        var token = Token(await adviser.GetStringAsync("/seeker/start"));

        var response = await adviser.PostAsync("/adviser/pages-unreviewed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "review",
            ["__RequestVerificationToken"] = token,
            ["grade"] = "Bad",
            ["comment"] = "Relu sans être son conseiller.",
        }));

        Assert.True((int)response.StatusCode >= 400, $"{(int)response.StatusCode}: a review of a seeker outside the caseload was let in");
        Assert.Empty(factory.Services.GetRequiredService<ReviewStore>().Get("pages-unreviewed").History);
        Assert.Empty(AccessLogOf("pages-unreviewed"));
    }

    [Fact]
    public async Task The_adviser_of_the_seeker_reads_the_case_and_the_preview_and_each_read_is_in_the_seekers_access_log()
    {
        await SeekerAsync("pages-followed", consent: false);
        factory.Services.GetRequiredService<Caseloads>().Assign("pages-adviser-1", "pages-followed");
        var adviser = Browser(Roles.Adviser, "pages-adviser-1");

        var queue = await adviser.GetStringAsync("/adviser");
        var @case = await adviser.GetAsync("/adviser/pages-followed");
        var preview = await adviser.GetAsync("/adviser/pages-followed/view");

        Assert.Contains("pages-followed", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, @case.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("52", await @case.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = AccessLogOf("pages-followed");
        // The case (with its skills portfolio, a read of its own) and the preview.
        Assert.Equal(3, log.Count);
        Assert.All(log, e => Assert.Equal(("pages-adviser-1", Roles.Adviser, "read"), (e.ActorId, e.ActorRole, e.Action)));
        Assert.Equal(["assessment", "review case", "skills portfolio"], log.Select(e => e.Resource).Order());
    }

    [Fact]
    public async Task The_adviser_of_the_seeker_posts_a_review_from_the_case_page()
    {
        await SeekerAsync("pages-reviewed", consent: false);
        factory.Services.GetRequiredService<Caseloads>().Assign("pages-adviser-2", "pages-reviewed");
        var adviser = Browser(Roles.Adviser, "pages-adviser-2");
        var token = Token(await adviser.GetStringAsync("/adviser/pages-reviewed"));

        var response = await adviser.PostAsync("/adviser/pages-reviewed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "review",
            ["__RequestVerificationToken"] = token,
            ["grade"] = "GoodEnough",
        }));

        Assert.True((int)response.StatusCode < 400, $"{(int)response.StatusCode}");
        var review = Assert.Single(factory.Services.GetRequiredService<ReviewStore>().Get("pages-reviewed").History);
        Assert.Equal("pages-adviser-2", review.Review.ReviewerId);
        Assert.Contains(AccessLogOf("pages-reviewed"), e => e.Action == "review" && e.ActorId == "pages-adviser-2");
    }

    [Fact]
    public async Task An_offer_posted_from_the_recruiter_page_is_the_recruiters_and_export_and_erasure_reach_it()
    {
        await factory.WaitForIndexAsync();
        var data = factory.Services.GetRequiredService<ReferenceDataProvider>().Current!;
        var occupation = data.Titles.Understand("aide soignant de nuit", "fr", 1)[0].Occupation;
        var skill = data.Taxonomy.Skills[occupation.EssentialSkills[0]].Uri;
        var recruiter = Browser(Roles.Recruiter, "pages-recruiter");
        var token = Token(await recruiter.GetStringAsync("/recruiter/offer"));

        var posted = await recruiter.PostAsync("/recruiter/offer", new FormUrlEncodedContent(
        [
            new("_handler", "offer"),
            new("__RequestVerificationToken", token),
            new("title", "aide soignant de nuit"),
            new("place", "Lyon"),
            new("contract", "Permanent"),
            new("occupation", occupation.Uri),
            new("skills", skill),
            new("go", "post"),
        ]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("publiée", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var index = factory.Services.GetRequiredService<IMatchIndex>();
        var offerId = Assert.Single(await index.OfferIdsOwnedByAsync("pages-recruiter"));
        Assert.Equal("aide soignant de nuit", (await index.GetOfferAsync(offerId))!.Title);

        var api = factory.CreateClientAs(Roles.Recruiter, "pages-recruiter");
        var export = await api.GetFromJsonAsync<JsonElement>("/api/me/export");
        Assert.Equal(offerId, export.GetProperty("matching").GetProperty("index").GetProperty("offers")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClientAs(Roles.Recruiter, "pages-other-recruiter").DeleteAsync($"/api/offers/{offerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("/api/me")).StatusCode);
        Assert.Null(await index.GetOfferAsync(offerId));
    }

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenInput().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
