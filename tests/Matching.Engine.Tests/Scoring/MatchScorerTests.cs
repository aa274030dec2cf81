using Matching.Engine.Indexing;
using Matching.Engine.Scoring;

namespace Matching.Engine.Tests.Scoring;

public sealed class MatchScorerTests
{
    [Fact]
    public void SkillsWeighEssentialThreeTimesOptional() =>
        Assert.Equal(0.75 * 0.5 + 0.25 * 1.0, MatchScorer.Skills(0.5, 4, 1.0, 2), 12);

    [Fact]
    public void TheDemandCoveredIsWhatThePagesShowAndIsNotTheRankingTotal()
    {
        // A waitress who ticked 38 skills, an offer asking 6 essential ones: 3 met exactly, one through a related skill (0.5).
        var parts = MatchScorer.Score(350, 6, 0, 0, 3, 38, 0.5, 30, ContractType.Permanent, 0, ExperienceRequirement.BeginnerAccepted, null, 2);
        Assert.Equal(3.5 / 6, parts.Demand, 12);
        Assert.Equal(parts.Demand * (0.1 + (0.9 * 3 / 38)), parts.Skills, 12);
        Assert.True(parts.Total < 0.1 && parts.Demand > 0.5, $"total {parts.Total}, demand {parts.Demand}");
        // Both kinds: three quarters essential, a quarter optional.
        Assert.Equal((0.75 * 0.5) + (0.25 * 1.0), MatchScorer.Score(100, 2, 100, 1, 2, 4, null, 30, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0).Demand, 12);
    }

    [Fact]
    public void SkillsAreTheOnlyCoverageThereIsWhenOneKindIsMissing()
    {
        Assert.Equal(0.4, MatchScorer.Skills(0.4, 3, 0, 0));
        Assert.Equal(0.6, MatchScorer.Skills(0, 0, 0.6, 5));
        Assert.Equal(0, MatchScorer.Skills(0, 0, 0, 0));
    }

    [Fact]
    public void CoverageSumsCreditUnitsOverDemandedSkills() =>
        Assert.Equal((100 + 80 + 50) / 300.0, MatchScorer.Coverage(230, 3), 12);

    [Fact]
    public void DistanceDecaysLinearlyInsideTheRadiusAndExcludesBeyond()
    {
        Assert.Equal(1, MatchScorer.Distance(0, 30));
        Assert.Equal(0.85, MatchScorer.Distance(15, 30), 12);
        Assert.Equal(0.7, MatchScorer.Distance(30, 30), 12);
        Assert.True(double.IsNaN(MatchScorer.Distance(30.5, 30)));
        Assert.Equal(1, MatchScorer.Distance(null, 30));
    }

    [Fact]
    public void ContractOutsideTheWishesHalvesTheScore()
    {
        var wishes = MatchScorer.ContractMask([ContractType.Permanent, ContractType.FixedTerm]);
        Assert.Equal(1, MatchScorer.Contract(ContractType.Permanent, wishes));
        Assert.Equal(0.5, MatchScorer.Contract(ContractType.Temporary, wishes));
        Assert.Equal(1, MatchScorer.Contract(ContractType.Unspecified, wishes));
        Assert.Equal(1, MatchScorer.Contract(ContractType.Temporary, 0));
    }

    [Fact]
    public void ExperienceShortOfTheRequirementLowersTheFit()
    {
        Assert.Equal(0.8, MatchScorer.Experience(ExperienceRequirement.Required, null, 0.5));
        Assert.Equal(1, MatchScorer.Experience(ExperienceRequirement.Required, null, 1));
        Assert.Equal(0.9, MatchScorer.Experience(ExperienceRequirement.Desired, null, 0));
        Assert.Equal(1, MatchScorer.Experience(ExperienceRequirement.BeginnerAccepted, null, 0));
        Assert.Equal(0.8 + 0.2 * 2 / 4.0, MatchScorer.Experience(ExperienceRequirement.BeginnerAccepted, 4, 2), 12);
        Assert.Equal(0.8, MatchScorer.Experience(ExperienceRequirement.Required, 4, 0.5));
        Assert.Equal(1, MatchScorer.Experience(ExperienceRequirement.Required, 4, 6));
    }

