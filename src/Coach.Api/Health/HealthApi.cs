using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithSummary("Readiness: 200 once the reference data is loaded and the match index answers (a yellow Elasticsearch cluster is reported in warnings); 503 otherwise, naming what is missing.");
        return routes;
    }

    public static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> GetHealth(ReferenceDataProvider referenceData, MatchingRuntimeProvider runtime)
    {
        if (referenceData.Current is not { } data)
        {
            var status = referenceData.Loaded.IsFaulted ? "failed" : "loading";
            return TypedResults.Json(new HealthStatus(status, 0, 0, null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var ready = new HealthStatus("ready", data.Taxonomy.Occupations.Count, data.Taxonomy.Skills.Count, data.LoadTime.TotalSeconds);
        if (runtime.Current?.Index is IIndexHealth { Health: var index })
        {
            var view = new IndexHealthView(index.Backend, index.Status.ToString(), index.Detail);
            if (index.Status == IndexHealthStatus.Unavailable)
            {
                return TypedResults.Json(ready with { Status = "index-unavailable", Index = view }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return TypedResults.Ok(ready with
            {
                Index = view,
                Warnings = index.Status == IndexHealthStatus.Degraded && index.Detail is { } detail ? [detail] : null,
            });
        }
        return TypedResults.Ok(ready);
    }
}

/// <summary>What /health says about the match index when it is a remote one (Elasticsearch).</summary>
public sealed record IndexHealthView(string Backend, string Status, string? Detail);

public sealed record HealthStatus(string Status, int Occupations, int Skills, double? LoadSeconds)
{
    public IndexHealthView? Index { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}
