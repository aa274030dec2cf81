using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;

namespace Coach.Web.Recruiters;

/// <summary>A skill from what a user typed, in the page's language (<see cref="TypedSkills"/>).</summary>
public static class SkillText
{
    /// <inheritdoc cref="TypedSkills.Resolve"/>
    public static Skill? Resolve(ReferenceData data, string? text) => TypedSkills.Resolve(data, text, Ui.Language);

    /// <inheritdoc cref="TypedSkills.Ambiguous"/>
    public static IReadOnlyList<Skill> Ambiguous(ReferenceData data, string? text) => TypedSkills.Ambiguous(data, text, Ui.Language);

    /// <inheritdoc cref="TypedSkills.Suggestions"/>
    public static IReadOnlyList<Skill> Suggestions(ReferenceData data, string? text, int limit = 3) => TypedSkills.Suggestions(data, text, Ui.Language, limit);

    /// <summary>What the page says of words it did not take: several skills they may mean (choose one), or none it knows.</summary>
    public static string Unknown(ReferenceData data, string text, string unknownKey) =>
        Ambiguous(data, text) is { Count: > 0 } ambiguous
            ? Ui.T("skill.error.ambiguous", text, string.Join(" ; ", ambiguous.Take(3).Select(s => s.Label(Ui.Language))))
            : Ui.T(unknownKey, text);
}
