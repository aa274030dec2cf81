using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Taxonomy;

/// <summary>
/// Skills that say one of the ROME 4.0 qualities in other words (<see cref="SkillsTaxonomy.QualityTwinOf"/>): ESCO's
/// "travailler en équipe", ROME's savoir "Sens du service client". They count as qualities wherever qualities are set apart,
/// and meet the quality in matching as aligned skills.
/// </summary>
public sealed class QualityTwinTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private static Skill Labelled(string label) => Taxonomy.Skills.Single(s => s.LabelFr == label);

    [Theory]
    [InlineData("travailler en équipe", "Avoir l'esprit d'équipe")]
    [InlineData("Capacité à travailler en équipe", "Avoir l'esprit d'équipe")]
    [InlineData("Sens du service client", "Avoir le sens du service")]
    [InlineData("travailler de manière autonome", "Faire preuve d'autonomie")]
    [InlineData("pratiquer le self-control", "Faire preuve de contrôle de soi")] // by its alternative label "faire preuve de maîtrise de soi"
    [InlineData("Esprit d'initiative", "Etre force de proposition")]
    public void A_skill_that_says_a_quality_in_other_words_is_its_twin_and_counts_as_a_quality(string twin, string quality)
    {
        var skill = Labelled(twin);

        Assert.Equal(quality, Taxonomy.QualityTwinOf(skill)?.LabelFr);
        Assert.True(Taxonomy.IsQuality(skill));
        Assert.Contains(skill, Taxonomy.TwinsOfQuality(Labelled(quality)));
    }

    [Theory]
    [InlineData("travailler de manière autonome dans la vente")] // the quality in a trade: says which job
    [InlineData("autonomie du patient")] // someone else's
    [InlineData("gérer des réactifs chimiques")] // the same letters, another word
    [InlineData("Gestion du stress des patients")]
    [InlineData("Développer l'esprit d'équipe")] // a manager's task, not a quality of one's own
    [InlineData("service clients")]
    [InlineData("Avoir l'esprit d'équipe")] // the quality itself
    public void A_skill_that_says_more_than_a_quality_is_no_twin(string label)
    {
        var skill = Labelled(label);

        Assert.Null(Taxonomy.QualityTwinOf(skill));
    }

    [Fact]
    public void A_twin_meets_its_quality_both_ways_as_an_aligned_skill()
    {
        var graph = Indexing.IndexTestKit.Graph;
        var quality = Labelled("Avoir l'esprit d'équipe");
        var twin = Labelled("travailler en équipe");

        var meeters = graph.MeetersOf(quality.Id);
        Assert.Equal(SkillMatchKind.Aligned, meeters.Kinds[meeters.Skills.IndexOf(twin.Id)]);
        var back = graph.MeetersOf(twin.Id);
        Assert.Equal(SkillMatchKind.Aligned, back.Kinds[back.Skills.IndexOf(quality.Id)]);
    }
}
