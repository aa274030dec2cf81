using System.Globalization;
using Matching.Engine.Alerts;
using Matching.Engine.Coaching;
using Matching.Engine.Hosting;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>
/// The seeker's journey over weeks in a real browser (issue 15): told of new offers and candidates without
/// searching again, a job found from interests, skills with evidence shown to the right people, the diagnosis
/// reading the logged progress.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyFlowTests(WebAppFixture app)
{
    [Fact]
    public async Task ASeekerSavesTheirSearchAndIsToldOfANewOfferOnTheirPageInTheFeedAndByEmail()
    {
        var seeker = await app.NewPageAsync();
        await SeekerSteps.FillQuestionnaireAsync(seeker, consent: false);
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Me prévenir des nouvelles offres" }).ClickAsync();
        await seeker.WaitForURLAsync("**/seeker/alerts");
        await Assertions.Expect(seeker.GetByTestId("new-count")).ToContainTextAsync("0 nouveauté");
        // The digest goes to the address the seeker gives.
        await seeker.FillAsync("input[name=email]", "awa.diallo@example.org");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'adresse" }).ClickAsync();
        await seeker.WaitForURLAsync("**/seeker/alerts");

        // A recruiter posts an offer of the seeker's job, nearby: the write finds the match.
        const string title = "aide soignant de nuit Croix-Rousse";
        await PostOfferAsync(title);

        await seeker.GotoAsync("/seeker");
        var fresh = seeker.GetByTestId("seeker-new-offers");
        await Assertions.Expect(fresh).ToContainTextAsync("1 nouveauté");
        await Assertions.Expect(fresh).ToContainTextAsync(title);
        // Seen once: not new on the next visit.
        await seeker.ReloadAsync();
        await Assertions.Expect(seeker.GetByTestId("seeker-new-offers")).ToContainTextAsync("0 nouveauté");

        // The feed, at a secret URL, until it is revoked.
        await seeker.GotoAsync("/seeker/alerts");
        await Assertions.Expect(seeker.GetByTestId("alert-item").First).ToContainTextAsync(title);
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Créer mes flux" }).ClickAsync();
        var feedUrl = await seeker.GetByTestId("feed-url").GetAttributeAsync("href");
        var feed = await seeker.APIRequest.GetAsync(feedUrl!);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains(title, await feed.TextAsync(), StringComparison.Ordinal);
        await seeker.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-alerts.png"), FullPage = true });
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Désactiver mes flux" }).ClickAsync();
        Assert.Equal(404, (await seeker.APIRequest.GetAsync(feedUrl!)).Status);

        // The email digest, through the SMTP server the test started.
        Assert.True(await app.Services.GetRequiredService<AlertDigests>().SendDueAsync() >= 1);
        var mail = Assert.Single(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "awa.diallo@example.org"));
        Assert.Contains(title, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(" : 1 nouvelle offre", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("Coach : 1 nouveauté pour vos recherches", mail.Subject);
        // Sent once: nothing new, nothing sent.
        Assert.Equal(0, await app.Services.GetRequiredService<AlertDigests>().SendDueAsync());
    }

    [Fact]
    public async Task ARecruiterSavesACandidateSearchAndSeesANewConsentingCandidateUnderAPseudonymOnly()
    {
        const string recruiterId = "web-recruiter-alerts";
        var recruiter = await app.NewPageAsAsync("recruiter", recruiterId);
        await recruiter.GotoAsync("/recruiter");
        await recruiter.FillAsync("#add", "langue des signes");
        await recruiter.FillAsync("#place", "Lyon");
        await recruiter.CheckAsync("#exact");
        await recruiter.ClickAsync("button[type=submit].primary");
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Enregistrer cette recherche" }).ClickAsync();
        await recruiter.WaitForURLAsync("**/recruiter/alerts");
        await Assertions.Expect(recruiter.GetByTestId("new-count")).ToContainTextAsync("0 nouveauté");

        // Two seekers with the skill arrive; one consents to recruiters' searches.
        var consenting = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: true, skills: 2, extraSkill: "langue des signes");
        var refusing = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: false, skills: 2, extraSkill: "langue des signes");

        await recruiter.ReloadAsync();
        var pseudonyms = app.Services.GetRequiredService<Pseudonyms>();
        await Assertions.Expect(recruiter.GetByTestId("new-count")).ToContainTextAsync("1 nouveauté");
        var shown = await recruiter.GetByTestId("alert-item").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.item)");
        Assert.Contains(pseudonyms.For(recruiterId, consenting), shown);
        Assert.DoesNotContain(pseudonyms.For(recruiterId, refusing), shown);
        var content = await recruiter.ContentAsync();
        Assert.DoesNotContain(consenting, content, StringComparison.Ordinal);
        Assert.DoesNotContain(refusing, content, StringComparison.Ordinal);
        await recruiter.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "recruiter-alerts.png"), FullPage = true });
    }

    [Fact]
    public async Task APersonWithoutAClearProjectFindsAJobFromTheirInterestsAndPicksIt()
    {
        var page = await app.NewPageAsync();
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(page, consent: false);
        var question = page.Locator("form.question[data-field=projectClear]");
        await question.GetByLabel("Non").CheckAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForURLAsync("**/seeker");

        // The diagnosis says the project is unclear, and leads to exploring.
        await page.GetByTestId("explore-link").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/seeker/explore");
        await page.GetByLabel("J'ai le sens du contact").CheckAsync();
        await page.CheckAsync("#r-S");
        await page.CheckAsync("#nonight");
        await page.CheckAsync("#nolicence");
        await page.SelectOptionAsync("#diploma", "CapBep");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir des métiers" }).ClickAsync();

        var jobs = page.GetByTestId("explored-job");
        await Assertions.Expect(jobs.First).ToBeVisibleAsync();
        var codes = await jobs.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)");
        var rome4 = app.Services.GetRequiredService<ReferenceDataProvider>().Require().Taxonomy.Rome4;
        foreach (var code in codes)
        {
            var sheet = rome4.Sheet(code)!;
            // Every job proposed matches a pick and none breaks a constraint (night work in ROME's work contexts).
            Assert.DoesNotContain(300803, sheet.WorkContexts);
        }
        var first = jobs.First;
        await Assertions.Expect(first).ToContainTextAsync("Premier pas");
        await Assertions.Expect(first).ToContainTextAsync("Parce que");
        await page.EvaluateAsync("() => document.querySelector('#jobs-h').scrollIntoView({ block: 'start' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-explore.png"), FullPage = false });

        await first.GetByRole(AriaRole.Button, new() { Name = "Choisir le métier" }).ClickAsync();
        await page.WaitForURLAsync("**/seeker?chosen=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("votre cible");
        var target = app.Services.GetRequiredService<SeekerStore>().Get(seekerId)!.TargetJobs![0];
        Assert.Equal(rome4.Sheet(codes[0])!.ParentCode, target.RomeCode);
        // The project is clear now: the diagnosis no longer sends the seeker exploring.
        Assert.Equal(0, await page.GetByTestId("explore-link").CountAsync());
    }

    [Fact]
    public async Task SomeoneWithNoJobInMindExploresBeforeAnyQuestionnaireAndStartsItWithTheJobChosen()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/seeker/start");
        await page.GetByTestId("explore-from-start").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/seeker/explore");
        await page.GetByLabel("Je souhaite prendre soin des autres").CheckAsync();
        await page.SelectOptionAsync("#diploma", "CapBep");
        await page.FillAsync("#place", "Villeurbanne");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir des métiers" }).ClickAsync();

        var first = page.GetByTestId("explored-job").First;
        // No profile yet: the card counts the job's key skills, not "you already have 0 of them"; the market is Villeurbanne's.
        await Assertions.Expect(first).ToContainTextAsync("compétences clés dans ce métier");
        await Assertions.Expect(first).Not.ToContainTextAsync("Vous avez déjà");
        var label = (await first.Locator("h3").InnerTextAsync()).Split(" (ROME")[0].Trim();
        await first.GetByRole(AriaRole.Button, new() { Name = "Choisir le métier" }).ClickAsync();

        await page.WaitForURLAsync("**/seeker/start?job=*");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Vous avez choisi « {label} »");
        Assert.Equal(label, await page.InputValueAsync("#job"));
        Assert.Equal("(69266)", await page.InputValueAsync("#place"));
        await page.ClickAsync("button[value=next]");
        await Assertions.Expect(page.Locator("#step-label")).ToContainTextAsync("Étape 2");
        Assert.Equal("CapBep", await page.InputValueAsync("#diploma"));
    }

    [Fact]
    public async Task SkillsShowTheirEvidenceToTheSeekerTheAdviserAndTheRecruiter()
    {
        var seeker = await app.NewPageAsync();
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(seeker, consent: true, skills: 2, extraSkill: "langue des signes");
        await seeker.GotoAsync("/seeker/skills");
        await Assertions.Expect(seeker.GetByTestId("portfolio")).ToBeVisibleAsync();

        // Evidence from a training, naming which (for the first skill of the list).
        var trained = await seeker.Locator("#skill option").First.GetAttributeAsync("value");
        await seeker.CheckAsync("#kind-training");
        await seeker.FillAsync("#detail", "Formation LSF niveau A2, 2021");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Ajouter la preuve" }).ClickAsync();
        await Assertions.Expect(seeker.GetByRole(AriaRole.Status).First).ToContainTextAsync("Preuve ajoutée");
        await Assertions.Expect(seeker.GetByTestId("portfolio")).ToContainTextAsync("formation : Formation LSF niveau A2, 2021");

        // A former colleague, invited through a link, confirms one skill and declines another, with no account.
        await seeker.FillAsync("#fromName", "Awa Diallo");
        await seeker.FillAsync("#colleagueName", "Julie Martin");
        await seeker.FillAsync("#context", "EHPAD Les Tilleuls, 2019-2022");
        await seeker.CheckAsync("#invite-skill-0");
        await seeker.CheckAsync("#invite-skill-1");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Créer le lien" }).ClickAsync();
        var link = await seeker.GetByTestId("invite-link").GetAttributeAsync("href");

        var colleague = await app.NewPageAsync();
        await colleague.GotoAsync(link!);
        await Assertions.Expect(colleague.Locator("main")).ToContainTextAsync("Bonjour Julie Martin, Awa Diallo vous demande");
        // The second skill asked (the first is the trained one).
        await colleague.CheckAsync("#confirm-1");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma réponse" }).ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("endorse-done")).ToContainTextAsync("confirmées : 1 ; non confirmées : 1");
        var again = await colleague.GotoAsync(link!);
        Assert.Equal(404, again!.Status);

        // The adviser of the seeker confirms a skill.
        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser-skills", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser-skills");
        await adviser.GotoAsync($"/adviser/{seekerId}");
        await adviser.Locator($"tr[data-skill='{trained}']").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status).First).ToContainTextAsync("Compétence confirmée");
        await Assertions.Expect(adviser.GetByTestId("portfolio")).ToContainTextAsync("confirmée par le conseiller web-adviser-skills");
        await adviser.Locator("#portfolio-h").ScrollIntoViewIfNeededAsync();
        await adviser.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "adviser-portfolio.png"), FullPage = false });

        // The seeker sees who and when; the recruiter sees the kind of evidence only.
        await seeker.GotoAsync("/seeker/skills");
        await Assertions.Expect(seeker.GetByTestId("portfolio")).ToContainTextAsync("recommandée par Julie Martin");
        await Assertions.Expect(seeker.GetByTestId("portfolio")).ToContainTextAsync("confirmée par le conseiller web-adviser-skills");
        await seeker.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-skills.png"), FullPage = false });

        var recruiter = await app.NewPageAsAsync("recruiter", "web-recruiter-evidence");
        await recruiter.GotoAsync("/recruiter?must=langue+des+signes&place=Lyon&radius=30&exact=on");
        var pseudonym = app.Services.GetRequiredService<Pseudonyms>().For("web-recruiter-evidence", seekerId);
        var card = recruiter.Locator($"[data-candidate='{pseudonym}']");
        await Assertions.Expect(card.GetByTestId("candidate-evidence")).ToContainTextAsync("confirmée par un conseiller");
        await Assertions.Expect(card.GetByTestId("candidate-evidence")).ToContainTextAsync("recommandée par un ancien collègue");
        var cardText = await card.InnerTextAsync();
        Assert.DoesNotContain("Julie Martin", cardText, StringComparison.Ordinal);
        Assert.DoesNotContain("web-adviser-skills", cardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDiagnosisReadsTheLoggedProgressAndTheAdviserSeesTheCurveAndWhatChangedSinceTheReview()
    {
        var seeker = await app.NewPageAsync();
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(seeker, consent: false);
        // The questionnaire said 25 applications and 1 interview in 4 months.
        await Assertions.Expect(seeker.Locator(".categories")).ToContainTextAsync("1 entretien en 4 mois de recherche");

        await seeker.GotoAsync("/seeker/progress");
        var lastWeek = DateTime.UtcNow.Date.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await seeker.FillAsync("#date", lastWeek);
        await seeker.FillAsync("#applications", "10");
        await seeker.FillAsync("#interviews", "3");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Assertions.Expect(seeker.GetByRole(AriaRole.Status).First).ToContainTextAsync("C'est noté");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "+1 entretien" }).ClickAsync();

        var figures = seeker.GetByTestId("progress-figures");
        await Assertions.Expect(figures).ToContainTextAsync("35 candidatures (25 avant le suivi + 10 dans le suivi)");
        await Assertions.Expect(figures).ToContainTextAsync("5 entretiens (1 avant le suivi + 4 dans le suivi)");
        await Assertions.Expect(seeker.GetByTestId("progress-curve")).ToBeVisibleAsync();
        await seeker.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-progress.png"), FullPage = true });

        // The diagnosis now reads the logged figures instead of the questionnaire's.
        await seeker.GotoAsync("/seeker");
        await Assertions.Expect(seeker.Locator(".categories")).ToContainTextAsync("5 entretiens en 4 mois de recherche");

        // The adviser sees the curve, reviews; what the seeker logs afterwards is what changed since.
        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser-progress", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser-progress");
        await adviser.GotoAsync($"/adviser/{seekerId}");
        var curve = adviser.GetByTestId("progress-curve");
        await Assertions.Expect(curve).ToBeVisibleAsync();
        Assert.Equal(3, await curve.Locator("polyline").CountAsync());
        await adviser.CheckAsync("#grade-GoodEnough");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la relecture" }).ClickAsync();
        await adviser.WaitForURLAsync("**saved=1");

        await seeker.GotoAsync("/seeker/progress");
        await seeker.GetByRole(AriaRole.Button, new() { Name = "+1 candidature" }).ClickAsync();
        await Assertions.Expect(seeker.GetByRole(AriaRole.Status).First).ToContainTextAsync("C'est noté");

        await adviser.GotoAsync($"/adviser/{seekerId}");
        await Assertions.Expect(adviser.GetByTestId("since-review")).ToContainTextAsync("1 candidature, 0 entretien, 0 offre reçue");
        await adviser.Locator("#progress-h").ScrollIntoViewIfNeededAsync();
        await adviser.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "adviser-progress.png"), FullPage = false });
    }

    private async Task PostOfferAsync(string title)
    {
        var page = await app.NewPageAsAsync("recruiter", "web-recruiter-offer-alerts");
        await page.GotoAsync("/recruiter/offer");
        await page.FillAsync("#title", title);
        await page.FillAsync("#place", "Lyon");
        await page.ClickAsync("button[value=understand]");
        await Assertions.Expect(page.Locator("input[name=occupation]:checked + label")).ToContainTextAsync("soignant");
        await page.ClickAsync("button[value=post]");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(title);
    }
}
