using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Taxonomy;

public sealed class TaxonomyLoaderTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    [Fact]
    public void Counts_match_the_data_readme()
    {
        Assert.Equal(3_007, Taxonomy.Occupations.Count);
        Assert.Equal(13_896, Taxonomy.EscoSkillCount);
        Assert.Equal(13_896 + 33_671, Taxonomy.Skills.Count);
        Assert.Equal(123_855, Taxonomy.OccupationSkillRelationRows);
        Assert.Equal(123_855 - 67, Taxonomy.OccupationSkillLinkCount);
        Assert.Equal(123_855 - 67, Taxonomy.Occupations.Sum(o => o.EssentialSkills.Length + o.OptionalSkills.Length));
        Assert.Equal(531, Taxonomy.RomeJobs.Count);
        Assert.Equal(10_990, Taxonomy.RomeTitles.Count);
        Assert.Equal(4_947, Taxonomy.RomeSkills.Count);
    }

    [Fact]
    public void Dense_ids_index_the_lists()
    {
        for (var i = 0; i < Taxonomy.Skills.Count; i++)
        {
            Assert.Equal(i, Taxonomy.Skills[i].Id);
        }
        Assert.Same(Taxonomy.Occupations[42], Taxonomy.OccupationByUri(Taxonomy.Occupations[42].Uri));
    }

    [Fact]
    public void A_known_occupation_has_its_essential_skills()
    {
        // technical director: ESCO lists "manage budgets"-style skills; check one exact essential link from the relations file.
        var director = Taxonomy.OccupationByUri("http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34");
        Assert.NotNull(director);
        Assert.Equal("technical director", director.LabelEn);
        Assert.Equal("directeur technique/directrice technique", director.LabelFr);
        Assert.Equal("2654", director.IscoGroup);
        var essentialUris = director.EssentialSkills.Select(id => Taxonomy.Skills[id].Uri).ToHashSet();
        Assert.Contains("http://data.europa.eu/esco/skill/fed5b267-73fa-461d-9f69-827c78beb39d", essentialUris);
        Assert.Contains("http://data.europa.eu/esco/skill/05bc7677-5a64-4e0c-ade3-0140348d4125", essentialUris);
        Assert.Empty(director.EssentialSkills.Intersect(director.OptionalSkills));
    }

    [Fact]
    public void A_skill_has_french_and_english_labels()
    {
        var skill = Taxonomy.SkillByUri("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab");
        Assert.NotNull(skill);
        Assert.Equal("manage musical staff", skill.LabelEn);
        Assert.Equal("gérer le personnel musical", skill.LabelFr);
        Assert.Contains("manage music staff", skill.AltLabelsEn);
        Assert.Equal(SkillType.SkillCompetence, skill.Type);
        Assert.Equal(ReuseLevel.SectorSpecific, skill.Reuse);
    }

    [Fact]
    public void A_rome_title_maps_through_the_crosswalk_to_its_esco_occupation()
    {
        // 15244 "Gemmologue" is a narrow match of the ESCO occupation "gemmologue-expert".
        var title = Taxonomy.RomeTitle(15244);
        Assert.NotNull(title);
        Assert.Equal("Gemmologue", title.Label);
        var link = Assert.Single(title.Occupations, l => Taxonomy.Occupations[l.OccupationId].Uri == "http://data.europa.eu/esco/occupation/f87779ae-7389-44e7-b155-16e87904857e");
        Assert.Equal(CrosswalkMatch.Narrow, link.Match);
        var occupation = Taxonomy.Occupations[link.OccupationId];
        Assert.Contains(title.RomeCode, occupation.RomeCodes);
        Assert.Contains(occupation.Id, Taxonomy.RomeJob(title.RomeCode)!.Occupations);
    }

    [Fact]
    public void Rome_files_are_unescaped_and_linked()
    {
        var job = Taxonomy.RomeJob("M1805");
        Assert.NotNull(job);
        Assert.Equal("Études et développement informatique", job.Title);
        Assert.NotEmpty(job.TitleCodes);
        Assert.NotEmpty(job.SkillCodes);
        Assert.False(string.IsNullOrEmpty(job.Definition));
        Assert.Equal(2, job.Riasec.Length);
        Assert.Contains(Taxonomy.RomeSkills, s => s.Label == "Utilisation d'engins forestiers");
        Assert.DoesNotContain(Taxonomy.RomeSkills, s => s.Label.Contains("''", StringComparison.Ordinal));
    }

    [Fact]
    public void Skill_hierarchy_and_relations_go_both_ways()
    {
        var withBroader = Taxonomy.Skills.First(s => s.Broader.Length > 0);
        Assert.All(withBroader.Broader, b => Assert.Contains(withBroader.Id, Taxonomy.Skills[b].Narrower));
        var withRelated = Taxonomy.Skills.First(s => s.Related.Length > 0);
        Assert.All(withRelated.Related, r => Assert.Contains(Taxonomy.Skills[r.SkillId].Related, back => back.SkillId == withRelated.Id));
        Assert.True(Taxonomy.Skills.Count(s => s.Groups.Length > 0) > 10_000);
        var occupationWithBroader = Taxonomy.Occupations.First(o => o.Broader.Length > 0);
        Assert.All(occupationWithBroader.Broader, b => Assert.Contains(occupationWithBroader.Id, Taxonomy.Occupations[b].Narrower));
    }

    [Fact]
    public void Multi_line_alt_labels_are_split()
    {
        var director = Taxonomy.OccupationByUri("http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34")!;
        Assert.Contains("head of technical", director.AltLabelsEn);
        Assert.Contains("régisseuse", director.AltLabelsFr);
        Assert.All(director.AltLabelsEn, l => Assert.DoesNotContain('\n', l));
    }
}
