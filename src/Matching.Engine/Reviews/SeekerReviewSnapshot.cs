using System.Text.Json;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;

namespace Matching.Engine.Reviews;

/// <summary>What enters the review queue, and how a review changes what the seeker sees.</summary>
public static class SeekerReviewSnapshot
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>What the adviser reviews: the answers, the main challenge, every advice with its score, the strategies.</summary>
    public static string Of(SeekerProfile profile, CoachAssessment assessment) => JsonSerializer.Serialize(new
    {
        profile,
        mainChallenge = assessment.Diagnosis.MainChallenge?.ToString(),
        advice = assessment.Advice.Select(a => new { moduleId = a.ModuleId, score = a.Score }),
        strategies = assessment.Strategies.Select(s => s.Id),
    }, s_json);

    /// <summary>The adviser's scores replace the engine's; a score of 0 hides the advice; highest scores first.</summary>
    public static IReadOnlyList<RenderedAdvice> Apply(IEnumerable<RenderedAdvice> advice, IReadOnlyDictionary<string, int> overrides) =>
        [.. advice
            .Select(a => overrides.TryGetValue(a.ModuleId, out var score) ? a with { Score = score } : a)
            .Where(a => a.Score > 0)
            .OrderByDescending(a => a.Score)];

    /// <summary>Strategies with the review applied to their advice; a strategy left with no advice is dropped.</summary>
    public static IReadOnlyList<RenderedStrategy> Apply(IEnumerable<RenderedStrategy> strategies, IReadOnlyDictionary<string, int> overrides) =>
        [.. strategies.Select(s => s with { Advice = Apply(s.Advice, overrides) }).Where(s => s.Advice.Count > 0)];

    /// <summary>The page without the offers the adviser graded 0 for this seeker; its total counts them out too.</summary>
    public static MatchPage Without(MatchPage page, IReadOnlySet<string> notForSeeker)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(notForSeeker);
        if (notForSeeker.Count == 0 || !page.Hits.Any(h => notForSeeker.Contains(h.Id)))
        {
            return page;
        }
        var kept = page.Hits.Where(h => !notForSeeker.Contains(h.Id)).ToList();
        return page with { Hits = kept, Total = Math.Max(kept.Count, page.Total - (page.Hits.Count - kept.Count)) };
    }

    /// <summary>The adviser's words with notes only on advice the seeker sees; null when the adviser wrote nothing for the seeker.</summary>
    public static AdviserWords? ForShownAdvice(AdviserWords? words, IEnumerable<RenderedAdvice> shown)
    {
        if (words is null)
        {
            return null;
        }
        var modules = shown.Select(a => a.ModuleId).ToHashSet(StringComparer.Ordinal);
        var notes = words.AdviceNotes.Where(n => modules.Contains(n.Key)).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        return words.Message is null && notes.Count == 0 ? null : words with { AdviceNotes = notes };
    }
}
