using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Scoring;

/// <summary>How an offer's job stands to a seeker's target jobs (docs/scoring.md, "The job asked"), on real ROME 4.0 codes.</summary>
public sealed class OccupationFitTests
{
    private static readonly OccupationRelations s_relations = OccupationRelations.For(Esco);

    private static OccupationFit Fit(string? rome, string? occupation = null, string[]? targetRomes = null, string[]? targetOccupations = null) =>
        s_relations.Fit(rome, occupation, targetRomes ?? [], targetOccupations ?? []);

    [Fact]
    public void TheSameRomeCodeIsTheTargetWhateverItsCaseAndSpaces()
    {
        Assert.Equal(OccupationFit.Target, Fit("N4115", targetRomes: ["N4115"]));
        Assert.Equal(OccupationFit.Target, Fit(" n4115 ", targetRomes: ["N4101", "N4115"]));
    }

    [Fact]
    public void SheetsOfOneRomeV3FamilyAndOfficialMobilitiesAreCloseJobsAndTheRestOtherJobs()
    {
        // N4115 (véhicules super lourds) is a ROME 4.0 sheet of the v3 family N4101 (poids lourd).
        Assert.Equal(OccupationFit.Close, Fit("N4115", targetRomes: ["N4101"]));
        Assert.Equal(OccupationFit.Close, Fit("N4101", targetRomes: ["N4115"]));
        var (target, sibling, mobility, other) = RomeCodesForFit();
        Assert.Equal(OccupationFit.Close, Fit(sibling, targetRomes: [target]));
        Assert.Equal(OccupationFit.Close, Fit(mobility, targetRomes: [target]));
        // An official mobility counts either way.
        Assert.Equal(OccupationFit.Close, Fit(target, targetRomes: [mobility]));
        Assert.Equal(OccupationFit.Other, Fit(other, targetRomes: [target]));
        Assert.Equal(OccupationFit.Other, Fit("Z9999", targetRomes: [target]));
    }

    [Fact]
    public void TheRomeCodesDecideWhenBothSidesStateThemAndTheEscoOccupationOtherwise()
    {
        var (target, _, _, other) = RomeCodesForFit();
        var occupation = Esco.Occupations[10].Uri;
        Assert.Equal(OccupationFit.Target, Fit(null, occupation, targetOccupations: [occupation]));
        Assert.Equal(OccupationFit.Target, Fit(other, occupation, targetOccupations: [occupation]));
        Assert.Equal(OccupationFit.Other, Fit(null, occupation, targetRomes: [target], targetOccupations: [Esco.Occupations[11].Uri]));
        // The same ESCO occupation under two unrelated ROME codes: a close job, not the target.
        Assert.Equal(OccupationFit.Close, Fit(other, occupation, [target], [occupation]));
    }

    [Fact]
    public void NothingIsKnownWhenEitherSideStatesNoJob()
    {
        Assert.Equal(OccupationFit.Unknown, Fit("N4115"));
        Assert.Equal(OccupationFit.Unknown, Fit("N4115", targetRomes: [" "]));
        Assert.Equal(OccupationFit.Unknown, Fit(null, targetRomes: ["N4115"]));
        Assert.Equal(OccupationFit.Unknown, s_relations.Fit(new OfferDocument { Id = "o", Title = "t", RomeCode = "N4115" }, new ProfileDocument { Id = "p" }));
    }

    [Fact]
    public void TheFactorIsOneForTheTargetOrUnknownLessForACloseJobLeastForAnother()
    {
        Assert.Equal(1, MatchScorer.Occupation(OccupationFit.Target));
        Assert.Equal(1, MatchScorer.Occupation(OccupationFit.Unknown));
        Assert.Equal(0.5, MatchScorer.Occupation(OccupationFit.Close));
        Assert.Equal(0.25, MatchScorer.Occupation(OccupationFit.Other));
        // Below the contract penalty: a target-job offer outside the wished contract still ranks above another job's.
        Assert.True(MatchScorer.OccupationOther < MatchScorer.ContractMismatch);

        var parts = MatchScorer.Score(100, 1, 0, 0, 1, 1, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0,
            occupation: MatchScorer.OccupationClose);
        Assert.Equal(MatchScorer.OccupationClose, parts.Occupation);
        Assert.Equal(0.5, parts.Total);
        Assert.Equal(parts.Total, MatchScorer.Total(100, 1, 0, 0, 1, 1, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0,
            occupation: MatchScorer.OccupationClose));
    }
}
