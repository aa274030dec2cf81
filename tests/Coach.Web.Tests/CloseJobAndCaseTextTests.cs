using System.Globalization;
using Bunit;
using Coach.Web.Advisers;
using Coach.Web.Seekers;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Seekers;

namespace Coach.Web.Tests;

/// <summary>
/// Sentences an employment adviser read on a running Coach (3 Dec 2026): a close job's proximity next to the skills to add,
/// and the adviser's case page speaking of the seeker, not to them.
/// </summary>
public sealed class CloseJobAndCaseTextTests : BunitContext
{
    private static AssessmentView View(params CloseJob[] closeJobs) =>
        new(null, null, new RenderedDiagnosis(null, null, [], []), [], [], null, closeJobs, new MarketFacts(), []);

    private static string[] Skills(int n, string prefix = "compétence") => [.. Enumerable.Range(1, n).Select(i => $"{prefix} {i}")];

    private string Why(string culture, CloseJob job)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var page = Render<SeekerResults>(p => p.Add(c => c.View, View(job)).Add(c => c.AskInline, false));
        return page.Find("ul.close-jobs li .why").TextContent.Trim();
    }

    [Fact]
    public void A_close_job_reached_through_the_target_says_how_much_of_it_the_seeker_holds()
    {
        // A seeker without skills (or changing jobs): the 17 core skills are the target's, all 17 are to add.
        // Before: "17 de ses 17 compétences clés déjà dans votre métier visé ou vos compétences" next to "À ajouter : ..." (17).
        var none = new CloseJob("Electricien / Electricienne de maintenance", "I1309", 10.2, Skills(17)) { SharedSkills = Skills(17), CoreSkills = 17 };
        Assert.Equal("17 de ses 17 compétences clés en commun avec votre métier visé ou vos compétences ; vous n'en avez encore aucune", Why("fr", none));
        Assert.Equal("17 of its 17 key skills shared with your target job or your skills; you have none of them yet", Why("en", none));

        // Some held: the seeker's own count is said apart.
        var some = none with { SharedSkills = Skills(11), CoreSkills = 15, SkillsToAdd = Skills(11) };
        Assert.Equal("11 de ses 15 compétences clés en commun avec votre métier visé ou vos compétences ; vous en avez déjà 4", Why("fr", some));
    }

    [Fact]
    public void A_close_job_whose_shared_skills_are_all_the_seekers_says_they_hold_them()
    {
        var held = new CloseJob("Assistant / Assistante comptable", "M1213", 43.6, Skills(4)) { SharedSkills = Skills(14), CoreSkills = 18 };
        Assert.Equal("Vous avez déjà 14 de ses 18 compétences clés", Why("fr", held));
        Assert.Equal("You already have 14 of its 18 key skills", Why("en", held));
        Assert.Equal("Passerelle indiquée par France Travail sur la fiche du métier", Why("fr", held with { OfficialMobility = true }));
    }

    [Theory]
    [InlineData("fr", 0.7, null, "— 0,7 offre pour 10 demandeurs")]
    [InlineData("fr", 1.96, "France", "— 2 offres pour 10 demandeurs (France, pas de chiffre fiable pour votre bassin)")]
    [InlineData("fr", 12.4, null, "— 12,4 offres pour 10 demandeurs")]
    [InlineData("en", 0.7, null, "— 0.7 offers per 10 job seekers")]
    [InlineData("en", 1, "France", "— 1 offer per 10 job seekers (France: no reliable figure for your area)")]
    public void A_close_jobs_market_takes_the_plural_of_its_figure(string culture, double perTen, string? scope, string expected)
    {
        // "Responsable d'édition en presse — 0,7 offres pour 10 demandeurs": French is singular below 2.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var job = new CloseJob("Responsable d'édition en presse", "E1116", perTen, []) { OfficialMobility = true, OffersPerTenScope = scope };
        var page = Render<SeekerResults>(p => p.Add(c => c.View, View(job)).Add(c => c.AskInline, false));
        Assert.Equal(expected, page.Find("[data-testid=close-market]").TextContent.Trim());
    }

    [Theory]
    [InlineData("fr", "Priorité du demandeur :")]
    [InlineData("en", "The seeker's priority:")]
    public void The_advisers_case_page_names_the_seekers_priority_not_yours(string culture, string label)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var diagnosis = new RenderedDiagnosis("skills-gap", "Acquérir les compétences demandées",
            [new RenderedCategory("skills-gap", "Acquérir les compétences demandées", "main-challenge", "Priorité", ["Il vous manque 98 % des compétences essentielles du métier."])], []);

        var page = Render<CaseDiagnosis>(p => p.Add(c => c.Diagnosis, diagnosis));

        Assert.Equal(label, page.Find("[data-testid=case-main-challenge] .label").TextContent.Trim());
        Assert.DoesNotContain("Votre priorité", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Your priority", page.Markup, StringComparison.Ordinal);
        // The reasons are what the seeker reads, in the seeker's voice: the adviser reviews them as they are.
        Assert.Contains("Il vous manque 98 %", page.Markup, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("fr", "Bilan :", "Bilan :")]
    [InlineData("en", "Where the seeker stands:", "Where you stand:")]
    public void With_nothing_holding_the_seeker_back_the_frame_says_where_they_stand_not_a_priority(string culture, string adviser, string seeker)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var bravo = new RenderedDiagnosis("bravo", "Vous êtes sur la bonne voie",
            [new RenderedCategory("bravo", "Vous êtes sur la bonne voie", "main-challenge", "Bravo", ["Rien ne semble vous freiner."])], []);

        var casePage = Render<CaseDiagnosis>(p => p.Add(c => c.Diagnosis, bravo));
        var seekerPage = Render<SeekerResults>(p => p.Add(c => c.View, View() with { Diagnosis = bravo }).Add(c => c.AskInline, false));

        Assert.Equal(adviser, casePage.Find("[data-testid=case-main-challenge] .label").TextContent.Trim());
        Assert.Equal(seeker, seekerPage.Find("[data-testid=main-challenge] .label").TextContent.Trim());
    }
}
