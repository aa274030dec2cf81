using Matching.Engine.Coaching.Diagnosis;
using C = Matching.Engine.Coaching.Diagnosis.DiagnosisCategory;

namespace Matching.Engine.Coaching.Advice;

/// <summary>A strategy template: the advice it needs (all of them, or it is dropped) and the advice it
/// takes along when the seeker got it.</summary>
public sealed record StrategyTemplate(string Id, DiagnosisCategory Category, IReadOnlyList<string> Required, IReadOnlyList<string> Optional);

/// <summary>Groups scored advice into strategies per diagnosis category.</summary>
public static class StrategyBuilder
{
    public static IReadOnlyList<StrategyTemplate> Templates { get; } =
    [
        new("find-your-path", C.UndefinedProject, ["explore-riasec"], ["volunteer", "events"]),
        new("build-missing-skills", C.SkillsGap, ["train-missing-skills"], ["work-study", "vae"]),
        new("widen-search", C.StuckMarket, ["commute"], ["driving-licence", "other-work-environments", "relocate"]),
        new("open-other-doors", C.StuckMarket, ["other-work-environments"], ["spontaneous-application", "driving-licence"]),
        new("same-family-better-market", C.StuckMarket, ["better-job-same-family"], ["train-missing-skills"]),
        new("change-job", C.StuckMarket, ["reorient-close-job"], ["train-missing-skills", "better-job-same-family"]),
        new("move-where-jobs-are", C.StuckMarket, ["relocate"], ["driving-licence"]),
        new("own-business", C.StuckMarket, ["create-company"], ["network"]),
        new("test-before-committing", C.FindWhatYouLike, ["explore-riasec", "volunteer"], ["events"]),
        new("get-qualified", C.MissingDiploma, ["vae"], ["work-study", "train-missing-skills"]),
        new("train-for-the-diploma", C.MissingDiploma, ["train-missing-skills"], ["work-study"]),
        new("launch-search", C.StartYourSearch, ["refresh-cv"], ["network", "events", "spontaneous-application"]),
        new("hidden-job-market", C.StartYourSearch, ["spontaneous-application", "network"], ["events", "follow-up"]),
        new("make-applications-count", C.EnhanceInterviews, ["improve-cv"], ["apply-less-better", "follow-up"]),
        new("ace-interviews", C.EnhanceInterviews, ["prepare-interviews"], ["age-as-asset"]),
    ];

    /// <summary>
    /// The strategies whose required advice were all given (a strategy needing an advice the seeker did not
    /// get is dropped). Order: the main challenge's category, then categories needing attention, then the
    /// others; within those, the higher total score first. No advice appears twice on a page: each belongs to
    /// the first strategy that takes it, and the later ones reference it (<see cref="Strategy.SeeAlso"/>); a
    /// strategy left with nothing of its own is dropped.
    /// </summary>
    public static IReadOnlyList<Strategy> Build(IReadOnlyList<ScoredAdvice> advice, SeekerDiagnosis diagnosis)
    {
        var byId = advice.Where(a => a.Score > 0).ToDictionary(a => a.ModuleId, StringComparer.Ordinal);
        var strategies = new List<(Strategy strategy, int order)>();
        foreach (var (template, order) in Templates.Select((t, i) => (t, i)))
        {
            if (!template.Required.All(byId.ContainsKey))
            {
                continue;
            }
            var members = template.Required.Concat(template.Optional.Where(byId.ContainsKey)).Select(id => byId[id]).ToList();
            strategies.Add((new Strategy(template.Id, template.Category, members.Sum(a => a.Score), members), order));
        }
        var ordered = strategies
            .OrderBy(s => Rank(s.strategy.Category, diagnosis))
            .ThenByDescending(s => s.strategy.Score)
            .ThenBy(s => s.order)
            .Select(s => s.strategy);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var page = new List<Strategy>();
        foreach (var strategy in ordered)
        {
            var own = strategy.Advice.Where(a => !owner.ContainsKey(a.ModuleId)).ToList();
            if (own.Count == 0)
            {
                continue;
            }
            var seeAlso = strategy.Advice.Where(a => owner.ContainsKey(a.ModuleId)).Select(a => new StrategyReference(a.ModuleId, owner[a.ModuleId])).ToList();
            own.ForEach(a => owner[a.ModuleId] = strategy.Id);
            page.Add(strategy with { Advice = own, Score = own.Sum(a => a.Score), SeeAlso = seeAlso });
        }
        return page;
    }

    private static int Rank(DiagnosisCategory category, SeekerDiagnosis diagnosis) => diagnosis[category].Status switch
    {
        CategoryStatus.MainChallenge => 0,
        CategoryStatus.NeedsAttention => 1,
        _ => 2,
    };
}
