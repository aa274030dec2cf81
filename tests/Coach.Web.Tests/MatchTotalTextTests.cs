using System.Globalization;
using Bunit;
using Coach.Web.Seekers;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Seekers;

namespace Coach.Web.Tests;

/// <summary>
/// What the seeker's list of offers says: a total exact up to <see cref="MatchOptions.DefaultTotalUpTo"/>, "at least" past it (never a
/// count it did not make); and for offers found with the job's usual skills, no share or tick the seeker has not earned.
/// </summary>
public sealed class MatchTotalTextTests : BunitContext
{
    private static AssessmentView View(long total, bool lowerBound)
    {
        var parts = new ScoreParts(1, 1, 1, 1, 1, 1, 1, 1);
        var offer = new OfferSummary("o1", "Serveur / Serveuse (H/F)", "Le Bistrot", null, "G1803", "Annecy", "74010", "Permanent", "BeginnerAccepted", null, null);
        var hit = new OfferMatchView("o1", 0.9, offer, new ExplanationView([], [], [], [], 2.5, parts));
        return new AssessmentView(null, null, new RenderedDiagnosis(null, null, [], []), [], [], null, [], new MarketFacts(), [hit],
            MatchesTotal: total, MatchesTotalIsLowerBound: lowerBound);
    }

    [Theory]
    [InlineData("fr", 1000, true, "Au moins 1 000 offres correspondent ; les meilleures :")]
    [InlineData("en", 1000, true, "At least 1,000 offers fit; the best:")]
    [InlineData("fr", 999, false, "999 offres correspondent")]
    // A seeker with no skill of the job: the offers of the job among the hits read, and more matches after them.
    [InlineData("fr", 1, true, "Au moins 1 offre correspond :")]
    [InlineData("en", 1, true, "At least 1 offer fits:")]
    public void The_seeker_reads_at_least_when_the_count_stopped_at_the_cap(string culture, long total, bool lowerBound, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

        var page = Render<SeekerResults>(p => p.Add(c => c.View, View(total, lowerBound)).Add(c => c.AskInline, false));

        // French groups thousands with a narrow no-break space.
        var line = page.Find("section[aria-labelledby=offers-h] > p").TextContent.Trim().Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.Equal(lowerBound, line.Contains(culture == "fr" ? "Au moins" : "At least", StringComparison.Ordinal));
    }

    [Fact]
    public void Offers_found_with_the_jobs_usual_skills_show_what_they_ask_not_a_share_and_ticks_the_seeker_has_not_earned()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");
        var parts = new ScoreParts(0.52, 0, 0.3, 0.4, 1, 1, 1, 0.4);
        SkillMatchView Met(string label) => new(new SkillRef("u:" + label, label), new SkillRef("u:" + label, label), "Exact", "Essential", 1);
        var explanation = new ExplanationView([Met("installer des prises électriques")], [], [new SkillRef("u:schemas", "Interpréter des schémas électriques")], [], 0.1, parts);
        var offer = new OfferSummary("o1", "Electricien du bâtiment F/H", "SYNERGIE", null, "F1602", "Thonon-les-Bains", "74281", "Temporary", "BeginnerAccepted", null, null);
        var view = View(3, false) with { Matches = [new OfferMatchView("o1", 0.4, offer, explanation)] };

        var onJob = Render<SeekerResults>(p => p.Add(c => c.View, view with { MatchedOnTargetJobSkills = true }).Add(c => c.AskInline, false));
        var own = Render<SeekerResults>(p => p.Add(c => c.View, view).Add(c => c.AskInline, false));

        Assert.Empty(onJob.FindAll("[data-testid=coverage]"));
        Assert.DoesNotContain("✓", onJob.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", onJob.Markup, StringComparison.Ordinal);
        Assert.Equal(["installer des prises électriques", "Interpréter des schémas électriques"], onJob.FindAll(".skill.asked").Select(c => c.TextContent));
        // The note says why: no skill given, or skills given that meet none of the job's offers (a career changer).
        Assert.StartsWith("Vous n'avez indiqué aucune compétence du métier", onJob.Find("[data-testid=matched-on-job]").TextContent, StringComparison.Ordinal);
        var changing = Render<SeekerResults>(p => p.Add(c => c.View, view with { MatchedOnTargetJobSkills = true, Facts = new MarketFacts { SeekerSkillCount = 12 } }).Add(c => c.AskInline, false));
        Assert.StartsWith("Les compétences que vous avez indiquées ne rejoignent encore aucune offre de ce métier", changing.Find("[data-testid=matched-on-job]").TextContent, StringComparison.Ordinal);
        // A seeker matched on their own skills reads their share and ticks.
        Assert.Single(own.FindAll("[data-testid=coverage]"));
        Assert.Contains("✓ installer des prises électriques", own.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "M1213", "Habituel pour le métier « Assistant / Assistante comptable » :")]
    [InlineData("fr", null, "Habituel pour ce métier :")]
    [InlineData("en", "M1213", "Usual for the job “accounting assistant” (France Travail: “Assistant / Assistante comptable”):")]
    [InlineData("en", "M1213", "Usual for the job France Travail calls “Assistant / Assistante comptable”:", false)]
    public void Usual_skills_of_another_job_than_the_filed_one_name_that_job(string culture, string? usualCode, string heading, bool hasEnglishName = true)
    {
        // "Assistant comptable confirmé" filed under M1211 "Expert-comptable" was given M1213's usual items at ingest.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var parts = new ScoreParts(0.5, 0, 0.3, 0.4, 1, 1, 1, 0.25);
        SkillMatchView Met(string label) => new(new SkillRef("u:" + label, label), new SkillRef("u:" + label, label), "Exact", "Essential", 1);
        var explanation = new ExplanationView([Met("Saisir les écritures comptables")], [], [new SkillRef("u:rapprochement", "Effectuer un rapprochement bancaire")], [], 12, parts)
        {
            SkillSources = new Dictionary<string, SkillSource>
            {
                ["u:Saisir les écritures comptables"] = SkillSource.Occupation,
                ["u:rapprochement"] = SkillSource.Occupation,
            },
        };
        var offer = new OfferSummary("o1", "Assistant comptable confirmé (H/F)", "Cabinet Alpes", null, "M1211", "Annecy", "74010", "Permanent", "Experienced", null, null)
        {
            UsualSkillsRomeCode = usualCode,
            UsualSkillsLabel = usualCode is null ? null : "Assistant / Assistante comptable",
            UsualSkillsLabelEn = usualCode is null || !hasEnglishName ? null : "accounting assistant",
        };
        var view = View(1, false) with { Matches = [new OfferMatchView("o1", 0.4, offer, explanation)] };

        var page = Render<SeekerResults>(p => p.Add(c => c.View, view).Add(c => c.AskInline, false));

        var group = page.Find("[data-testid='match.source.occupation']");
        Assert.Equal(heading, group.QuerySelector("strong")!.TextContent.Trim());
        Assert.Contains("Effectuer un rapprochement bancaire", group.TextContent, StringComparison.Ordinal);
    }
}
