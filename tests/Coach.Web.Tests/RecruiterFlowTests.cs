using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>A recruiter in a real browser: candidates by skills, only those who consented, and a contact request.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecruiterFlowTests(WebAppFixture app)
{
    [Fact]
    public async Task RecruiterFindsAConsentingCandidateByAMustHaveSkillAndNotANonConsentingOne()
    {
        const string skill = "langue des signes";
        var consenting = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: true, skills: 2, extraSkill: skill);
        var refusing = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: false, skills: 2, extraSkill: skill);
        // The signed-in recruiter's own pseudonyms (stable: the same HMAC key as the API's).
        var pseudonyms = app.Services.GetRequiredService<Matching.Engine.Privacy.Pseudonyms>();

        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter");
        await page.FillAsync("#must0", skill);
        await page.FillAsync("#place", "Lyon");
        await page.FillAsync("#radius", "30");
        await page.CheckAsync("#exact");
        await page.ClickAsync("button[type=submit].primary");
        await Assertions.Expect(page.Locator("#results-h")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#must0-understood")).ToContainTextAsync("langue des signes");
        var shown = await page.Locator("[data-candidate]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.candidate)");
        Assert.Contains(pseudonyms.For("web-recruiter", consenting), shown);
        Assert.DoesNotContain(pseudonyms.For("web-recruiter", refusing), shown);
        // Pseudonymised: the seeker's id never reaches the recruiter's page.
        Assert.DoesNotContain(consenting, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Locator("#results-h").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.querySelector('#results-h').scrollIntoView({ block: 'start' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "recruiter-search.png"), FullPage = false });

        var candidate = page.Locator($"[data-candidate='{pseudonyms.For("web-recruiter", consenting)}']");
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Demander un contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(pseudonyms.For("web-recruiter", consenting));
        Assert.Single(app.Services.GetRequiredService<Matching.Engine.Privacy.ContactRequests>().ToSeeker(consenting));
    }

    [Fact]
    public async Task AnUnknownSkillIsSaidInWordsNextToTheField()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter?must=zzqxw+blorp&place=Lyon");
        await Assertions.Expect(page.Locator("#must0-error")).ToContainTextAsync("n'est pas une compétence connue");
        Assert.Equal(0, await page.GetByTestId("candidate").CountAsync());
    }

    [Fact]
    public async Task RecruiterPostsAnOfferFromTheUnderstoodJobAndSkills()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter/offer");
        await page.FillAsync("#title", "aide soignant de nuit");
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=understand]");

        var occupation = page.Locator("input[name=occupation]:checked + label");
        await Assertions.Expect(occupation).ToContainTextAsync("soignant");
        Assert.True(await page.Locator("input[name=skills]").CountAsync() > 0, "no skill suggested");
        await page.ClickAsync("button[value=post]");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("aide soignant de nuit");
        await Assertions.Expect(page.Locator("#for-offer-h")).ToContainTextAsync("candidats");
        // The offer is the recruiter's, as one posted through the API: owner checks, export and erasure reach it.
        var index = app.Services.GetRequiredService<Matching.Engine.Indexing.IMatchIndex>();
        var titles = new List<string?>();
        foreach (var id in await index.OfferIdsOwnedByAsync("web-recruiter"))
        {
            titles.Add((await index.GetOfferAsync(id))?.Title);
        }
        Assert.Contains("aide soignant de nuit", titles);
    }
}
