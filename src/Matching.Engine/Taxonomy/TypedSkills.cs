using Matching.Engine.Hosting;
using Matching.Engine.Seekers;
using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// A skill from what a user typed (a suggestion's label, a skill URI, or their own words): the recruiter's skill field and
/// the skills added to an offer. Words several skills say as well are asked about, not guessed.
/// </summary>
public static class TypedSkills
{
    /// <summary>A typo-tolerant match is taken on its own only when this close: "react" read as "réagir en cas d'urgence
    /// minière" (0.79) is a guess, and guesses are offered, not taken ("javascrpit", JavaScript at 0.81, is offered too).</summary>
    public const double TakenScore = 0.9;

    /// <summary>Suggestions offered when nothing is taken.</summary>
    public const double SuggestedScore = 0.45;

    /// <summary>
    /// Another skill this close to the best sure match makes the words ambiguous: "Soins d'hygiène" says the animals' care item
    /// (0.907), the body's (0.900) and the patient's (0.894) about as well, and taking the first by a few thousandths sent a
    /// recruiter of care assistants to the animals' item.
    /// </summary>
    public const double AmbiguityMargin = 0.02;

    /// <summary>The skill the text names: a skill URI; a label or alternative label, French or English (technologies
    /// are often named in English), of an ESCO skill or a ROME 4.0 competence or savoir; else a near-exact typo-tolerant
    /// match that no other skill matches about as well (<see cref="Ambiguous"/>). A label is read as the concept the
    /// autocomplete suggests for it (<see cref="TaxonomySearch"/>), so picking a suggestion gives the skill it stands for.
    /// Null when nothing is that sure.</summary>
    public static Skill? Resolve(ReferenceData data, string? text, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
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
        var found = Candidates(data, text, language);
        if (found.FirstOrDefault(m => m.Labels.Any(l => TextNormalizer.Normalize(l) == wanted)).Skill is { } exact)
        {
            return exact;
        }
        var sure = Sure(found);
        return sure.Count == 1 ? sure[0].Skill : null;
    }

    /// <summary>
    /// The skills the words name about as well as each other (every match within <see cref="AmbiguityMargin"/> of the
    /// best), when there are several and none is named exactly: the one the most offers' jobs ask first
    /// (<see cref="OffersOfJobsAsking"/>), which a recruiter most likely means. Empty when the words are not ambiguous.
    /// </summary>
    public static IReadOnlyList<Skill> Ambiguous(ReferenceData data, string? text, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200 || Resolve(data, text, language) is not null)
        {
            return [];
        }
        var sure = Sure(Candidates(data, text.Trim(), language));
        return sure.Count < 2 ? [] : [.. sure.Select(m => m.Skill).OrderByDescending(s => OffersOfJobsAsking(data, s))];
    }

    /// <summary>What the user may have meant when <see cref="Resolve"/> takes nothing: the ambiguous skills, most asked
    /// first, else the first suggestions in the autocomplete's order.</summary>
    public static IReadOnlyList<Skill> Suggestions(ReferenceData data, string? text, string language, int limit = 3)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return [];
        }
        return Ambiguous(data, text, language) is { Count: > 0 } ambiguous
            ? [.. ambiguous.Take(limit)]
            : [.. Candidates(data, text.Trim(), language).Where(m => m.Score >= SuggestedScore).Select(m => m.Skill).DistinctBy(s => s.Id).Take(limit)];
    }

    /// <summary>
    /// How many offers France Travail published in 2021 for the jobs whose ROME 4.0 sheet lists the skill (it, or the ROME 4.0
    /// item it is aligned to): <see cref="JobReadings.OffersOfSheet"/> summed over those sheets. 0 for a skill no sheet lists.
    /// </summary>
    public static double OffersOfJobsAsking(ReferenceData data, Skill skill)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(skill);
        var taxonomy = data.Taxonomy;
        return skill.Aligned.Select(id => taxonomy.Skills[id]).Prepend(skill)
            .Select(taxonomy.Rome4ItemOf).OfType<Rome4Item>()
            .SelectMany(item => item.Sheets)
            .Distinct(StringComparer.Ordinal)
            .Select(taxonomy.Rome4.Sheet).OfType<Rome4Sheet>()
            .Sum(sheet => JobReadings.OffersOfSheet(data, sheet));
    }

    /// <summary>The best match when it is sure (at least <see cref="TakenScore"/>), with every other skill within <see cref="AmbiguityMargin"/> of it, sure or not.</summary>
    private static List<(Skill Skill, double Score)> Sure(List<(Skill Skill, double Score, IEnumerable<string> Labels)> found)
    {
        var ranked = found.OrderByDescending(m => m.Score).DistinctBy(m => m.Skill.Id).ToList();
        if (ranked.Count == 0 || ranked[0].Score < TakenScore)
        {
            return [];
        }
        return [.. ranked.Where(m => m.Score >= ranked[0].Score - AmbiguityMargin).Select(m => (m.Skill, m.Score))];
    }

    private static List<(Skill Skill, double Score, IEnumerable<string> Labels)> Candidates(ReferenceData data, string text, string language) =>
        [.. data.Search.Suggest(text, language, 10).Select(m => (m.Skill, m.Score, Labels(m)))
            .Concat(language == "en" ? [] : data.Search.Suggest(text, "en", 10).Select(m => (m.Skill, m.Score, Labels(m))))];

    /// <summary>Every label of the suggestion's concept: the one shown, the one that matched, and its skills' own.</summary>
    private static IEnumerable<string> Labels(SuggestedSkill suggestion) =>
        new[] { suggestion.Label, suggestion.MatchedLabel }
            .Concat(suggestion.SameConcept.SelectMany(s => new[] { s.LabelEn, s.LabelFr ?? "" }.Concat(s.AltLabelsEn).Concat(s.AltLabelsFr)))
            .Where(l => l.Length > 0);
}