    [Fact]
    public void TotalIsTheProductOfThePartsAndEqualsTheHotPathTotal()
    {
        var wishes = MatchScorer.ContractMask([ContractType.Permanent]);
        var parts = MatchScorer.Score(180, 2, 50, 1, 2, 4, 10, 40, ContractType.FixedTerm, wishes, ExperienceRequirement.Required, null, 0.5);

        Assert.Equal(0.9, parts.EssentialCoverage, 12);
        Assert.Equal(0.5, parts.OptionalCoverage, 12);
        Assert.Equal(parts.Skills * parts.Distance * parts.Contract * parts.Experience, parts.Total);
        Assert.Equal(parts.Total, MatchScorer.Total(180, 2, 50, 1, 2, 4, 10, 40, ContractType.FixedTerm, wishes, ExperienceRequirement.Required, null, 0.5));
        Assert.True(parts.Total < parts.Skills);
    }

    [Fact]
    public void SupplyUseIsTheShareOfTheSuppliersSkillsUsedExactly()
    {
        Assert.Equal(0.25, MatchScorer.SupplyUse(1, 4));
        Assert.Equal(0, MatchScorer.SupplyUse(0, 0));
        Assert.Equal(0.8 * (MatchScorer.SupplyUseFloor + (1 - MatchScorer.SupplyUseFloor) * 0.25), MatchScorer.Skills(0.8, 0.25), 12);
    }

    [Fact]
    public void OfferUsingMoreOfTheSeekerBeatsASmallOfferCoveredEntirely()
    {
        // Seeker with 10 skills: a 3-skill offer covered entirely vs a 12-skill offer of which the seeker has 8.
        var small = MatchScorer.Total(300, 3, 0, 0, 3, 10, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0);
        var own = MatchScorer.Total(800, 12, 0, 0, 8, 10, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0);
        Assert.True(own > small, $"own job {own} should beat small offer {small}");
    }

    [Fact]
    public void RelatedOnlyMatchKeepsAScoreBelowAnExactOne()
    {
        var related = MatchScorer.Total(50, 1, 0, 0, 0, 1, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0);
        var exact = MatchScorer.Total(100, 1, 0, 0, 1, 1, null, 0, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0);
        Assert.InRange(related, double.Epsilon, exact);
        Assert.True(related < exact);
    }

    [Fact]
    public void PairBeyondTheRadiusScoresZero() =>
        Assert.Equal(0, MatchScorer.Score(100, 1, 0, 0, 1, 1, 31, 30, ContractType.Unspecified, 0, ExperienceRequirement.BeginnerAccepted, null, 0).Total);

    [Fact]
    public void DistanceIsSymmetricAndAboutRightBetweenParisAndLyon()
    {
        var there = MatchScorer.DistanceKm(48.8566, 2.3522, 45.7640, 4.8357);
        Assert.InRange(there, 385, 400);
        Assert.Equal(there, MatchScorer.DistanceKm(45.7640, 4.8357, 48.8566, 2.3522), 9);
    }

    [Fact]
    public void WorkedExampleOfTheScoringDocGivesItsTotal()
    {
        var parts = MatchScorer.Score(100 + 80, 2, 0, 1, 1, 2, 20, 40, ContractType.FixedTerm, MatchScorer.ContractMask([ContractType.Permanent]),
            ExperienceRequirement.Required, null, 0.5);

        Assert.Equal(0.5, parts.SupplyUse, 12);
        Assert.Equal(0.37125, parts.Skills, 12);
        Assert.Equal(0.85, parts.Distance, 12);
        Assert.Equal(0.5, parts.Contract, 12);
        Assert.Equal(0.126225, parts.Total, 12);
    }
}
