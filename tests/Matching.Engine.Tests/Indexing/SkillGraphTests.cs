using Matching.Engine.Indexing;

namespace Matching.Engine.Tests.Indexing;

public sealed class SkillGraphTests
{
    private static SkillGraph Graph => IndexTestKit.Graph;

    [Fact]
    public void EverySkillIsMetByItselfFirstWithFullCredit()
    {
        for (var id = 0; id < Graph.SkillCount; id += 97)
        {
            var edges = Graph.MeetersOf(id);
            Assert.Equal(id, edges.Skills[0]);
            Assert.Equal(SkillMatchKind.Exact, edges.Kinds[0]);
            Assert.Equal(SkillGraph.CreditUnit, edges.Credits[0]);
        }
    }

    [Fact]
    public void NarrowerSkillMeetsItsBroaderDemandAtEightTenths()
    {
        var broader = IndexTestKit.Esco.Skills.First(s => s.Narrower.Length > 0);
        var narrower = broader.Narrower[0];

        var edges = Graph.MeetersOf(broader.Id);
        var at = edges.Skills.IndexOf(narrower);

        Assert.True(at > 0);
        Assert.Equal(SkillMatchKind.Narrower, edges.Kinds[at]);
        Assert.Equal(0.8, SkillGraph.Credit(edges.Kinds[at]));
    }

    [Fact]
    public void BroaderSkillMeetsANarrowerDemandAtSixTenths()
    {
        var narrower = IndexTestKit.Esco.Skills.First(s => s.Broader.Length > 0 && !IndexTestKit.Esco.Skills[s.Broader[0]].Broader.Contains(s.Id));
        var edges = Graph.MeetersOf(narrower.Id);
        var at = edges.Skills.IndexOf(narrower.Broader[0]);

        Assert.Equal(SkillMatchKind.Broader, edges.Kinds[at]);
        Assert.Equal(60, edges.Credits[at]);
    }

    [Fact]
    public void RowsAreSortedByDescendingCreditWithOneEdgePerSuppliedSkill()
    {
        for (var id = 0; id < Graph.SkillCount; id++)
        {
            var edges = Graph.MeetersOf(id);
            for (var i = 1; i < edges.Length; i++)
            {
                Assert.True(edges.Credits[i - 1] >= edges.Credits[i]);
            }
            Assert.Equal(edges.Length, edges.Skills.ToArray().Distinct().Count());
        }
    }

    [Fact]
    public void ReverseViewHoldsEveryForwardEdgeWithTheSameCredit()
    {
        Assert.True(Graph.EdgeCount > Graph.SkillCount, "the taxonomy has hierarchy and related links");
        for (var demanded = 0; demanded < Graph.SkillCount; demanded += 13)
        {
            var edges = Graph.MeetersOf(demanded);
            for (var i = 0; i < edges.Length; i++)
            {
                var reverse = Graph.DemandsMetBy(edges.Skills[i]);
                var at = reverse.Skills.IndexOf(demanded);
                Assert.True(at >= 0);
                Assert.Equal(edges.Credits[i], reverse.Credits[at]);
                Assert.Equal(edges.Kinds[i], reverse.Kinds[at]);
            }
        }
    }

    [Fact]
    public void WithoutRelatedSkillsOnlyTheExactAndAlignedEdgesRemain()
    {
        var (demanded, _) = IndexTestKit.PairOfKind(SkillMatchKind.Related);

        Assert.True(Graph.MeetersOf(demanded.Id).Length > 1 + demanded.Aligned.Length);
        var exact = Graph.MeetersOf(demanded.Id, allowRelated: false);
        Assert.Equal(1 + demanded.Aligned.Length, exact.Length);
        Assert.Equal(demanded.Id, exact.Skills[0]);
        Assert.Equal(1 + demanded.Aligned.Length, Graph.DemandsMetBy(demanded.Id, allowRelated: false).Length);
    }

    [Fact]
    public void AnAlignedSkillMeetsBelowExactAndWithoutRelatedSkills()
    {
        var (demanded, via) = IndexTestKit.PairOfKind(SkillMatchKind.Aligned);
        Assert.NotEqual(demanded.Scheme, via.Scheme);
        Assert.Contains(via.Id, demanded.Aligned);

        var all = Graph.MeetersOf(demanded.Id);
        var at = all.Skills.IndexOf(via.Id);
        Assert.Equal(90, all.Credits[at]);
        Assert.True(all.Credits[at] < all.Credits[0]);
        var strict = Graph.MeetersOf(demanded.Id, allowRelated: false);
        Assert.Equal(SkillMatchKind.Exact, strict.Kinds[0]);
        Assert.Contains(via.Id, strict.Skills.ToArray());
        foreach (var kind in strict.Kinds)
        {
            Assert.True(kind is SkillMatchKind.Exact or SkillMatchKind.Aligned);
        }
        Assert.Contains(demanded.Id, Graph.DemandsMetBy(via.Id, allowRelated: false).Skills.ToArray());
    }
}
