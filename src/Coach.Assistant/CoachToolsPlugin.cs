using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace Coach.Assistant;

/// <summary>One tool call of a turn, as the answer cites it.</summary>
/// <param name="Id">The citation id the model was given ("T1", "T2", ...).</param>
/// <param name="Refused">The tool's access rule refused it (no data was given to the model).</param>
/// <param name="Result">The JSON the model received.</param>
public sealed record ToolCitation(string Id, string Tool, IReadOnlyDictionary<string, string?> Arguments, bool Refused, string Result);

/// <summary>The tool calls of one turn, numbered in call order.</summary>
internal sealed partial class ToolCallLog
{
    private readonly Lock _lock = new();
    private readonly List<ToolCitation> _calls = [];

    public IReadOnlyList<ToolCitation> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public string Add(string tool, IReadOnlyDictionary<string, string?> arguments, ToolAnswer answer)
    {
        lock (_lock)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"T{_calls.Count + 1}");
            var json = answer.Refusal is null
                ? JsonSerializer.Serialize(new { citation = id, tool, data = answer.Data }, CoachAssistant.Json)
                : JsonSerializer.Serialize(new { citation = id, tool, refused = answer.Refusal }, CoachAssistant.Json);
            _calls.Add(new ToolCitation(id, tool, arguments, answer.Refusal is not null, json));
            return json;
        }
    }

    /// <summary>The calls an answer cites ("[T1]", "[T2, T3]"), in call order.</summary>
    public IReadOnlyList<ToolCitation> CitedBy(string answer)
    {
        var cited = Citation().Matches(answer)
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(c => cited.Contains(c.Id))];
    }

    [GeneratedRegex(@"\[(T\d+(?:\s*,\s*T\d+)*)\]")]
    private static partial Regex Citation();
}

/// <summary>
/// Coach's use cases as the model's tools, bound to the caller: the model chooses which tool and which seeker, never
/// who asks. Every call goes through <see cref="IAssistantTools"/> (the use case's access rule and audit) and is logged
/// with a citation id the answer must quote.
/// </summary>
internal sealed class CoachToolsPlugin(IAssistantTools tools, AssistantCaller caller, string language, ToolCallLog log)
{
    private const string SeekerIdHelp = "The seeker's id. Leave empty when the user is the seeker asking about themself.";

    [KernelFunction("diagnose"), Description("The seeker's diagnosis: the main challenge, every category with its status and reasons, and the questions whose answers would change it.")]
    public Task<string> DiagnoseAsync([Description(SeekerIdHelp)] string? seekerId = null, CancellationToken cancellationToken = default) =>
        ForSeekerAsync("diagnose", seekerId, id => tools.DiagnoseAsync(caller, id, language, cancellationToken));

    [KernelFunction("matches"), Description("The seeker's best matching job offers, each with the reasons: skills matched, matched through a related skill, missing; distance; contract.")]
    public Task<string> MatchesAsync([Description(SeekerIdHelp)] string? seekerId = null, CancellationToken cancellationToken = default) =>
        ForSeekerAsync("matches", seekerId, id => tools.MatchesAsync(caller, id, language, cancellationToken));

    [KernelFunction("skills_gap"), Description("The essential skills of the seeker's target job that they lack, ranked by how many nearby offers each would unlock.")]
    public Task<string> SkillsGapAsync([Description(SeekerIdHelp)] string? seekerId = null, CancellationToken cancellationToken = default) =>
        ForSeekerAsync("skills_gap", seekerId, id => tools.SkillsGapAsync(caller, id, language, cancellationToken));

    [KernelFunction("close_jobs"), Description("Jobs the seeker could reach with few new skills, with the skills to add and their local market.")]
    public Task<string> CloseJobsAsync([Description(SeekerIdHelp)] string? seekerId = null, CancellationToken cancellationToken = default) =>
        ForSeekerAsync("close_jobs", seekerId, id => tools.CloseJobsAsync(caller, id, language, cancellationToken));

    [KernelFunction("explain_offer"), Description("Why one job offer matches the seeker or not: skills met, met through a related skill, missing; distance; score parts.")]
    public async Task<string> ExplainOfferAsync(
        [Description("The offer's id, as the matches tool gives it.")] string offerId,
        [Description(SeekerIdHelp)] string? seekerId = null,
        CancellationToken cancellationToken = default)
    {
        var args = new Dictionary<string, string?> { ["offerId"] = offerId, ["seekerId"] = seekerId };
        if (string.IsNullOrWhiteSpace(offerId))
        {
            return log.Add("explain_offer", args, ToolAnswer.Refused("Give the offer's id (the matches tool lists them)."));
        }
        return await ForSeekerAsync("explain_offer", seekerId, id => tools.ExplainOfferAsync(caller, id, offerId, language, cancellationToken), args);
    }

    [KernelFunction("market"), Description("The local job market of a job: offers vs job seekers around a commune, and the official tension (offers per ten job seekers).")]
    public async Task<string> MarketAsync(
        [Description("The job: a ROME code (M1805), an ESCO occupation URI, or the job title in words.")] string job,
        [Description("A commune's INSEE code or name; empty for the whole country.")] string? commune = null,
        CancellationToken cancellationToken = default)
    {
        var args = new Dictionary<string, string?> { ["job"] = job, ["commune"] = commune };
        var answer = string.IsNullOrWhiteSpace(job)
            ? ToolAnswer.Refused("Say which job.")
            : await tools.MarketAsync(caller, job, commune, language, cancellationToken);
        return log.Add("market", args, answer);
    }

    private async Task<string> ForSeekerAsync(string tool, string? seekerId, Func<string, Task<ToolAnswer>> call, Dictionary<string, string?>? args = null)
    {
        args ??= new Dictionary<string, string?> { ["seekerId"] = seekerId };
        // A seeker's own data by default; anyone else must name the seeker, and the use case decides whether they may.
        var id = string.IsNullOrWhiteSpace(seekerId) ? (caller.Role == "seeker" ? caller.Id : null) : seekerId.Trim();
        var answer = id is null ? ToolAnswer.Refused("Say which seeker (their id).") : await call(id);
        return log.Add(tool, args, answer);
    }
}
