using Matching.Engine.Coaching;
using Matching.Engine.Indexing;
using Matching.Engine.Portfolio;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>An adviser in a real browser: the review queue, a case side by side, hiding an advice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdviserFlowTests(WebAppFixture app)
{
    [Fact]
    public async Task AdviserHidesAnAdviceAndTheSeekerNoLongerSeesIt()
    {
        var seeker = await app.NewPageAsync();
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(seeker, consent: false);
        var firstAdvice = seeker.Locator("details.advice").First;
        var module = await firstAdvice.GetAttributeAsync("data-module");
        Assert.False(string.IsNullOrEmpty(module));

        // An adviser sees the seekers of their caseload only.
        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser");
        await adviser.GotoAsync("/adviser");
        var row = adviser.Locator($"tr[data-seeker='{seekerId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        // The queue says who the seeker is in the adviser's terms: target job, place, main challenge, what is new.
        // The job as the questionnaire saved it: the ROME 4.0 title understood from "aide soignante".
        await Assertions.Expect(row).ToContainTextAsync("Aide-soignante");
        await Assertions.Expect(row).ToContainTextAsync("Lyon");
        await Assertions.Expect(row).ToContainTextAsync("Première demande de revue");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(adviser.Locator("#profile-h")).ToBeVisibleAsync();
        await adviser.CheckAsync("#grade-GoodEnough");
        await adviser.FillAsync("#comment", "Bon diagnostic, un conseil en trop.");
        await adviser.SelectOptionAsync($"#score-{module}", "0");
        await adviser.FillAsync($"input[name='comment.{module}']", "Pas adapté à sa situation.");
        await adviser.EvaluateAsync("() => window.scrollTo(0, 0)");
        await adviser.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "adviser-review.png"), FullPage = true });
        await adviser.ClickAsync("form.review button[type=submit]");

        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Relecture enregistrée");
        await Assertions.Expect(adviser.Locator("#changes-h")).ToBeVisibleAsync();
        // The grade and comments stay on the case.
        var history = adviser.Locator("section.history");
        await Assertions.Expect(history).ToContainTextAsync("Bon diagnostic, un conseil en trop.");
        await Assertions.Expect(history).ToContainTextAsync("Pas adapté à sa situation.");
        // The queue no longer lists a reviewed seeker.
        await adviser.GotoAsync("/adviser");
        Assert.Equal(0, await adviser.Locator($"tr[data-seeker='{seekerId}']").CountAsync());

        await seeker.ReloadAsync();
        await Assertions.Expect(seeker.GetByTestId("main-challenge")).ToBeVisibleAsync();
        Assert.Equal(0, await seeker.Locator($"details.advice[data-module='{module}']").CountAsync());
        Assert.True(await seeker.Locator("details.advice").CountAsync() > 0, "the other advice must stay");

        // "What the seeker now sees", from the adviser's side: the same.
        await adviser.GotoAsync($"/adviser/{seekerId}/view");
        await Assertions.Expect(adviser.GetByTestId("main-challenge")).ToBeVisibleAsync();
        Assert.Equal(0, await adviser.Locator($"details.advice[data-module='{module}']").CountAsync());
    }

    [Fact]
    public async Task TheSeekerReadsTheAdvisersWordsNotTheInternalNoteAndNoLongerSeesAnOfferGradedZero()
    {
        var seeker = await app.NewPageAsync();
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(seeker, consent: false);
        var module = await seeker.Locator("details.advice").First.GetAttributeAsync("data-module");
        Assert.False(string.IsNullOrEmpty(module));
        Assert.Equal(0, await seeker.GetByTestId("adviser-message").CountAsync());

        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser-words", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser-words");
        await adviser.GotoAsync($"/adviser/{seekerId}");
        await Assertions.Expect(adviser.Locator("#profile-h")).ToBeVisibleAsync();
        var offerRow = adviser.Locator("tr[data-offer]").First;
        var offerId = await offerRow.GetAttributeAsync("data-offer");
        Assert.False(string.IsNullOrEmpty(offerId));
        await Assertions.Expect(seeker.Locator($"li.offer[data-offer='{offerId}']")).ToHaveCountAsync(1);
        await adviser.CheckAsync("#grade-GoodEnough");
        await adviser.FillAsync("#comment", "Note interne : dossier solide.");
        await adviser.FillAsync("#diagnosisComment", "Note interne : diagnostic juste.");
        await adviser.FillAsync("#seekerMessage", "Bravo pour vos démarches, on en reparle jeudi.");
        await adviser.SelectOptionAsync($"#score-{module}", "3");
        await adviser.FillAsync($"input[name='note.{module}']", "Forum emploi santé à Lille Grand Palais le mois prochain.");
        await adviser.FillAsync($"input[name='comment.{module}']", "Note interne : à pousser.");
        await adviser.SelectOptionAsync($"#offer-{offerId}", "0");
        await adviser.ClickAsync("form.review button[type=submit]");
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Relecture enregistrée");
        await Assertions.Expect(adviser.Locator("section.history")).ToContainTextAsync("Bravo pour vos démarches, on en reparle jeudi.");

        await seeker.ReloadAsync();
        await Assertions.Expect(seeker.GetByTestId("adviser-message")).ToContainTextAsync("Bravo pour vos démarches, on en reparle jeudi.");
        await Assertions.Expect(seeker.Locator($"p.adviser-note[data-module='{module}']")).ToContainTextAsync("Forum emploi santé à Lille Grand Palais le mois prochain.");
        var page = await seeker.ContentAsync();
        Assert.DoesNotContain("Note interne", page, StringComparison.Ordinal);
        Assert.Equal(0, await seeker.Locator($"li.offer[data-offer='{offerId}']").CountAsync());
        Assert.True(await seeker.Locator("li.offer").CountAsync() > 0, "the other offers stay");
        await seeker.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "seeker-adviser-words.png"), FullPage = true });
    }

    [Fact]
    public async Task AdviserConfirmsASkillAndItCountsAsConfirmed()
    {
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: false);
        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser");
        await adviser.GotoAsync($"/adviser/{seekerId}");

        // The portfolio on the case page: each skill with its evidence, a button for those the adviser has not confirmed.
        var skill = adviser.GetByTestId("portfolio").Locator("tr:has(button)").First;
        var uri = await skill.GetAttributeAsync("data-skill");
        await skill.GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(adviser.GetByRole(AriaRole.Status).First).ToContainTextAsync("Compétence confirmée");
        await Assertions.Expect(adviser.Locator($"tr[data-skill='{uri}']")).ToContainTextAsync("confirmée par un conseiller");
        await Assertions.Expect(adviser.Locator($"tr[data-skill='{uri}']")).ToContainTextAsync("web-adviser");
        Assert.Contains(app.Services.GetRequiredService<SkillProofs>().Of(seekerId),
            p => p.SkillUri == uri && p.Kind == SkillEvidence.AdviserConfirmed && p.ById == "web-adviser");
    }

    [Fact]
    public async Task AReviewWithoutGradeIsRefusedInWords()
    {
        var seekerId = await SeekerSteps.FillQuestionnaireAsync(await app.NewPageAsync(), consent: false);
        app.Services.GetRequiredService<Caseloads>().Assign("web-adviser", seekerId);
        var adviser = await app.NewPageAsAsync("adviser", "web-adviser");
        await adviser.GotoAsync($"/adviser/{seekerId}");
        await adviser.ClickAsync("form.review button[type=submit]");
        await Assertions.Expect(adviser.Locator("#grade-error")).ToContainTextAsync("Choisissez une appréciation");
    }
}
