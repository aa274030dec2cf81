namespace Coach.Assistant;

/// <summary>Who the assistant acts for: the signed-in user (or the web seeker of the cookie), with their role.</summary>
public sealed record AssistantCaller(string Id, string Role);

/// <summary>
/// A tool's answer: the data Coach gave, or why it gave none. A refusal reads like a 404 (no such seeker, or one the
/// caller may not see): the assistant learns nothing about whether the id exists.
/// </summary>
public sealed record ToolAnswer(object? Data, string? Refusal = null)
{
    public static ToolAnswer Refused(string why) => new(null, why);
}

/// <summary>
/// The assistant's tools: Coach's own use cases, each called as <see cref="AssistantCaller"/> with that use case's
/// access rule and audit, so the assistant reaches no data the user could not. Deliberately narrow: what a seeker (or
/// their adviser) can already see on their page, nothing else. The host implements it over its use cases.
/// </summary>
public interface IAssistantTools
{
    /// <summary>The seeker's diagnosis: main challenge, every category with its reasons, the questions that would change it.</summary>
    Task<ToolAnswer> DiagnoseAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken);

    /// <summary>The seeker's best offers with the reasons (skills met, met through a related skill, missing; distance; parts).</summary>
    Task<ToolAnswer> MatchesAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken);

    /// <summary>Essential skills of the seeker's target job they lack, ranked by the local offers each unlocks.</summary>
    Task<ToolAnswer> SkillsGapAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken);

    /// <summary>Jobs close to the seeker's skills, with the skills to add and their local market.</summary>
    Task<ToolAnswer> CloseJobsAsync(AssistantCaller caller, string seekerId, string language, CancellationToken cancellationToken);

    /// <summary>Why one offer matches (or not) the seeker: the explanation of the pair.</summary>
    Task<ToolAnswer> ExplainOfferAsync(AssistantCaller caller, string seekerId, string offerId, string language, CancellationToken cancellationToken);

    /// <summary>Offers vs profiles for a job (ROME code, ESCO URI or the user's words) around a commune, and the DARES tension.</summary>
    Task<ToolAnswer> MarketAsync(AssistantCaller caller, string job, string? commune, string language, CancellationToken cancellationToken);
}
