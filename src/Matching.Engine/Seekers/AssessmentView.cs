using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;

namespace Matching.Engine.Seekers;

public sealed record SkillsGapView(double? Share, int AskedSkills, IReadOnlyList<MissingSkill> Missing);

/// <summary>
/// What a seeker sees: what Coach understood, the diagnosis, the strategy (with their adviser's
/// review applied when they have one), the skills gap, close jobs and matching offers.
/// </summary>
/// <param name="RadiusKm">How far the seeker will go, as the matching read it.</param>
/// <param name="MatchesTotal">Offers matching in all (<paramref name="Matches"/> holds the best of them).</param>
/// <param name="Reviewed">An adviser's review changed what the seeker sees.</param>
/// <param name="MatchesTotalIsLowerBound">At least <paramref name="MatchesTotal"/> offers match: the count stopped at <see cref="MatchOptions.TotalUpTo"/>, or,
/// for a seeker with no skill of the job, it counts the offers of the job (or a close one) among the hits read and more matches followed.</param>
public sealed record AssessmentView(
    UnderstoodTarget? Target,
    Place? Place,
    RenderedDiagnosis Diagnosis,
    IReadOnlyList<RenderedStrategy> Strategies,
    IReadOnlyList<RenderedAdvice> Advice,
    SkillsGapView? SkillsGap,
    IReadOnlyList<CloseJob> CloseJobs,
    MarketFacts Facts,
    IReadOnlyList<OfferMatchView> Matches,
    double RadiusKm = 30,
    long MatchesTotal = 0,
    bool Reviewed = false,
    bool MatchesTotalIsLowerBound = false)
{
    /// <summary>The seeker gave no skill: the matches were found with the target job's usual skills.</summary>
    public bool MatchedOnTargetJobSkills { get; init; }

    /// <summary>What the seeker's adviser wrote for them in the latest review (never the internal notes); null when nothing.</summary>
    public Reviews.AdviserWords? FromAdviser { get; init; }
}

/// <summary>The strategies and advice a seeker sees, with what their adviser wrote for them (null when nothing).</summary>
public sealed record StrategyView(IReadOnlyList<RenderedStrategy> Strategies, IReadOnlyList<RenderedAdvice> Advice, Reviews.AdviserWords? FromAdviser = null);
