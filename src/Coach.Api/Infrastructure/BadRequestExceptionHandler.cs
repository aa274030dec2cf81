using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Coach.Api.Infrastructure;

/// <summary>
/// A body or parameter that cannot be read (malformed JSON, "abc" for a number, a null in a list) is the client's
/// fault: a 400 validation ProblemDetails whose <c>errors</c> name the field and the position, never a 500. So is a
/// query the index refuses (<see cref="IndexValidationException"/>: the index validates what every caller sends), and a
/// form that cannot be read or verified.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad =>
                (bad.StatusCode, "The request body is not valid JSON", new Dictionary<string, string[]> { [JsonErrors.FieldOf(json)] = [JsonErrors.Describe(json)] }),
            // No body where one is needed: the framework's words ("Implicit body inferred… Did you mean to use a Service instead?")
            // speak to the server's developer, not to the client.
            BadHttpRequestException bad when MissingBody(bad.Message) =>
                (bad.StatusCode, "The request has no body", new Dictionary<string, string[]> { [ParameterOf(bad.Message)] = ["A JSON body is required."] }),
            BadHttpRequestException bad =>
                (bad.StatusCode, "The request could not be read", new Dictionary<string, string[]> { [ParameterOf(bad.Message)] = [bad.Message] }),
            IndexValidationException invalid =>
                (StatusCodes.Status400BadRequest, "One or more validation errors occurred.", Errors(invalid)),
            // A form that cannot be read (a NUL in a value) or verified: the sender's fault.
            AntiforgeryValidationException refused =>
                (StatusCodes.Status400BadRequest, "The form could not be verified", new Dictionary<string, string[]> { ["$"] = [refused.Message] }),
            _ => (0, "", []),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(errors) { Status = status, Title = title },
        });
    }

    private static Dictionary<string, string[]> Errors(IndexValidationException invalid)
    {
        if (invalid.Errors.Count == 0)
        {
            return new() { ["$"] = [invalid.Message] };
        }
        return invalid.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    private static bool MissingBody(string message) =>
        message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal);

    /// <summary>The parameter a binding message names ("Failed to bind parameter \"int? size\" from \"abc\"."), else "$".</summary>
    private static string ParameterOf(string message) =>
        Parameter().Match(message) is { Success: true } match ? match.Groups["name"].Value : "$";

    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
