using Matching.Engine.Careers;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Careers.CareersTestData;

namespace Matching.Engine.Tests.Careers;

public sealed class CloseJobsTests
{
    [Fact]
    public void CareAssistantSkillsLeadToCareJobsNotWelding()
    {
        var target = CareAssistant;

        var jobs = Finder.Find(Uris(target.EssentialSkills), [target.Uri], 10);

        Assert.Equal(10, jobs.Count);
        Assert.DoesNotContain(jobs, j => j.Occupation.Id == target.Id);
        // ISCO 53 personal care workers, 32 health associate professionals, 22 health professionals, 34 social work associates.
        Assert.True(jobs.Count(j => j.Occupation.IscoGroup[..2] is "53" or "32" or "22" or "34") >= 6,
            string.Join(", ", jobs.Select(j => $"{j.Occupation.LabelEn} ({j.Occupation.IscoGroup})")));
        Assert.DoesNotContain(jobs, j => j.Occupation.LabelEn.Contains("weld", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(jobs, j => j.Occupation.IscoGroup[0] is '7' or '8');
    }

    [Fact]
    public void ResultsAreRankedAndCarryTheSkillsToAdd()
    {
        var target = CareAssistant;
        var owned = target.EssentialSkills.ToHashSet();

        var jobs = Finder.Find(Uris(owned), [target.Uri], 20, offersWithinRadius: uri => uri.Length % 7);

        Assert.True(jobs.Zip(jobs.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(jobs, j =>
        {
            Assert.InRange(j.Score, 0, 1);
            Assert.InRange(j.EssentialCoverage, 0, 1);
            Assert.All(j.SkillsToAdd, s => Assert.Contains(Esco.SkillByUri(s.Uri)!.Id, j.Occupation.EssentialSkills));
            Assert.All(j.SkillsToAdd, s => Assert.DoesNotContain(Esco.SkillByUri(s.Uri)!.Id, owned));
            Assert.All(j.SkillsToAdd, s => Assert.Equal(s.Uri.Length % 7, s.OffersWithinRadius));
            Assert.Equal(j.Occupation.RomeCodes, j.RomeCodes);
        });
    }

    [Fact]
    public void SeekerWithEverySkillOfAnOccupationFindsItFirst()
    {
        var welder = Occupation("soudeur/soudeuse");

        var jobs = Finder.Find(Uris(welder.EssentialSkills.Concat(welder.OptionalSkills)), [], 5);

        Assert.Equal(1.0, jobs[0].Score, 9);
        Assert.Contains(jobs, j => j.Occupation.Id == welder.Id && j.Score > 0.999 && j.SkillsToAdd.Count == 0);
    }

    [Fact]
    public void LocalMarketComesFromTheDelegateForReturnedJobsOnly()
    {
        var asked = new List<Occupation>();

        var jobs = Finder.Find(Uris(CareAssistant.EssentialSkills), [CareAssistant.Uri], 3, o =>
        {
            asked.Add(o);
            return new LocalMarket(o.Id, 4.2, 3);
        });

        Assert.Equal(jobs.Select(j => j.Occupation), asked.OrderBy(o => jobs.Select(j => j.Occupation).ToList().IndexOf(o)));
        Assert.Equal(3, asked.Count);
        Assert.All(jobs, j => Assert.Equal(new LocalMarket(j.Occupation.Id, 4.2, 3), j.Market));
        Assert.All(Finder.Find(Uris(CareAssistant.EssentialSkills), [], 3), j => Assert.Same(LocalMarket.Unknown, j.Market));
    }

    [Fact]
    public void NoSkillsGiveNoCloseJobs() => Assert.Empty(Finder.Find([], [], 10));

    [Fact]
    public void UnknownExcludedOccupationIsAnErrorNamingTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => Finder.Find([], ["not-an-occupation"], 10));

        Assert.Equal("excludedOccupationUris", error.ParamName);
    }
}
