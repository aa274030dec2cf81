using System.Globalization;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Diagnostics;

namespace Coach.Api.Infrastructure;

/// <summary>
/// The match index cannot answer now (its cluster is unreachable or red): a 503 ProblemDetails with
/// <c>Retry-After</c>, never a 500. Coach keeps running and retries the cluster with back-off.
/// </summary>
internal sealed class IndexUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<IndexUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IndexUnavailableException unavailable)
        {
            return false;
        }
        logger.LogDebug("Index unavailable for {Path}: {Reason}", httpContext.Request.Path, unavailable.Message);
        var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The match index is unavailable",
                Detail = $"{unavailable.Message} Try again in {seconds} s.",
            },
        });
    }
}
