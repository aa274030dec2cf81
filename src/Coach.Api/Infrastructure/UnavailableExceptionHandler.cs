using System.Globalization;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Diagnostics;

namespace Coach.Api.Infrastructure;

/// <summary>
/// The one mapping of <see cref="IndexUnavailableException"/> (the index is not open yet, or not
/// reachable): 503 ProblemDetails with Retry-After, whichever endpoint or page asked.
/// </summary>
internal sealed class UnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IndexUnavailableException unavailable)
        {
            return false;
        }
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
                Title = "Not ready",
                Detail = unavailable.Message,
            },
        });
    }
}
