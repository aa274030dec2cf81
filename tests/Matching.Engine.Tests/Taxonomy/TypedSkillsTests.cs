using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;
using Matching.Engine.Tests.Coaching;

namespace Matching.Engine.Tests.Taxonomy;

/// <summary>A skill from a recruiter's words: taken when sure, asked about when several skills say the words as well.</summary>
public sealed class TypedSkillsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-typed-skills-").FullName;
    private Matching.Engine.Indexing.Embedded.EmbeddedMatchIndex _index = default!;
    private ReferenceData _data = default!;

    public async Task InitializeAsync()
    {
        var (provider, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _data = provider.Require();
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void A_short_phrase_several_skills_say_as_well_is_asked_about_the_skill_most_offers_ask_first()
    {
        // A recruiter near Bourg-en-Bresse typed "Soins d'hygiène" and got "Réaliser les soins d'hygiène et de confort des
        // animaux" (0 candidates), first by a few thousandths over the care assistant's own item.
        Assert.Null(TypedSkills.Resolve(_data, "Soins d'hygiène", "fr"));

        var asked = TypedSkills.Suggestions(_data, "Soins d'hygiène", "fr");

        Assert.True(asked.Count >= 2);
        Assert.Equal(asked, TypedSkills.Ambiguous(_data, "Soins d'hygiène", "fr").Take(asked.Count));
        Assert.Contains(asked, s => s.Label("fr") == "Réaliser des soins d'hygiène corporelle, de confort et de prévention");
        Assert.DoesNotContain("animaux", asked[0].Label("fr"), StringComparison.Ordinal);
        Assert.True(TypedSkills.OffersOfJobsAsking(_data, asked[0]) >= TypedSkills.OffersOfJobsAsking(_data, asked[^1]));
    }

    [Theory]
    [InlineData("JavaScript")]
    [InlineData("langue des signes")]
    [InlineData("Réaliser des soins d'hygiène corporelle, de confort et de prévention")]
    public void A_label_is_taken_without_asking(string typed)
    {
        Assert.NotNull(TypedSkills.Resolve(_data, typed, "fr"));
        Assert.Empty(TypedSkills.Ambiguous(_data, typed, "fr"));
    }
}
