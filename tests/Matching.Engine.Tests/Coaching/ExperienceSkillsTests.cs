using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Coaching;

public sealed class ExperienceSkillsTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private static Occupation CareAssistant => Taxonomy.OccupationByUri("http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7")!;

    private static Occupation Accountant => Taxonomy.OccupationByUri("http://data.europa.eu/esco/occupation/eda0d957-3c3c-4139-b89a-a18bc9e18897")!;

    private static readonly SeekerProfile s_carer = new()
    {
        Id = "carer",
        TargetJobs = [new TargetJob("aide-soignante")],
        YearsOfExperienceInTarget = 8,
        PastJobs = [new PastJob("comptable", Years: 3), new PastJob("stage d'une semaine", Years: 0)],
        Skills = [],
    };

    private static Occupation? Resolve(PastJob job) => job.Label == "comptable" ? Accountant : CareAssistant;

    [Fact]
    public void The_practised_target_and_past_jobs_with_years_bring_their_core_skills_from_experience()
    {
        var practised = ExperienceSkills.Practised(s_carer, CareAssistant, Resolve);
        Assert.Equal(["aide-soignante", "comptable"], practised.Select(j => j.Label));

        var skills = ExperienceSkills.Of(Taxonomy, practised);
        Assert.Equal(CareAssistant.EssentialSkills.Union(Accountant.EssentialSkills).Count(), skills.Count);
        Assert.All(ExperienceSkills.Counted(Taxonomy, s_carer, skills), s => Assert.Equal(SkillEvidence.PastJob, s.Evidence));
    }

    [Fact]
    public void A_target_never_practised_brings_nothing()
    {
        Assert.Empty(ExperienceSkills.Practised(s_carer with { YearsOfExperienceInTarget = 0, PastJobs = [] }, CareAssistant, Resolve));
    }

    [Fact]
    public void An_unticked_skill_is_never_counted_even_when_experience_brings_it()
    {
        var skills = ExperienceSkills.Of(Taxonomy, ExperienceSkills.Practised(s_carer, CareAssistant, Resolve));
        var declined = skills[0].SkillUri;
        var counted = ExperienceSkills.Counted(Taxonomy, s_carer with { DeclinedSkills = [declined], Skills = [new SeekerSkill(declined)] }, skills);
        Assert.DoesNotContain(counted, s => s.SkillUri == declined);
        Assert.Equal(skills.Count - 1, counted.Count);
    }

    [Fact]
    public void An_unticked_ROME_4_item_takes_its_aligned_ESCO_twin_from_experience_with_it()
    {
        // The questionnaire shows one of two skills the alignment says are the same; experience must not bring back the other.
        var link = Taxonomy.Alignment[0];
        var (item, twin) = (Taxonomy.Skills[link.RomeSkillId].Uri, Taxonomy.Skills[link.EscoSkillId].Uri);
        var profile = s_carer with { DeclinedSkills = [item] };

        Assert.Contains(twin, ExperienceSkills.Declined(Taxonomy, profile));
        var counted = ExperienceSkills.Counted(Taxonomy, profile, [new ExperienceSkill(twin, "aide-soignante"), new ExperienceSkill(item, "aide-soignante")]);
        Assert.Empty(counted);
        // A skill the seeker ticks themselves stays theirs.
        Assert.Single(ExperienceSkills.Counted(Taxonomy, profile with { Skills = [new SeekerSkill(twin)] }, []));
    }

    [Fact]
    public void A_declared_skill_keeps_its_evidence()
    {
        var skills = ExperienceSkills.Of(Taxonomy, ExperienceSkills.Practised(s_carer, CareAssistant, Resolve));
        var confirmed = skills[1].SkillUri;
        var counted = ExperienceSkills.Counted(Taxonomy, s_carer with { Skills = [new SeekerSkill(confirmed, SkillEvidence.AdviserConfirmed)] }, skills);
        Assert.Equal(SkillEvidence.AdviserConfirmed, counted.Single(s => s.SkillUri == confirmed).Evidence);
    }
}
