using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using Matching.Engine.Tests.Indexing;
using Matching.Engine.Text;

namespace Matching.Engine.Tests.Taxonomy;

/// <summary>
/// The skill autocomplete as recruiters and seekers type into it: ESCO and ROME 4.0 together, one suggestion per concept,
/// technologies by name first, and a must-have chosen from it that finds holders of either taxonomy's skill.
/// </summary>
public sealed class TaxonomySearchTests
{
    private static readonly Lazy<TaxonomySearch> s_search = new(() => new TaxonomySearch(TaxonomyFixture.Taxonomy));

    private static TaxonomySearch Search => s_search.Value;

    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    /// <summary>
    /// What recruiters type, and the words each of the first <paramref name="first"/> suggestions (three: what a datalist
    /// shows without scrolling) must hold as whole words, accents, case, plural and feminine aside. "cariste" has one
    /// skill of its own (the forklift licences say "chariot"), then only typos.
    /// </summary>
    [Theory]
    [InlineData("soudure", "soudure")]
    [InlineData("TIG", "tig")]
    [InlineData("python", "python")]
    [InlineData("excel", "excel")]
    [InlineData("accueil", "accueil")]
    [InlineData("cariste", "cariste", 1)]
    [InlineData("permis", "permis de conduire")]
    [InlineData("anglais", "anglais")]
    [InlineData("relation client", "relation client")]
    [InlineData("pâtisserie", "patisserie")]
    [InlineData("nettoyage", "nettoyage")]
    [InlineData("toilette", "toilette")]
    [InlineData("paie", "paie")]
    [InlineData("sql", "sql")]
    [InlineData("sap", "sap")]
    [InlineData("javascript", "javascript")]
    [InlineData("langue des signes", "langue des signes")]
    public void RecruiterInputsGetRelevantSuggestionsEachConceptOnce(string typed, string words, int first = 3)
    {
        var top = Search.Suggest(typed, "fr", 10);

        Assert.NotEmpty(top);
        Assert.All(top.Take(first), s => Assert.True(HasWords(s.Label, words) || HasWords(s.MatchedLabel, words),
            $"'{typed}': '{s.Label}' (matched '{s.MatchedLabel}') among the first three does not say '{words}'"));
        AssertEachConceptOnce(typed, top);
    }

    /// <summary>A technology typed by name comes first, whichever taxonomy names it ("Microsoft Excel" is ROME 4.0's, "SQL" ESCO's).</summary>
    [Theory]
    [InlineData("python")]
    [InlineData("sql")]
    [InlineData("excel")]
    [InlineData("sap")]
    [InlineData("php")]
    [InlineData("javascript")]
    [InlineData("react")]
    public void ATechnologyTypedByNameComesFirst(string name)
    {
        var first = Search.Suggest(name, "fr", 10)[0];

        Assert.True(HasWords(first.Label, name), $"'{name}' first gave '{first.Label}'");
    }

    /// <summary>The ranking interleaves the two taxonomies by relevance: each query's first ten hold both, not one scheme then the other.</summary>
    [Theory]
    [InlineData("soudure")]
    [InlineData("anglais")]
    [InlineData("pâtisserie")]
    [InlineData("nettoyage")]
    public void BothTaxonomiesAreSuggested(string typed)
    {
        var schemes = Search.Suggest(typed, "fr", 10).Select(s => s.MatchedSkill.Scheme).ToList();

        Assert.Contains(SkillScheme.Esco, schemes);
        Assert.Contains(SkillScheme.Rome4, schemes);
    }

    /// <summary>Frequent skills lead among labels that answer alike: B, the licence most sheets ask for, before the rare ones.</summary>
    [Fact]
    public void AmongLabelsThatAnswerAlikeTheCommonSkillLeads()
    {
        var top = Search.Suggest("permis", "fr", 3);

        Assert.Contains(top, s => s.Label == "Permis de conduire catégorie B");
    }

