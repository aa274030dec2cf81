using Matching.Engine.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithSummary("Readiness: 200 once the reference data is loaded, 503 before.");
        return routes;
    }

    public static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> GetHealth(ReferenceDataProvider referenceData)
    {
        if (referenceData.Current is { } data)
        {
            return TypedResults.Ok(new HealthStatus("ready", data.Taxonomy.Occupations.Count, data.Taxonomy.Skills.Count, data.LoadTime.TotalSeconds));
        }
        var status = referenceData.Loaded.IsFaulted ? "failed" : "loading";
        return TypedResults.Json(new HealthStatus(status, 0, 0, null), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthStatus(string Status, int Occupations, int Skills, double? LoadSeconds);
