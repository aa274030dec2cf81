using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithCost(RequestCostAttribute.Free)
            .WithSummary("Readiness: 200 once the reference data is loaded and the match index is open, 503 before.");
        return routes;
    }

    /// <summary>Ready means ready: every endpoint answers once this says 200 (the index opens after the reference data).</summary>
    public static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> GetHealth(ReferenceDataProvider referenceData, HostedMatchIndex index)
    {
        if (referenceData.Current is { } data && index.IsReady)
        {
            return TypedResults.Ok(new HealthStatus("ready", data.Taxonomy.Occupations.Count, data.Taxonomy.Skills.Count, data.LoadTime.TotalSeconds));
        }
        var status = referenceData.Loaded.IsFaulted || index.HasFailed ? "failed"
            : referenceData.IsReady ? "opening index"
            : "loading";
        return TypedResults.Json(new HealthStatus(status, 0, 0, referenceData.Current?.LoadTime.TotalSeconds), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthStatus(string Status, int Occupations, int Skills, double? LoadSeconds);
