using System.Globalization;
using Matching.Engine.Coaching;
using Matching.Engine.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>A job seeker in a real browser: the questionnaire, then their diagnosis and matching offers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeekerFlowTests(WebAppFixture app)
{
    [Fact]
    public async Task SeekerFillsTheQuestionnaireAndSeesADiagnosisAndMatchedOffers()
    {
        var page = await app.NewPageAsync();
        await SeekerSteps.FillQuestionnaireAsync(page, consent: true, screenshots: true);

        Assert.EndsWith("/seeker", page.Url, StringComparison.Ordinal);
        var main = page.GetByTestId("main-challenge");
        await Assertions.Expect(main).ToBeVisibleAsync();
        Assert.StartsWith("Votre priorité", (await main.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        // Every category of the diagnosis is shown with its status.
        Assert.Equal(8, await page.Locator(".categories > li").CountAsync());

        var offers = page.GetByTestId("offer");
        Assert.True(await offers.CountAsync() > 0, "no matching offer shown");
        var first = await offers.First.InnerTextAsync();
        // The badge is the share of the offer's skills the seeker has, not the ranking total (which also weighs how much
        // of the seeker's skills the offer uses, and reads as a few per cent to anyone who ticked many skills).
        var coverage = await offers.First.GetByTestId("coverage").InnerTextAsync();
        Assert.Matches(@"^\d{1,3} % des compétences demandées$", coverage.Trim());
        Assert.InRange(int.Parse(coverage.Trim().Split(' ')[0], CultureInfo.InvariantCulture), 1, 100);
        Assert.True(first.Contains("Demandé dans l'offre", StringComparison.Ordinal) || first.Contains("Habituel pour ce métier", StringComparison.Ordinal), first);
        Assert.True(await page.Locator("details.advice").CountAsync() > 0, "no advice shown");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-results.png"), FullPage = true });
    }

    [Fact]
    public async Task ASeekerWhoGaveNoSkillIsShownWhatNearbyOffersAskNotAShareMissing()
    {
        // No past job, no experience, every proposed skill left unticked: the diagnosis cannot measure the gap yet, so the
        // skills panel must not say "il vous manque 100 %"; it lists what nearby offers of the job ask.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#job", SeekerSteps.Job);
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 2");
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 3");
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 4");
        var ticked = page.Locator("input[name=skills]:checked");
        while (await ticked.CountAsync() > 0)
        {
            await ticked.First.UncheckAsync();
        }
        await page.ClickAsync("button[value=next]");
        await page.WaitForURLAsync("**/seeker");

        var lead = (await page.GetByTestId("gap-lead").InnerTextAsync()).Trim();
        Assert.StartsWith("Vous n'avez indiqué aucune compétence", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("Il vous manque", await page.Locator("section[aria-labelledby=gap-h]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("ol.gap > li").CountAsync() > 0, "no skill of nearby offers listed");
    }

    [Fact]
    public async Task ASeekerWhoGaveOnlyQualitiesAndHasNoOfferOfTheJobNearIsShownTheJobsOwnSkillsSheetFirst()
    {
        // A quality ticked is no skill of the job; with no offer of the job near, the list is the job's reference, said so.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#job", "aiguilleur du rail");
        await page.FillAsync("#place", "Mende");
        await page.FillAsync("#radius", "5");
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 2");
        await page.ClickAsync("button[value=next]");
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 4");
        await page.GetByTestId("qualities").Locator(".choice").Filter(new() { HasText = "Faire preuve de rigueur" }).Locator("input").CheckAsync();
        await page.ClickAsync("button[value=next]");
        await page.WaitForURLAsync("**/seeker");

        var lead = (await page.GetByTestId("gap-lead").InnerTextAsync()).Trim();
        Assert.StartsWith("Vous n'avez indiqué aucune compétence du métier, et Coach ne connaît pas encore d'offre", lead, StringComparison.Ordinal);
        var first = (await page.Locator("ol.gap > li").First.InnerTextAsync()).Trim();
        var sheet = app.Services.GetRequiredService<Matching.Engine.Hosting.ReferenceDataProvider>().Current!.Taxonomy.Rome4.Sheet("N4401")!;
        Assert.Contains(first, sheet.CoreItems.Select(i => i.Code).Select(c => app.Services.GetRequiredService<Matching.Engine.Hosting.ReferenceDataProvider>().Current!.Taxonomy.Rome4.Item(c)!.Label));
    }

    [Fact]
    public async Task AMissingAnswerIsAskedOnThePageAndOnceAnsweredIsNotAskedAgain()
    {
        var page = await app.NewPageAsync();
        await SeekerSteps.FillQuestionnaireAsync(page, consent: false);
        // The questionnaire did not ask whether the project is clear: the diagnosis does, inline.
        var question = page.Locator("form.question[data-field=projectClear]");
        await Assertions.Expect(question).ToBeVisibleAsync();

        await question.GetByLabel("Oui").CheckAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await page.WaitForURLAsync("**/seeker");
        await Assertions.Expect(page.GetByTestId("main-challenge")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form.question[data-field=projectClear]").CountAsync());
    }

    [Fact]
    public async Task AnInvalidInlineAnswerIsRefusedInWords()
    {
        var page = await app.NewPageAsync();
        await SeekerSteps.FillQuestionnaireAsync(page, consent: false);
        var question = page.Locator("form.question[data-field=projectClear]");
        await Assertions.Expect(question).ToBeVisibleAsync();
        // A value the page never offers, as a tampered form would post: the server refuses it and says so.
        await question.Locator("input[value=yes]").EvaluateAsync("e => { e.value = 'maybe'; e.checked = true; }");
        await question.Locator("button").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Votre réponse n'a pas été enregistrée");
        await Assertions.Expect(page.Locator("form.question[data-field=projectClear]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AStepWithoutJobOrPlaceSaysWhatIsMissingNextToTheField()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#place", "Nulle-part-sur-terre");
        await page.ClickAsync("button[value=next]");

        await Assertions.Expect(page.Locator("#job-error")).ToContainTextAsync("Indiquez le métier");
        await Assertions.Expect(page.Locator("#place-error")).ToContainTextAsync("n'est pas une commune");
        Assert.Equal("true", await page.GetAttributeAsync("#job", "aria-invalid"));
        // Still on the first step, the typed answer kept.
        Assert.Equal("Nulle-part-sur-terre", await page.InputValueAsync("#place"));
    }

    [Fact]
    public async Task SkillsFromExperienceComeTickedAndAnUntickedOneIsNeverCounted()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#job", SeekerSteps.Job);
        await page.FillAsync("#pastJob", "aide soignant");
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=next]");
        await page.FillAsync("#experience", "3");
        await page.ClickAsync("button[value=next]");
        await page.ClickAsync("button[value=next]");

        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 4");
        var fromExperience = page.Locator("input[name=shownExperience]");
        Assert.True(await fromExperience.CountAsync() > 0, "no skill brought by experience");
        var uri = await fromExperience.First.GetAttributeAsync("value");
        // Experience brings the ROME 4.0 sheet's core items first, then, folded apart, the ESCO skills no item already says.
        Assert.StartsWith("rome4:competence:", uri, StringComparison.Ordinal);
        var complement = page.GetByTestId("experience-complement");
        await Assertions.Expect(complement.Locator("summary")).ToContainTextAsync("autres compétences de votre expérience, dans le référentiel européen ESCO");
        Assert.Null(await complement.GetAttributeAsync("open"));
        Assert.True(await complement.Locator("input[name=skills][value^='http://data.europa.eu/esco/skill/']:checked").CountAsync() > 0, "the ESCO complement from experience is not ticked");
        var box = page.Locator($"input[name=skills][value='{uri}']");
        Assert.True(await box.IsCheckedAsync());
        await box.UncheckAsync();
        await page.ClickAsync("button[value=next]");
        await page.WaitForURLAsync("**/seeker");

        var id = (await page.Context.CookiesAsync()).Single(c => c.Name == "coach_seeker").Value;
        var profile = app.Services.GetRequiredService<SeekerStore>().Get(id)!;
        Assert.Contains(uri, profile.DeclinedSkills!);
        Assert.DoesNotContain(profile.Skills!, s => s.Uri == uri);
        Assert.Contains(profile.Skills!, s => s.Evidence == SkillEvidence.PastJob);
    }

    [Fact]
    public async Task TheUnderstoodStepNamesTheJobAsFranceTravailDoesAndProposesItsSheetsSkills()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#job", "serveuse");
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=next]");

        // The ROME 4.0 titles, in the form typed, with their sheet; the first one chosen until the seeker picks another.
        var readings = page.GetByTestId("job-reading");
        await Assertions.Expect(readings.First).ToHaveTextAsync("Serveuse (ROME G1803 : Serveuse en restauration)");
        Assert.True(await readings.First.Locator("input").IsCheckedAsync());
        await Assertions.Expect(page.Locator("form.questionnaire")).ToContainTextAsync("tel que France Travail le nomme");
        await Assertions.Expect(page.Locator("form.questionnaire")).Not.ToContainTextAsync("serveur/serveuse");
        await readings.Filter(new() { HasText = "Serveuse en restauration (ROME G1803)" }).Locator("input").CheckAsync();
        await page.ClickAsync("button[value=next]");
        await page.ClickAsync("button[value=next]");

        // The sheet's competences, core first, in ROME 4.0 words; no ESCO skill when the sheet gives enough, none from experience.
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 4");
        var skills = page.GetByTestId("job-skills").Locator(".choice");
        Assert.InRange(await skills.CountAsync(), 9, 20);
        Assert.Equal(await skills.CountAsync(), await page.GetByTestId("job-skills").Locator(".choice[data-scheme=rome4]").CountAsync());
        var labels = await skills.AllInnerTextsAsync();
        Assert.Contains("Prendre une commande client", labels);
        Assert.Contains("Effectuer le service des plats à table", labels.Take(9));
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Equal(0, await page.GetByTestId("experience-complement").CountAsync());
        Assert.Equal(0, await page.Locator("input[name=skills]:checked").CountAsync());
        await skills.Filter(new() { HasText = "Prendre une commande client" }).Locator("input").CheckAsync();

        // The savoir-être professionnels apart, none ticked, those of the waiter's sheet first (offers ask them; a seeker
        // who could not say them always missed them).
        var qualities = page.GetByTestId("qualities").Locator(".choice");
        Assert.Equal(16, await qualities.CountAsync());
        Assert.Equal(0, await page.GetByTestId("qualities").Locator("input:checked").CountAsync());
        var qualityLabels = await qualities.Locator("label").AllInnerTextsAsync();
        Assert.All(qualityLabels.Take(4), l => Assert.EndsWith("demandé sur la fiche du métier", l, StringComparison.Ordinal));
        Assert.DoesNotContain(qualityLabels.Skip(4), l => l.Contains("fiche du métier", StringComparison.Ordinal));
        Assert.Contains(qualityLabels.Take(4), l => l.StartsWith("Avoir le sens du service", StringComparison.Ordinal));
        // Its definition on a tap, not only on hover (phones have none): closed at first, open under the box.
        var definition = qualities.Filter(new() { HasText = "Avoir le sens du service" }).Locator("details.definition");
        await Assertions.Expect(definition.Locator("p")).ToBeHiddenAsync();
        await definition.Locator("summary").ClickAsync();
        await Assertions.Expect(definition.Locator("p")).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await definition.Locator("p").InnerTextAsync()));
        await qualities.Filter(new() { HasText = "Avoir le sens du service" }).Locator("input").CheckAsync();
        await page.ClickAsync("button[value=next]");
        await page.WaitForURLAsync("**/seeker");

        await Assertions.Expect(page.Locator("#understood-h + p")).ToContainTextAsync("Métier visé : Serveuse en restauration (ROME G1803)");
        var id = (await page.Context.CookiesAsync()).Single(c => c.Name == "coach_seeker").Value;
        var profile = app.Services.GetRequiredService<SeekerStore>().Get(id)!;
        Assert.Equal(("Serveuse en restauration", "G1803"), (profile.TargetJobs![0].Label, profile.TargetJobs[0].RomeCode));
        var taxonomy = app.Services.GetRequiredService<Matching.Engine.Hosting.ReferenceDataProvider>().Current!.Taxonomy;
        Assert.Equal(["Avoir le sens du service", "Prendre une commande client"], profile.Skills!.Select(s => taxonomy.SkillByUri(s.Uri)!.LabelFr).Order(StringComparer.Ordinal));

        // The adviser's case names the job as the seeker's page does (was the ESCO occupation's label, "serveur/serveuse").
        var adviser = await app.NewPageAsAsync("admin", "web-admin");
        await adviser.GotoAsync($"/adviser/{id}");
        await Assertions.Expect(adviser.Locator("main")).ToContainTextAsync("Serveuse en restauration (ROME G1803)");
    }
}

/// <summary>The questionnaire as a seeker fills it, shared by the flows that need a seeker.</summary>
internal static class SeekerSteps
{
    public const string Job = "aide soignante";

    public static async Task<string> FillQuestionnaireAsync(IPage page, bool consent, bool screenshots = false, int skills = 6, string? extraSkill = null)
    {
        await page.GotoAsync("/seeker/start");
        await page.FillAsync("#job", Job);
        await page.FillAsync("#pastJob", "aide soignant");
        await page.FillAsync("#place", "Lyon");
        await page.FillAsync("#radius", "30");
        if (screenshots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-questionnaire.png"), FullPage = true });
        }
        await page.ClickAsync("button[value=next]");

        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 2");
        await page.FillAsync("#age", "34");
        await page.FillAsync("#experience", "3");
        await page.SelectOptionAsync("#diploma", "CapBep");
        await page.CheckAsync("#searching-yes");
        await page.FillAsync("#searchMonths", "4");
        await page.FillAsync("#applications", "25");
        await page.FillAsync("#interviews", "1");
        await page.ClickAsync("button[value=next]");

        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 3");
        await page.CheckAsync("#frustration-NoAnswers");
        await page.CheckAsync("#passionate-yes");
        await page.SelectOptionAsync("#network", "1");
        await page.ClickAsync("button[value=next]");

        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 4");
        var boxes = page.GetByTestId("job-skills").Locator("input[name=skills]");
        var count = Math.Min(skills, await boxes.CountAsync());
        Assert.True(count > 0, "no skill suggested for the target job");
        for (var i = 0; i < count; i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
        if (extraSkill is not null)
        {
            await page.FillAsync("#extraSkill", extraSkill);
        }
        if (consent)
        {
            await page.CheckAsync("#consent");
        }
        await page.ClickAsync("button[value=next]");
        await page.WaitForURLAsync("**/seeker");
        var cookies = await page.Context.CookiesAsync();
        return cookies.Single(c => c.Name == "coach_seeker").Value;
    }
}
