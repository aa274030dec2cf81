using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Taxonomy;

/// <summary>
/// The ROME 4.0 - ESCO alignment against pairs reviewed by hand (AlignmentReview.tsv: every pair read and
/// judged equivalent, close, or unrelated; method and figures in docs/quality.md).
/// </summary>
public sealed class SkillAlignmentTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private sealed record ReviewedPair(string RomeUri, string RomeLabel, string EscoUri, string EscoLabel, string Judgement);

    private static readonly Lazy<IReadOnlyList<ReviewedPair>> s_review = new(() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Taxonomy", "AlignmentReview.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Select(f => new ReviewedPair(f[0], f[1], f[2], f[3], f[4]))]);

    private static bool Aligned(string romeUri, string escoUri) =>
        Taxonomy.SkillByUri(romeUri) is { } rome && Taxonomy.SkillByUri(escoUri) is { } esco && rome.Aligned.Contains(esco.Id);

    [Fact]
    public void No_skill_is_aligned_to_one_the_review_found_unrelated()
    {
        var unrelated = s_review.Value.Where(p => p.Judgement == "unrelated").ToList();
        Assert.True(unrelated.Count >= 10);
        Assert.All(unrelated, p => Assert.False(Aligned(p.RomeUri, p.EscoUri), $"'{p.RomeLabel}' is aligned to '{p.EscoLabel}'"));
    }

    [Fact]
    public void The_reviewed_pairs_still_cover_the_alignment_and_hold_its_precision()
    {
        var reviewed = s_review.Value.Where(p => Aligned(p.RomeUri, p.EscoUri)).ToList();
        // At least 200 of today's pairs were read; a change to the aligner that leaves fewer needs a new review.
        Assert.True(reviewed.Count >= 200, $"{reviewed.Count} reviewed pairs in the alignment");
        var equivalent = reviewed.Count(p => p.Judgement == "equivalent") / (double)reviewed.Count;
        Assert.True(equivalent >= 0.8, $"precision {equivalent:P1}");
        Assert.All(reviewed, p => Assert.NotEqual("unrelated", p.Judgement));
    }

    [Fact]
    public void Rome4_items_are_skills_after_the_esco_ones()
    {
        Assert.Equal(13_896, Taxonomy.EscoSkillCount);
        Assert.Equal(13_896 + 33_671, Taxonomy.Skills.Count);
        Assert.All(Taxonomy.Skills.Take(Taxonomy.EscoSkillCount), s => Assert.Equal(SkillScheme.Esco, s.Scheme));
        var python = Taxonomy.Rome4.Items.Single(i => i.Label == "Programmation en Python");
        var skill = Taxonomy.Rome4Skill(python.Code);
        Assert.NotNull(skill);
        Assert.Equal(SkillScheme.Rome4, skill.Scheme);
        Assert.Equal($"rome4:savoir:{python.Code}", skill.Uri);
        Assert.Same(skill, Taxonomy.SkillByUri(skill.Uri));
        Assert.Equal("Programmation en Python", skill.LabelFr);
        Assert.Equal(SkillType.Knowledge, skill.Type);
        var competence = Taxonomy.Rome4Skill(300374)!;
        Assert.Equal("rome4:competence:300374", competence.Uri);
        Assert.Equal(SkillType.SkillCompetence, competence.Type);
        // A competence is narrower than its macro-competence.
        var withMacro = Taxonomy.Rome4.Items.First(i => i.MacroCode is not null);
        Assert.Equal([Taxonomy.Rome4Skill(withMacro.MacroCode!.Value)!.Id], Taxonomy.Rome4Skill(withMacro.Code)!.Broader);
    }

    [Fact]
    public void Technologies_align_by_name()
    {
        Assert.Contains(Taxonomy.Alignment, l => Label(l.RomeSkillId) == "Programmation en Python" && Taxonomy.Skills[l.EscoSkillId].LabelEn == "Python (computer programming)" && l.Method == AlignmentMethod.Technology);
        Assert.Contains(Taxonomy.Alignment, l => Label(l.RomeSkillId) == "Langage C#" && Taxonomy.Skills[l.EscoSkillId].LabelEn == "C#");
        // ESCO lists "Ada" among the alternative labels of "computer programming": a name is not enough there.
        Assert.DoesNotContain(Taxonomy.Alignment, l => Label(l.RomeSkillId) == "Ada");
    }

    [Fact]
    public void Alignment_goes_both_ways_across_the_two_schemes()
    {
        Assert.True(Taxonomy.Alignment.Count > 500);
        Assert.All(Taxonomy.Alignment, l =>
        {
            Assert.Equal(SkillScheme.Rome4, Taxonomy.Skills[l.RomeSkillId].Scheme);
            Assert.Equal(SkillScheme.Esco, Taxonomy.Skills[l.EscoSkillId].Scheme);
            Assert.Contains(l.EscoSkillId, Taxonomy.Skills[l.RomeSkillId].Aligned);
            Assert.Contains(l.RomeSkillId, Taxonomy.Skills[l.EscoSkillId].Aligned);
        });
        Assert.Equal(Taxonomy.Alignment.Count, Taxonomy.Skills.Sum(s => s.Scheme == SkillScheme.Rome4 ? s.Aligned.Length : 0));
    }

    [Fact]
    public void An_enumerating_label_lists_each_verb_with_each_object()
    {
        Assert.Equal(
            ["Entretenir un espace", "Entretenir un lieu", "Entretenir un local", "nettoyer un espace", "nettoyer un lieu", "nettoyer un local"],
            SkillAligner.Enumerated("Entretenir, nettoyer un espace, un lieu, un local").Order(StringComparer.Ordinal));
        // "des installations" complements "l'approvisionnement", it is no object of "Surveiller".
        Assert.DoesNotContain("Surveiller des installations", SkillAligner.Enumerated("Surveiller l'approvisionnement des machines, des installations et le flux des matières"));
        // The second group of verbs is a secondary task.
        Assert.DoesNotContain(SkillAligner.Enumerated("Analyser les incidents techniques et proposer des améliorations"), v => v.StartsWith("proposer", StringComparison.Ordinal));
        Assert.Empty(SkillAligner.Enumerated("Gestion administrative du courrier"));
    }

    [Fact]
    public void The_alignment_is_kept_in_the_cache_folder_between_starts()
    {
        var cache = Path.Combine(Path.GetTempPath(), "coach-alignment-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var computed = 0;
            List<SkillAlignmentLink> Compute()
            {
                computed++;
                return [.. Taxonomy.Alignment];
            }
            var first = SkillAligner.Cached(TaxonomyFixture.DataPath, cache, Taxonomy.Skills.Count, Compute);
            var second = SkillAligner.Cached(TaxonomyFixture.DataPath, cache, Taxonomy.Skills.Count, Compute);
            Assert.Equal(1, computed);
            Assert.Equal(first, second);
            Assert.Equal(Taxonomy.Alignment, second);
            // A damaged file is computed again, not trusted.
            File.WriteAllText(Assert.Single(Directory.GetFiles(cache)), "garbage");
            SkillAligner.Cached(TaxonomyFixture.DataPath, cache, Taxonomy.Skills.Count, Compute);
            Assert.Equal(2, computed);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static string Label(int skillId) => Taxonomy.Skills[skillId].LabelFr!;
}
