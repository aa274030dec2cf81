using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Infrastructure;

public static class ProblemResults
{
    public static IServiceCollection AddCoachProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        // Binding failures throw (in every environment), so the handler above answers them with the field and position.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        // After the default writer: JSON whatever the Accept header, rather than an exception.
        services.AddSingleton<IProblemDetailsWriter, JsonProblemDetailsFallback>();
        services.AddSingleton<UnknownRoutes>();
        return services;
    }

    /// <summary>The catch-all route, for files too: an unknown path is a 404 (415 or 405 when the path exists), never a 401.</summary>
    public static RouteHandlerBuilder MapUnknownRoutes(this IEndpointRouteBuilder routes) =>
        routes.MapFallback("{*path}", (HttpContext context, UnknownRoutes unknown) => unknown.Answer(context))
            .WithMetadata(new UnknownRouteMarker())
            .ExcludeFromDescription();

    /// <summary>Fallback for any route Coach does not serve.</summary>
    public static ProblemHttpResult UnknownRoute(HttpContext context) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"No resource at {context.Request.Method} {context.Request.Path}.");

    /// <summary>A 404 for a resource the caller may not see or that does not exist (the same answer: no leak).</summary>
    public static ProblemHttpResult NotFound(string kind, string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"No {kind} with id '{(id.Length <= 100 ? id : id[..100] + "…")}'.");

    /// <summary>A 400 naming the field at fault.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 503 while the reference data loads.</summary>
    public static ProblemHttpResult NotReady() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Starting",
            detail: "Coach is still loading its reference data; try again in a few seconds.");
}