    /// <summary>
    /// A ROME 4.0 item aligned to an ESCO skill whose label says the same thing is one suggestion, shown with the label
    /// typed and giving the ESCO skill's URI (its concept).
    /// </summary>
    [Fact]
    public void AnAlignedRomeItemAndEscoSkillAreOneSuggestionShownWithTheLabelTyped()
    {
        var link = Taxonomy.Alignment.First(l => l.Score >= 1 && l.Method == AlignmentMethod.Label
            && !string.Equals(TextNormalizer.Normalize(Taxonomy.Skills[l.RomeSkillId].LabelFr!), TextNormalizer.Normalize(Taxonomy.Skills[l.EscoSkillId].LabelFr!), StringComparison.Ordinal)
            && Taxonomy.Skills[l.RomeSkillId].Aligned.Length == 1);
        var rome = Taxonomy.Skills[link.RomeSkillId];
        var esco = Taxonomy.Skills[link.EscoSkillId];

        var byRomeWords = Search.Suggest(rome.LabelFr!, "fr", 10);
        var byEscoWords = Search.Suggest(esco.LabelFr!, "fr", 10);

        foreach (var suggestions in new[] { byRomeWords, byEscoWords })
        {
            Assert.Single(suggestions, s => s.Skill.Id == esco.Id);
            Assert.DoesNotContain(suggestions, s => s.Skill.Id == rome.Id);
        }
        Assert.Equal(rome.LabelFr, byRomeWords[0].Label);
        Assert.Equal(esco.Uri, byRomeWords[0].Skill.Uri);
        Assert.Equal(rome.Id, byRomeWords[0].MatchedSkill.Id);
        Assert.Contains(byRomeWords[0].SameConcept, s => s.Id == rome.Id);
        Assert.Same(esco, Search.ConceptOf(rome));
    }

    /// <summary>
    /// A must-have picked from the autocomplete (the concept's ESCO URI) finds a candidate who holds the aligned ROME 4.0
    /// item and one who holds the ESCO skill, also in the exact mode (no related skills): aligned skills are the same skill.
    /// </summary>
    [Fact]
    public async Task AMustHavePickedFromTheAutocompleteFindsHoldersOfEitherTaxonomy()
    {
        var link = Taxonomy.Alignment.First(l => l.Method == AlignmentMethod.Technology);
        var rome = Taxonomy.Skills[link.RomeSkillId];
        var picked = Search.Suggest(rome.LabelFr!, "fr", 1)[0].Skill;
        Assert.Equal(SkillScheme.Esco, picked.Scheme);
        using var store = new TempStore();
        using var index = store.Open();
        await index.UpsertProfilesAsync([
            IndexTestKit.Profile("holds-rome", [rome], place: IndexTestKit.Paris),
            IndexTestKit.Profile("holds-esco", [picked], place: IndexTestKit.Paris),
            IndexTestKit.Profile("holds-neither", IndexTestKit.UnlinkedSkills(1), place: IndexTestKit.Paris),
        ]);

        foreach (var allowRelated in new[] { false, true })
        {
            var found = await index.SearchCandidatesAsync(new CandidateQuery([picked.Uri], [], AllowRelated: allowRelated, Place: IndexTestKit.Paris, RadiusKm: 30));

            Assert.Equal(["holds-esco", "holds-rome"], found.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>"toilette" typed for an aide-soignant: a person's toilette first, not the animals' grooming nor the toilets.</summary>
    [Fact]
    public void ToiletteIsFirstAPersonsToilette()
    {
        var first = Search.Suggest("toilette", "fr", 1)[0];

        Assert.Contains("toilette et aux soins", first.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishQueriesFindEnglishLabelsFirst()
    {
        var top = Search.Suggest("welding", "en", 5);

        Assert.All(top.Take(3), s => Assert.Contains("weld", s.MatchedLabel, StringComparison.OrdinalIgnoreCase));
        Assert.All(top.Take(3), s => Assert.Equal(SkillScheme.Esco, s.Skill.Scheme));
    }

    private static void AssertEachConceptOnce(string typed, IReadOnlyList<SuggestedSkill> top)
    {
        for (var i = 0; i < top.Count; i++)
        {
            for (var j = i + 1; j < top.Count; j++)
            {
                var (a, b) = (top[i], top[j]);
                Assert.False(a.Skill.Id == b.Skill.Id, $"'{typed}': '{a.Label}' twice");
                Assert.False(Key(a.Label) == Key(b.Label), $"'{typed}': '{a.Label}' and '{b.Label}' read the same");
                // Aligned skills are the same skill to the matching engine: one suggestion for both.
                Assert.False(
                    a.SameConcept.Any(x => b.SameConcept.Any(y => x.Aligned.Contains(y.Id) && IsSameThing(x.Id, y.Id))),
                    $"'{typed}': '{a.Label}' and '{b.Label}' are aligned skills saying the same thing");
            }
        }
    }

    private static bool IsSameThing(int a, int b) => Taxonomy.Alignment.Any(l =>
        ((l.RomeSkillId == a && l.EscoSkillId == b) || (l.RomeSkillId == b && l.EscoSkillId == a))
        && (l.Method == AlignmentMethod.Technology || l.Score >= TaxonomySearch.SameThingScore));

    private static string Key(string label) => string.Join(' ', TextNormalizer.Tokenize(label));

    private static string Stems(string label) => string.Join(' ', TextNormalizer.Tokenize(label).Select(TokenRules.Stem));

    private static bool HasWords(string label, string words) =>
        $" {Stems(label)} ".Contains($" {Stems(words)} ", StringComparison.Ordinal);
}
