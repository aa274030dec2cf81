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
        await page.FillAsync("#add", skill);
        await page.FillAsync("#place", "Lyon");
        await page.FillAsync("#radius", "30");
        await page.CheckAsync("#exact");
        await page.ClickAsync("button[type=submit].primary");
        await Assertions.Expect(page.Locator("#results-h")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator(".tag[data-must=true]")).ToContainTextAsync("langue des signes");
        var shown = await page.Locator("[data-candidate]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.candidate)");
        Assert.Contains(pseudonyms.For("web-recruiter", consenting), shown);
        Assert.DoesNotContain(pseudonyms.For("web-recruiter", refusing), shown);
        // Pseudonymised: the seeker's id never reaches the recruiter's page.
        Assert.DoesNotContain(consenting, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Locator("#results-h").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.querySelector('#results-h').scrollIntoView({ block: 'start' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "recruiter-search.png"), FullPage = false });

        var candidate = page.Locator($"[data-candidate='{pseudonyms.For("web-recruiter", consenting)}']");
        // The card says what the candidate looks for, their experience and availability.
        await Assertions.Expect(candidate).ToContainTextAsync("aide-soignant");
        await Assertions.Expect(candidate).ToContainTextAsync("3 ans");
        await Assertions.Expect(candidate).ToContainTextAsync("cherche depuis 4 mois");
        await candidate.Locator("textarea[name=message]").FillAsync("Bonjour, un poste de nuit en EHPAD à Lyon vous intéresserait-il ?");
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Demander un contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(pseudonyms.For("web-recruiter", consenting));
        var request = Assert.Single(app.Services.GetRequiredService<Matching.Engine.Privacy.ContactRequests>().ToSeeker(consenting));
        Assert.Equal("Bonjour, un poste de nuit en EHPAD à Lyon vous intéresserait-il ?", request.Message);
    }

    [Fact]
    public async Task AnUnknownSkillIsSaidInWordsNextToTheField()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter?must=zzqxw+blorp&place=Lyon");
        await Assertions.Expect(page.Locator("#add-error")).ToContainTextAsync("n'est pas une compétence connue");
        Assert.Equal(0, await page.GetByTestId("candidate").CountAsync());
    }

    [Fact]
    public async Task SkillsAreTagsOfAnyNumberEachMustHaveOrNiceToHaveAndAGuessIsOfferedNotTaken()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter");
        foreach (var (text, mustHave) in new[] { ("JavaScript", true), ("PHP", true), ("SQL", false), ("langue des signes", false) })
        {
            await page.FillAsync("#add", text);
            await page.CheckAsync(mustHave ? "#as-must" : "#as-nice");
            await page.ClickAsync("button[value=add]");
            await Assertions.Expect(page.Locator(".tags")).ToContainTextAsync(text, new() { IgnoreCase = true });
        }
        Assert.Equal(2, await page.Locator(".tag[data-must=true]").CountAsync());
        Assert.Equal(2, await page.Locator(".tag[data-must=false]").CountAsync());
        await Assertions.Expect(page.Locator(".tag[data-must=true]").First).ToContainTextAsync("JavaScript");

        // A tag moves from must-have to nice-to-have.
        await page.Locator(".tag[data-must=true]").First.GetByRole(AriaRole.Link, new() { Name = "rendre appréciée" }).ClickAsync();
        await Assertions.Expect(page.Locator(".tag[data-must=true]")).ToHaveCountAsync(1);

        // "react" is no skill Coach knows: it says so and offers its closest labels, it does not pick "réagir".
        await page.FillAsync("#add", "react");
        await page.ClickAsync("button[value=add]");
        await Assertions.Expect(page.Locator("#add-error")).ToContainTextAsync("react");
        await Assertions.Expect(page.Locator(".tag")).ToHaveCountAsync(4);
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
        // A skill the suggestions lack is added by typing it.
        await page.FillAsync("#extraSkills", "langue des signes");
        await page.ClickAsync("button[value=post]");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("aide soignant de nuit");
        await Assertions.Expect(page.Locator("#for-offer-h")).ToContainTextAsync("candidat");
        // The offer is the recruiter's, as one posted through the API: owner checks, export and erasure reach it.
        var index = app.Services.GetRequiredService<Matching.Engine.Indexing.IMatchIndex>();
        var offers = new List<Matching.Engine.Indexing.OfferDocument>();
        foreach (var id in await index.OfferIdsOwnedByAsync("web-recruiter"))
        {
            if (await index.GetOfferAsync(id) is { } offer)
            {
                offers.Add(offer);
            }
        }
        var mine = Assert.Single(offers, o => o.Title == "aide soignant de nuit");
        var taxonomy = app.Services.GetRequiredService<Matching.Engine.Hosting.ReferenceDataProvider>().Current!.Taxonomy;
        Assert.Contains(mine.Skills, k => taxonomy.SkillByUri(k.SkillUri)!.LabelFr == "langue des signes");

        // "From one of my offers" fills the search with the offer's skills, place and contract.
        await page.GotoAsync("/recruiter");
        await page.SelectOptionAsync("#offer", mine.Id);
        await page.ClickAsync("form.from-offer button[type=submit]");
        await Assertions.Expect(page.Locator(".tag")).ToHaveCountAsync(mine.Skills.Count);
        await Assertions.Expect(page.Locator(".tags")).ToContainTextAsync("langue des signes");
        await Assertions.Expect(page.Locator("#results-h")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PostingProposesRome4JobTitlesFirstAndTheOfferCarriesTheChosenRome4Code()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter-rome4");
        await page.GotoAsync("/recruiter/offer");

        // While typing, the title field suggests ROME 4.0 job titles first, as the seeker's job field does.
        await page.Locator("#title").PressSequentiallyAsync("développeur full stack");
        await Assertions.Expect(page.Locator("#title-list option").First).ToHaveAttributeAsync("value", "Développeur / Développeuse full-stack");

        await page.FillAsync("#title", "Développeur web full stack JavaScript / PHP (H/F)");
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=understand]");

        // The ROME 4.0 title is chosen, the ESCO readings come after it.
        await Assertions.Expect(page.Locator("input[name=occupation]:checked + label")).ToContainTextAsync("ROME 4.0 M1855");
        await Assertions.Expect(page.Locator("fieldset .choice:has(input[name=occupation])").First).ToHaveAttributeAsync("data-testid", "appellation");
        await Assertions.Expect(page.GetByTestId("esco-occupation").First).ToBeVisibleAsync();
        // The sheet's own skills are proposed ticked; the embedded-systems skills of the crosswalk's ESCO occupation are not.
        Assert.True(await page.Locator("tr[data-scheme=rome4] input[name=skills]:checked").CountAsync() > 0, "no ROME 4.0 skill ticked");
        Assert.Equal(0, await page.Locator("tr[data-scheme=esco] input[name=skills]:checked").CountAsync());

        // Skills are added by typing, several in one field: the suggestions complete the last one.
        await page.Locator("#extraSkills").PressSequentiallyAsync("JavaScript ; PH");
        await Assertions.Expect(page.Locator("#extra-list option[value='JavaScript ; PHP']")).ToHaveCountAsync(1);
        await page.FillAsync("#extraSkills", "JavaScript ; PHP");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "recruiter-post-offer.png"), FullPage = true });
        await page.ClickAsync("button[value=post]");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Développeur web full stack");

        var index = app.Services.GetRequiredService<Matching.Engine.Indexing.IMatchIndex>();
        var id = Assert.Single(await index.OfferIdsOwnedByAsync("web-recruiter-rome4"));
        var offer = (await index.GetOfferAsync(id))!;
        Assert.Equal("M1855", offer.RomeCode);
        var taxonomy = app.Services.GetRequiredService<Matching.Engine.Hosting.ReferenceDataProvider>().Current!.Taxonomy;
        var labels = offer.Skills.Select(k => taxonomy.SkillByUri(k.SkillUri)!.LabelEn).ToList();
        Assert.Contains("JavaScript", labels);
        Assert.Contains("PHP", labels);
        Assert.Contains(offer.Skills, k => k.SkillUri.StartsWith("rome4:competence:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTagAutocompleteSuggestsTechnologiesAndRome4ItemsAndAPickIsTheSuggestedConcept()
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter");
        await page.GotoAsync("/recruiter");

        // "excel" is named by a ROME 4.0 savoir: it comes first and becomes the tag.
        await page.Locator("#add").PressSequentiallyAsync("excel");
        await Assertions.Expect(page.Locator("#add-list option").First).ToHaveAttributeAsync("value", "Microsoft Excel");
        await page.FillAsync("#add", "Microsoft Excel");
        await page.ClickAsync("button[value=add]");
        await Assertions.Expect(page.Locator(".tag[data-skill^='rome4:savoir:']")).ToContainTextAsync("Microsoft Excel");

        // A ROME 4.0 label aligned to an ESCO skill ("Programmation en Python") gives the ESCO skill, as the suggestion does.
        await page.FillAsync("#add", "Programmation en Python");
        await page.CheckAsync("#as-nice");
        await page.ClickAsync("button[value=add]");
        await Assertions.Expect(page.Locator(".tag[data-must=false][data-skill^='http://data.europa.eu/esco/skill/']")).ToContainTextAsync("Python");

        // Each suggestion once: no label twice in the list.
        await page.FillAsync("#add", "");
        await page.Locator("#add").PressSequentiallyAsync("soudure");
        await Assertions.Expect(page.Locator("#add-list option").First).ToHaveAttributeAsync("value", new System.Text.RegularExpressions.Regex("soud", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var options = await page.Locator("#add-list option").EvaluateAllAsync<string[]>("els => els.map(e => e.value.toLowerCase())");
        Assert.Equal(options.Length, options.Distinct().Count());
    }
}
