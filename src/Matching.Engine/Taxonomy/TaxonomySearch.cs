using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// Skill autocomplete over the taxonomy, in French and English, accent-, case- and typo-tolerant.
/// Built once from <see cref="SkillsTaxonomy"/>. (Occupations: <see cref="TitleUnderstanding"/>.)
/// </summary>
public sealed class TaxonomySearch
{
    private readonly SkillsTaxonomy _taxonomy;
    private readonly LabelIndex<int> _skills;

    public TaxonomySearch(SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        _skills = BuildSkills(taxonomy);
    }

    public IReadOnlyList<LabelMatch<Skill>> Skills(string query, string language, int limit) =>
        _skills.Search(query, limit, language)
            .Select(m => new LabelMatch<Skill>(_taxonomy.Skills[m.Item], m.Label, m.Language, m.Score, m.Kind))
            .ToList();

    private static LabelIndex<int> BuildSkills(SkillsTaxonomy taxonomy)
    {
        var builder = new LabelIndex<int>.Builder();
        // ESCO skills only: ROME 4.0 items reach a seeker's ESCO skills through the alignment, and their
        // 33,000 French labels would bury the ESCO suggestions under near-duplicates.
        foreach (var skill in taxonomy.Skills.Take(taxonomy.EscoSkillCount))
        {
            builder.Add(skill.Id, skill.LabelEn, LabelKind.Preferred, "en");
            foreach (var alt in skill.AltLabelsEn)
            {
                builder.Add(skill.Id, alt, LabelKind.Alternative, "en");
            }
            if (skill.LabelFr is { } fr)
            {
                builder.Add(skill.Id, fr, LabelKind.Preferred, "fr");
            }
            foreach (var alt in skill.AltLabelsFr)
            {
                builder.Add(skill.Id, alt, LabelKind.Alternative, "fr");
            }
        }
        return builder.Build();
    }
}
