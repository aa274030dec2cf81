using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;

namespace Coach.Web.Recruiters;

/// <summary>A skill from what a user typed (a suggestion's label, or their own words).</summary>
public static class SkillText
{
    /// <summary>Below this, the best label match is a guess: better to say "not recognised".</summary>
    private const double MinScore = 0.45;

    public static Skill? Resolve(ReferenceData data, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }
        return data.Search.Skills(text.Trim(), Ui.Language, 1).FirstOrDefault() is { Score: >= MinScore } match ? match.Item : null;
    }
}
