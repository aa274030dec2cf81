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
/// A match's total is exact up to <see cref="MatchOptions.DefaultTotalUpTo"/>; past it the index says "more than" and the seeker's page
/// says "at least", never a count it did not make.
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
}
