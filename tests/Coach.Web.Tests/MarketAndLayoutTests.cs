using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>The market view, the language switch and the phone layout, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MarketAndLayoutTests(WebAppFixture app)
{
    [Fact]
    public async Task MarketShowsOffersAgainstProfilesOfASkillPerAreaWithAReading()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/market");
        await page.CheckAsync("#kind-skill");
        await page.FillAsync("#what", "communiquer avec des clients");
        await page.FillAsync("#place", "Paris");
        await page.FillAsync("#radius", "100");
        await page.ClickAsync("button[type=submit].primary");

        await Assertions.Expect(page.GetByTestId("reading")).ToContainTextAsync("offres demandent « communiquer avec des clients »");
        // A skill has no DARES figure: one chart, offers and profiles, two bars per area on one scale.
        var chart = page.GetByTestId("bar-chart");
        Assert.Equal(1, await chart.CountAsync());
        var bars = chart.Locator("rect");
        Assert.True(await bars.CountAsync() >= 4, "expected several employment areas around Paris");
        Assert.Equal(0, await bars.CountAsync() % 2);
        var values = await bars.EvaluateAllAsync<double[]>("rs => rs.map(r => Number(r.dataset.value))");
        var widths = await bars.EvaluateAllAsync<double[]>("rs => rs.map(r => Number(r.getAttribute('width')))");
        Assert.Equal(Array.IndexOf(values, values.Max()), Array.IndexOf(widths, widths.Max()));
        await Assertions.Expect(page.Locator("svg > title")).ToContainTextAsync("Offres et profils");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "market.png"), FullPage = true });
    }

    [Fact]
    public async Task MarketOfAJobAddsTheDaresTensionOfTheEmploymentAreas()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/market?kind=job&what=aide+soignant&place=Lyon&radius=50");

        await Assertions.Expect(page.GetByTestId("reading")).ToContainTextAsync("la DARES compte");
        var charts = page.GetByTestId("bar-chart");
        Assert.Equal(2, await charts.CountAsync());
        await Assertions.Expect(charts.Nth(1).Locator("rect > title").First).ToContainTextAsync("Lyon Centre");
    }

    [Fact]
    public async Task AnUnknownJobIsSaidInWords()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/market?kind=skill&what=zzqxw+blorp");
        await Assertions.Expect(page.Locator("#what-error")).ToContainTextAsync("n'est pas une compétence connue");
        Assert.Equal(0, await page.GetByTestId("bar-chart").CountAsync());
    }

    [Fact]
    public async Task SwitchingToEnglishChangesTheTexts()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mon questionnaire");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync("**/seeker/start");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My questionnaire");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("label[for=job]")).ToHaveTextAsync("Job you want");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("My diagnosis");
        // The choice sticks (cookie) and the switch goes back to French.
        await page.GotoAsync("/market");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The market around you");
        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Le marché autour de chez vous");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/seeker/start")]
    [InlineData("/recruiter?must=langue+des+signes&nice=soins+infirmiers&place=Lyon&radius=30")]
    [InlineData("/recruiter/offer")]
    [InlineData("/adviser")]
    [InlineData("/market?kind=job&what=aide+soignant&place=Lyon&radius=50")]
    public async Task APhoneWidePageHasNoHorizontalScroll(string path)
    {
        // An admin may open every page, the adviser's and the recruiter's included.
        var page = await app.NewPageAsAsync("admin", "web-admin", width: 375, height: 740);
        await page.GotoAsync(path);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 375 px screen");
        if (path == "/seeker/start")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-questionnaire-375.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task TheSeekerResultsAndTheAdviserCaseFitAPhone()
    {
        var page = await app.NewPageAsync(width: 375, height: 740);
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(page, consent: false);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the seeker's page is {overflow} px wider than a 375 px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-results-375.png"), FullPage = false });

        // The adviser's case and preview of that seeker, on a phone too.
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser", width: 375, height: 740);
        foreach (var path in new[] { $"/adviser/{seekerId}", $"/adviser/{seekerId}/view" })
        {
            await adviser.GotoAsync(path);
            overflow = await adviser.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 375 px screen");
        }
    }

    [Fact]
    public async Task FormsAreUsableWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FocusAsync("#job");
        await page.Keyboard.TypeAsync("aide soignante");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Lyon");
        Assert.Equal("place", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 2");
        // Every visible input has a label.
        var unlabelled = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length
            """);
        Assert.Equal(0, unlabelled);
    }

    [Fact]
    public async Task TypingAJobOrAPlaceSuggestsFromCoachsOwnTaxonomy()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");

        await page.Locator("#place").PressSequentiallyAsync("Villeurb");
        await Assertions.Expect(page.Locator("#place-list option").First).ToHaveAttributeAsync("value", "Villeurbanne (69266)");

        // Typed key by key: each pause may send a request, and the answers for "ai" or "aide" may come back last; the list
        // ends with the answer for what the input holds.
        await page.Locator("#job").PressSequentiallyAsync("aide soign");
        await Assertions.Expect(page.Locator("#job-list option[value*='soignant' i]")).Not.ToHaveCountAsync(0);
        var options = await page.Locator("#job-list option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.All(options, o => Assert.Contains("soign", o, StringComparison.OrdinalIgnoreCase));
    }
}
