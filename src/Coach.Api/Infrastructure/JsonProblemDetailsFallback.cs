using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Coach.Api.Infrastructure;

/// <summary>
/// The last of the ProblemDetails writers: JSON whatever the <c>Accept</c> header says. The default writer declines a
/// caller that accepts only, say, <c>text/html</c> on an API path, and <c>IProblemDetailsService.WriteAsync</c> then
/// throws: a rate-limited browser got a 500 and a stack trace per request. An error answer in JSON is better than none.
/// </summary>
internal sealed class JsonProblemDetailsFallback(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, "application/problem+json", http.RequestAborted));
    }
}
