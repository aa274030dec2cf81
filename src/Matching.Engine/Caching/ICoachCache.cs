using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;

namespace Matching.Engine.Caching;

/// <summary>
/// What the use cases cache because it is costly and the same for every caller: a seeker's assessment for an
/// unchanged questionnaire, and market supply/demand. Two implementations: <see cref="NoCoachCache"/> (the
/// engine alone, nothing cached) and the host's (HybridCache, with Redis when configured: Coach.Api/Caching).
/// </summary>
public interface ICoachCache
{
    /// <summary>The seeker's assessment of this questionnaire: from the cache when it was computed from the same one.</summary>
    Task<CoachAssessment> AssessmentAsync(string seekerId, string language, SeekerProfile profile, Func<CancellationToken, Task<CoachAssessment>> assess, CancellationToken cancellationToken);

    /// <summary>Drops the seeker's cached assessments everywhere (after a write, a delete or an erasure).</summary>
    Task InvalidateSeekerAsync(string seekerId, CancellationToken cancellationToken);

    /// <summary>Supply and demand, from the cache for a few minutes.</summary>
    Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, Func<CancellationToken, Task<SupplyDemandResult>> compute, CancellationToken cancellationToken);
}

/// <summary>Nothing cached: every call computes.</summary>
public sealed class NoCoachCache : ICoachCache
{
    public Task<CoachAssessment> AssessmentAsync(string seekerId, string language, SeekerProfile profile, Func<CancellationToken, Task<CoachAssessment>> assess, CancellationToken cancellationToken) =>
        assess(cancellationToken);

    public Task InvalidateSeekerAsync(string seekerId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, Func<CancellationToken, Task<SupplyDemandResult>> compute, CancellationToken cancellationToken) =>
        compute(cancellationToken);
}
