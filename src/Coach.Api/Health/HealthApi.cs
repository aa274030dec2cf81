using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ranking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithCost(RequestCostAttribute.Free)
            .WithSummary("Readiness: 200 once the reference data is loaded and the match index is open and answers (a yellow Elasticsearch cluster is reported in warnings); 503 before, or while the cluster is unreachable or red, naming it.");
        return routes;
    }

    /// <summary>Ready means ready: every endpoint answers once this says 200 (the index opens after the reference data).</summary>
    /// <remarks>Impressions dropped unwritten (ranking training data; <see cref="ImpressionLog"/>) are a warning: still ready.</remarks>
    public static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> GetHealth(ReferenceDataProvider referenceData, HostedMatchIndex index, ImpressionLog impressions)
    {
        if (referenceData.Current is { } data && index.IsReady)
        {
            var ready = new HealthStatus("ready", data.Taxonomy.Occupations.Count, data.Taxonomy.Skills.Count, data.LoadTime.TotalSeconds);
            List<string> warnings = [];
            if (impressions.DroppedImpressions is > 0 and var dropped)
            {
                warnings.Add($"{dropped} impressions (offers shown, kept to train the ranking) dropped unwritten since start: the store did not keep up with the pages shown.");
            }
            if (index.RemoteHealth is not { } remote)
            {
                return TypedResults.Ok(ready with { Warnings = warnings.Count > 0 ? warnings : null });
            }
            var view = new IndexHealthView(remote.Backend, remote.Status.ToString(), remote.Detail);
            if (remote.Status == IndexHealthStatus.Degraded && remote.Detail is { } detail)
            {
                warnings.Insert(0, detail);
            }
            return remote.Status == IndexHealthStatus.Unavailable
                ? TypedResults.Json(ready with { Status = "index-unavailable", Index = view }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Ok(ready with { Index = view, Warnings = warnings.Count > 0 ? warnings : null });
        }
        var status = referenceData.Loaded.IsFaulted || index.HasFailed ? "failed"
            : referenceData.IsReady ? "opening index"
            : "loading";
        return TypedResults.Json(new HealthStatus(status, 0, 0, referenceData.Current?.LoadTime.TotalSeconds), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>What /health says about the match index when it is a remote one (Elasticsearch).</summary>
public sealed record IndexHealthView(string Backend, string Status, string? Detail);

public sealed record HealthStatus(string Status, int Occupations, int Skills, double? LoadSeconds)
{
    public IndexHealthView? Index { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}
