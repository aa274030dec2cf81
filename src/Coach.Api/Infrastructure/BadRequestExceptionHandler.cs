using Microsoft.AspNetCore.Diagnostics;

namespace Coach.Api.Infrastructure;

/// <summary>
/// A body or parameter that cannot be read (malformed JSON, "abc" for a number) is the client's
/// fault: a 400 ProblemDetails saying what could not be read, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = bad.InnerException is System.Text.Json.JsonException json
                    ? $"The body is not valid JSON{(json.Path is { } path ? $" at {path}" : "")}: {json.Message}"
                    : bad.Message,
            },
        });
    }
}
