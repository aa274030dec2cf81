using System.Globalization;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;

namespace Matching.Engine.Coaching.Texts;

public sealed record RenderedCategory(string Id, string Title, string Status, string StatusLabel, IReadOnlyList<string> Reasons);

public sealed record RenderedQuestion(string Field, string Question, string Impact);

/// <summary>A diagnosis in plain words, for the API and the UI.</summary>
/// <param name="MainChallengeProvisional">True when the main challenge waits for answers (the questions) rather than holds.</param>
public sealed record RenderedDiagnosis(string? MainChallenge, string? MainChallengeTitle, IReadOnlyList<RenderedCategory> Categories, IReadOnlyList<RenderedQuestion> Questions, bool MainChallengeProvisional = false);

public sealed record RenderedAdvice(string ModuleId, string Title, int Score, string Category, string Reason, IReadOnlyList<string> Steps);

/// <summary>An advice of a strategy that another strategy of the page shows.</summary>
public sealed record RenderedReference(string ModuleId, string Title, string StrategyId, string StrategyTitle);

/// <param name="SeeAlso">Advice of this strategy shown in another strategy of the page (never shown twice).</param>
public sealed record RenderedStrategy(string Id, string Title, string Description, string Category, int Score, IReadOnlyList<RenderedAdvice> Advice, IReadOnlyList<RenderedReference>? SeeAlso = null);

/// <summary>Renders diagnoses, advice and strategies in a culture (French when the culture has no texts).</summary>
public static class CoachRendering
{
    public static RenderedDiagnosis Localize(this SeekerDiagnosis diagnosis, CultureInfo culture) => new(
        diagnosis.MainChallenge?.Id(),
        diagnosis.MainChallenge is { } main
            ? CoachTexts.Get(diagnosis.Provisional ? TextRef.Of("diagnosis.provisional", main.Title(CategoryStatus.NotEnoughData)) : main.Title(), culture)
            : null,
        [.. diagnosis.Categories.Select(c => new RenderedCategory(
            c.Id.Id(),
            CoachTexts.Get(c.Title, culture),
            StatusId(c.Status),
            // Nothing holds the seeker back: bravo is where they stand, not a "priority" to work on.
            CoachTexts.Get(c.Id == DiagnosisCategory.Bravo && c.Status == CategoryStatus.MainChallenge ? "status.bravo" : $"status.{StatusId(c.Status)}", culture),
            [.. c.Reasons.Select(r => CoachTexts.Get(r, culture))]))],
        [.. diagnosis.MissingAnswers.Select(q => new RenderedQuestion(
            q.Field,
            CoachTexts.Get(q.Question, culture),
            q.Impact == AnswerImpact.ChangesMainChallenge ? "main-challenge" : "category"))],
        diagnosis.Provisional);

    public static RenderedAdvice Localize(this ScoredAdvice advice, CultureInfo culture) => new(
        advice.ModuleId,
        CoachTexts.Get(advice.Title, culture),
        advice.Score,
        advice.Category.Id(),
        CoachTexts.Get(advice.Reason, culture),
        [.. advice.Steps.Select(s => CoachTexts.Get(s, culture))]);

    public static IReadOnlyList<RenderedAdvice> Localize(this IEnumerable<ScoredAdvice> advice, CultureInfo culture) =>
        [.. advice.Select(a => a.Localize(culture))];

    public static RenderedStrategy Localize(this Strategy strategy, CultureInfo culture) => new(
        strategy.Id,
        CoachTexts.Get(strategy.Title, culture),
        CoachTexts.Get(strategy.Description, culture),
        strategy.Category.Id(),
        strategy.Score,
        strategy.Advice.Localize(culture),
        [.. strategy.SeeAlso.Select(r => new RenderedReference(r.ModuleId, CoachTexts.Get(r.AdviceTitle, culture), r.StrategyId, CoachTexts.Get(r.StrategyTitle, culture)))]);

    public static IReadOnlyList<RenderedStrategy> Localize(this IEnumerable<Strategy> strategies, CultureInfo culture) =>
        [.. strategies.Select(s => s.Localize(culture))];

    private static string StatusId(CategoryStatus status) => status switch
    {
        CategoryStatus.MainChallenge => "main-challenge",
        CategoryStatus.NeedsAttention => "needs-attention",
        CategoryStatus.Fine => "fine",
        CategoryStatus.NotYet => "not-yet",
        _ => "not-enough-data",
    };
}
