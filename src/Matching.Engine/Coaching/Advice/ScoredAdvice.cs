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

/// <summary>Advice grouped towards one goal.</summary>
/// <param name="Id">The strategy id ("make-applications-count").</param>
/// <param name="Advice">The advice it groups, required ones first.</param>
public sealed record Strategy(string Id, DiagnosisCategory Category, int Score, IReadOnlyList<ScoredAdvice> Advice)
{
    public TextRef Title => TextRef.Of($"strategy.{Id}.title");

    public TextRef Description => TextRef.Of($"strategy.{Id}.description");
}
