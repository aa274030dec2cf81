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
    /// are often named in English), of an ESCO skill or a ROME 4.0 competence or savoir; else a near-exact typo-tolerant
    /// match. A label is read as the concept the autocomplete suggests for it (<see cref="TaxonomySearch"/>: the ESCO
    /// skill a ROME 4.0 item saying the same thing is aligned to), so picking a suggestion gives the skill it stands for.
    /// Null when nothing is that sure.</summary>
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
        return found.FirstOrDefault(m => m.Labels.Any(l => TextNormalizer.Normalize(l) == wanted)).Skill
            ?? found.Where(m => m.Score >= TakenScore).OrderByDescending(m => m.Score).Select(m => m.Skill).FirstOrDefault();
    }

    /// <summary>What the user may have meant when <see cref="Resolve"/> finds nothing sure: the first suggestions, in the autocomplete's order.</summary>
    public static IReadOnlyList<Skill> Suggestions(ReferenceData data, string? text, int limit = 3) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 200
            ? []
            : [.. Candidates(data, text.Trim()).Where(m => m.Score >= SuggestedScore).Select(m => m.Skill).DistinctBy(s => s.Id).Take(limit)];

    private static IEnumerable<(Skill Skill, double Score, IEnumerable<string> Labels)> Candidates(ReferenceData data, string text) =>
        data.Search.Suggest(text, Ui.Language, 10).Select(m => (m.Skill, m.Score, Labels(m)))
            .Concat(Ui.Language == "en" ? [] : data.Search.Suggest(text, "en", 10).Select(m => (m.Skill, m.Score, Labels(m))));

    /// <summary>Every label of the suggestion's concept: the one shown, the one that matched, and its skills' own.</summary>
    private static IEnumerable<string> Labels(SuggestedSkill suggestion) =>
        new[] { suggestion.Label, suggestion.MatchedLabel }
            .Concat(suggestion.SameConcept.SelectMany(s => new[] { s.LabelEn, s.LabelFr ?? "" }.Concat(s.AltLabelsEn).Concat(s.AltLabelsFr)))
            .Where(l => l.Length > 0);
}
