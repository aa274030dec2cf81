using System.Globalization;
using Bunit;
using Coach.Web.Seekers;
using Matching.Engine.Indexing;
using Matching.Engine.Seekers;

namespace Coach.Web.Tests;

/// <summary>An offer whose job Coach guessed from its text says so, and says "uncertain" when the guess is unsure.</summary>
public sealed class OfferOccupationNoteTests : BunitContext
{
    private static OfferSummary Summary(OccupationEvidence? evidence, double? confidence) =>
        new("o1", "Opérateur (H/F)", "ACME", null, "H2102", "Lyon", "69123", "Permanent", "BeginnerAccepted", null, null)
        {
            OccupationEvidence = evidence,
            OccupationConfidence = confidence,
            OccupationUncertain = OfferDocument.IsOccupationUncertain(evidence, confidence),
            OccupationLabel = evidence == OccupationEvidence.TitleAndDescription ? "Conducteur / Conductrice de ligne en industrie alimentaire" : null,
        };

    [Theory]
    [InlineData("fr", "Métier déduit de l'annonce : Conducteur / Conductrice de ligne en industrie alimentaire", "métier incertain")]
    [InlineData("en", "Job inferred from the offer: Conducteur / Conductrice de ligne en industrie alimentaire", "uncertain job")]
    public void A_guessed_job_is_said_to_be_guessed_and_uncertain_when_unsure(string culture, string guessed, string uncertain)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

        var unsure = Render<OfferOccupationNote>(p => p.Add(c => c.Offer, Summary(OccupationEvidence.TitleAndDescription, 0.41)));
        var sure = Render<OfferOccupationNote>(p => p.Add(c => c.Offer, Summary(OccupationEvidence.TitleAndDescription, 0.93)));

        var note = unsure.Find("[data-testid=occupation-guessed]");
        Assert.Contains(guessed, note.TextContent, StringComparison.Ordinal);
        Assert.Equal(uncertain, note.QuerySelector(".uncertain")!.TextContent.Trim());
        Assert.Contains(guessed, sure.Find("[data-testid=occupation-guessed]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(uncertain, sure.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OccupationEvidence.RomeCode)]
    [InlineData(OccupationEvidence.Appellation)]
    [InlineData(null)]
    public void An_offer_that_gives_its_job_shows_no_note(OccupationEvidence? evidence)
    {
        var note = Render<OfferOccupationNote>(p => p.Add(c => c.Offer, Summary(evidence, null)));

        Assert.Empty(note.FindAll("[data-testid=occupation-guessed]"));
    }
}
