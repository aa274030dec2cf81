using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Coach.Web.Recruiters;

/// <summary>A skill from what a user typed (a suggestion's label, a skill URI, or their own words).</summary>
public static class SkillText
{
    /// <summary>A typo-tolerant match is taken on its own only when this close: "javascrpit" is JavaScript, but
    /// "react" read as "réagir en cas d'urgence minière" (0.79) is a guess, and guesses are offered, not taken.</summary>
    private const double TakenScore = 0.9;

    /// <summary>Suggestions offered when nothing is taken.</summary>
    private const double SuggestedScore = 0.45;

    /// <summary>The skill the text names: a skill URI; a label or alternative label, French or English (technologies
    /// are often named in English); else a near-exact typo-tolerant match. Null when nothing is that sure.</summary>
    public static Skill? Resolve(ReferenceData data, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }
        text = text.Trim();
        if (data.Taxonomy.SkillByUri(text) is { } byUri)
        {
            return byUri;
        }
        var wanted = TextNormalizer.Normalize(text);
        var found = Candidates(data, text).ToList();
        return found.Select(m => m.Skill).FirstOrDefault(s => Labels(s).Any(l => TextNormalizer.Normalize(l) == wanted))
            ?? found.Where(m => m.Score >= TakenScore).OrderByDescending(m => m.Score).Select(m => m.Skill).FirstOrDefault();
    }

    /// <summary>What the user may have meant when <see cref="Resolve"/> finds nothing sure: the closest labels.</summary>
    public static IReadOnlyList<Skill> Suggestions(ReferenceData data, string? text, int limit = 3) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 200
            ? []
            : [.. Candidates(data, text.Trim()).Where(m => m.Score >= SuggestedScore).OrderByDescending(m => m.Score).Select(m => m.Skill).DistinctBy(s => s.Id).Take(limit)];

    private static IEnumerable<(Skill Skill, double Score)> Candidates(ReferenceData data, string text) =>
        data.Search.Skills(text, Ui.Language, 10).Select(m => (m.Item, m.Score))
            .Concat(Ui.Language == "en" ? [] : data.Search.Skills(text, "en", 10).Select(m => (m.Item, m.Score)));

    private static IEnumerable<string> Labels(Skill skill) =>
        new[] { skill.LabelEn, skill.LabelFr ?? "" }.Concat(skill.AltLabelsEn).Concat(skill.AltLabelsFr).Where(l => l.Length > 0);
}
