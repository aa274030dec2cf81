using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Texts;

namespace Matching.Engine.Coaching.Advice;

/// <summary>One piece of advice for a seeker.</summary>
/// <param name="ModuleId">The advice module ("commute", "train-missing-skills", ...).</param>
/// <param name="Score">3 priority, 2 secondary, 1 worth a look; 0 is never returned (not shown).</param>
/// <param name="Category">The diagnosis category the advice addresses.</param>
/// <param name="Reason">Why it is advised, figures included.</param>
/// <param name="Steps">Concrete steps, in order.</param>
public sealed record ScoredAdvice(string ModuleId, int Score, DiagnosisCategory Category, TextRef Reason, IReadOnlyList<TextRef> Steps)
{
    public TextRef Title => TextRef.Of($"advice.{ModuleId}.title");
}

/// <summary>Advice a strategy takes along that another strategy of the page shows: named, not repeated.</summary>
/// <param name="ModuleId">The advice.</param>
/// <param name="StrategyId">The strategy that shows it.</param>
public sealed record StrategyReference(string ModuleId, string StrategyId)
{
    public TextRef AdviceTitle => TextRef.Of($"advice.{ModuleId}.title");

    public TextRef StrategyTitle => TextRef.Of($"strategy.{StrategyId}.title");
}

/// <summary>Advice grouped towards one goal.</summary>
/// <param name="Id">The strategy id ("make-applications-count").</param>
/// <param name="Advice">The advice it shows, required ones first: each advice belongs to one strategy of a page.</param>
/// <param name="Score">The sum of the scores of the advice it shows.</param>
public sealed record Strategy(string Id, DiagnosisCategory Category, int Score, IReadOnlyList<ScoredAdvice> Advice)
{
    /// <summary>Advice of this strategy shown in another one of the page (earlier in the order).</summary>
    public IReadOnlyList<StrategyReference> SeeAlso { get; init; } = [];

    public TextRef Title => TextRef.Of($"strategy.{Id}.title");

    public TextRef Description => TextRef.Of($"strategy.{Id}.description");
}
