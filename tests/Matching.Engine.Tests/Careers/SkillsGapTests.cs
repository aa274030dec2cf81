using Matching.Engine.Careers;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Careers.CareersTestData;

namespace Matching.Engine.Tests.Careers;

public sealed class SkillsGapTests
{
    private static readonly SkillsGap s_gap = new(Esco);

    [Fact]
    public void MissingSkillsAreRankedByOffersUnlocked()
    {
        var target = CareAssistant;
        var owned = target.EssentialSkills.Take(3).ToArray();
        // A hand-made count: a different number of offers for each essential skill.
        var counts = target.EssentialSkills.Select((s, i) => (Esco.Skills[s].Uri, Count: (i * 7) % 13)).ToDictionary(p => p.Uri, p => p.Count);

        var result = s_gap.Compute(target, Uris(owned), counts);

        Assert.NotEmpty(result.Missing);
        Assert.DoesNotContain(result.Missing, m => owned.Any(o => Esco.Skills[o].Uri == m.Uri));
        Assert.All(result.Missing, m => Assert.Equal(counts[m.Uri], m.OffersWithinRadius));
        Assert.True(result.Missing.Zip(result.Missing.Skip(1)).All(p => p.First.OffersWithinRadius >= p.Second.OffersWithinRadius));
        Assert.Equal(counts.Values.Max(), result.Missing[0].OffersWithinRadius);
        Assert.Equal(target.EssentialSkills.Length, result.EssentialCount);
        Assert.Equal(result.EssentialCount, result.MetCount + result.Missing.Count + result.PartlyMet.Count);
        Assert.Equal(3, result.MetCount);
        var asked = target.EssentialSkills.Where(s => counts[Esco.Skills[s].Uri] > 0).ToList();
        Assert.Equal(asked.Count, result.AskedCount);
        Assert.Equal((double)result.Missing.Count(m => m.OffersWithinRadius > 0) / asked.Count, result.MissingShareOfAsked!.Value, 9);
    }

    [Fact]
    public void WithoutLocalDemandTheAskedShareIsUnknown()
    {
        var result = s_gap.Compute(CareAssistant, [], _ => 0);

        Assert.Equal(0, result.AskedCount);
        Assert.Null(result.MissingShareOfAsked);
        Assert.Equal(1.0, result.MissingShare);
    }

    [Fact]
    public void OnEqualOffersTransversalSkillsComeLast()
    {
        var result = s_gap.Compute(CareAssistant, [], _ => 4);

        var specificity = result.Missing.Select(m => m.Reuse switch
        {
            ReuseLevel.OccupationSpecific => 4,
            ReuseLevel.SectorSpecific or ReuseLevel.Unknown => 3,
            ReuseLevel.CrossSector => 2,
            _ => 1,
        }).ToList();
        Assert.Equal(specificity.OrderDescending(), specificity);
        Assert.Equal(1.0, result.MissingShare);
        Assert.NotEmpty(result.Missing[0].LabelFr);
        Assert.NotEmpty(result.Missing[0].LabelEn);
    }

    [Fact]
    public void SkillMetThroughARelatedOneIsListedAsPartlyMet()
    {
        var target = CareAssistant;
        var essentials = target.EssentialSkills.ToHashSet();
        // An essential skill with an ESCO neighbour that is not itself essential for the target.
        var (skill, neighbour) = target.EssentialSkills
            .Select(s => (Skill: s, Neighbour: Esco.Skills[s].Related.Select(r => r.SkillId).Concat(Esco.Skills[s].Narrower)
                .Where(n => !essentials.Contains(n)
                    && !Esco.Skills[n].Related.Any(r => essentials.Contains(r.SkillId) && r.SkillId != s)
                    && !Esco.Skills[n].Broader.Any(b => essentials.Contains(b) && b != s)
                    && !Esco.Skills[n].Narrower.Any(b => essentials.Contains(b)))
                .Cast<int?>().FirstOrDefault()))
            .First(p => p.Neighbour is not null);

        var result = s_gap.Compute(target, Uris([neighbour!.Value]), _ => 0);

        var partly = Assert.Single(result.PartlyMet);
        Assert.Equal(Esco.Skills[skill].Uri, partly.Skill.Uri);
        Assert.Equal(Esco.Skills[neighbour.Value].Uri, partly.ViaSkillUri);
        Assert.Contains(partly.Kind, new[] { SkillMatchKind.Related, SkillMatchKind.Narrower });
        Assert.InRange(partly.Credit, 0.5, 0.8);
        Assert.DoesNotContain(result.Missing, m => m.Uri == partly.Skill.Uri);
        Assert.Equal(0, result.MetCount);
        Assert.Equal((double)(result.EssentialCount - 1) / result.EssentialCount, result.MissingShare, 9);
        Assert.Equal((result.EssentialCount - partly.Credit) / result.EssentialCount, result.WeightedGapShare, 9);
    }

    [Fact]
    public void SeekerWithEveryEssentialSkillHasNoGap()
    {
        var result = s_gap.Compute(CareAssistant, Uris(CareAssistant.EssentialSkills), _ => 10);

        Assert.Empty(result.Missing);
        Assert.Empty(result.PartlyMet);
        Assert.Equal(0, result.MissingShare);
    }

    [Fact]
    public void UnknownSkillUriIsAnErrorNamingTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => s_gap.Compute(CareAssistant, ["http://data.europa.eu/esco/skill/nope"], _ => 0));

        Assert.Equal("seekerSkillUris", error.ParamName);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTargetIsAnErrorNamingTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => s_gap.Compute("http://data.europa.eu/esco/occupation/nope", [], _ => 0));

        Assert.Equal("targetOccupationUri", error.ParamName);
    }
}
