using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>An occupation search result: an ESCO occupation, a ROME title, or both when the crosswalk links them.</summary>
public sealed record OccupationEntry(Occupation? Occupation, RomeTitle? RomeTitle)
{
    /// <summary>The ESCO occupation this entry stands for (for a ROME title: its best crosswalk link).</summary>
    public Occupation? Esco { get; init; } = Occupation;

    /// <summary>The ROME code (for an ESCO occupation: its best crosswalk link's job sheet).</summary>
    public string? RomeCode => RomeTitle?.RomeCode ?? Esco?.RomeCodes.FirstOrDefault();
}

/// <summary>
/// Autocomplete over the taxonomy: skills and occupations (ESCO occupations and ROME titles), in
/// French and English, accent-, case- and typo-tolerant. Built once from <see cref="SkillsTaxonomy"/>.
/// </summary>
public sealed class TaxonomySearch
{
    private readonly SkillsTaxonomy _taxonomy;
    private readonly LabelIndex<int> _skills;
    private readonly LabelIndex<OccupationEntry> _occupations;

    public TaxonomySearch(SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        var skillsTask = Task.Run(() => BuildSkills(taxonomy));
        _occupations = BuildOccupations(taxonomy);
        _skills = skillsTask.Result;
    }

    public IReadOnlyList<LabelMatch<Skill>> Skills(string query, string language, int limit) =>
        _skills.Search(query, limit, language)
            .Select(m => new LabelMatch<Skill>(_taxonomy.Skills[m.Item], m.Label, m.Language, m.Score, m.Kind))
            .ToList();

    /// <summary>
    /// Occupations for free text. An ESCO occupation and the ROME title the crosswalk links to it
    /// would read as the same line twice: the first (best) of each (ESCO URI, ROME code) pair is kept.
    /// </summary>
    public IReadOnlyList<LabelMatch<OccupationEntry>> Occupations(string query, string language, int limit)
    {
        var seen = new HashSet<(string?, string?)>();
        var results = new List<LabelMatch<OccupationEntry>>(limit);
        foreach (var match in _occupations.Search(query, Math.Min(LabelIndex<OccupationEntry>.MaxLimit, limit * 2), language))
        {
            if (seen.Add((match.Item.Esco?.Uri, match.Item.RomeCode)))
            {
                results.Add(match);
                if (results.Count == limit)
                {
                    break;
                }
            }
        }
        return results;
    }

    private static LabelIndex<int> BuildSkills(SkillsTaxonomy taxonomy)
    {
        var builder = new LabelIndex<int>.Builder();
        foreach (var skill in taxonomy.Skills)
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

    private static LabelIndex<OccupationEntry> BuildOccupations(SkillsTaxonomy taxonomy)
    {
        var builder = new LabelIndex<OccupationEntry>.Builder();
        foreach (var occupation in taxonomy.Occupations)
        {
            var entry = new OccupationEntry(occupation, null);
            builder.Add(entry, occupation.LabelEn, LabelKind.Preferred, "en");
            foreach (var alt in occupation.AltLabelsEn)
            {
                builder.Add(entry, alt, LabelKind.Alternative, "en");
            }
            AddFrench(builder, entry, occupation.LabelFr, LabelKind.Preferred);
            foreach (var alt in occupation.AltLabelsFr)
            {
                AddFrench(builder, entry, alt, LabelKind.Alternative);
            }
        }
        foreach (var title in taxonomy.RomeTitles)
        {
            var best = title.Occupations.Length > 0 ? taxonomy.Occupations[title.Occupations[0].OccupationId] : null;
            var entry = new OccupationEntry(null, title) { Esco = best };
            AddFrench(builder, entry, title.Label, LabelKind.Preferred);
            if (title.ShortLabel != title.Label)
            {
                AddFrench(builder, entry, title.ShortLabel, LabelKind.Alternative);
            }
        }
        return builder.Build();
    }

    /// <summary>French labels carry both gender forms ("Boulanger / Boulangère"): each form is a label.</summary>
    private static void AddFrench(LabelIndex<OccupationEntry>.Builder builder, OccupationEntry entry, string label, LabelKind kind)
    {
        if (label.Length == 0)
        {
            return;
        }
        builder.Add(entry, label, kind, "fr");
        foreach (var form in TextNormalizer.GenderForms(label))
        {
            if (form != label)
            {
                builder.Add(entry, form, kind, "fr");
            }
        }
    }
}
