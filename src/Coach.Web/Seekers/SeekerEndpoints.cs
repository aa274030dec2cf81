using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coach.Web.Seekers;

/// <summary>The answer to one missing question, posted from the seeker's page (antiforgery-checked form).</summary>
public static class SeekerEndpoints
{
    public const string AnswerRoute = "/seeker/answer";

    public static RouteHandlerBuilder MapSeekerAnswers(this IEndpointRouteBuilder routes) =>
        // Saving an answer recomputes the assessment: it costs one.
        routes.MapPost(AnswerRoute, AnswerAsync).WithMetadata(new RequestCostAttribute(RequestCostAttribute.Assessment)).ExcludeFromDescription();

    internal static async Task<IResult> AnswerAsync(HttpContext context, IFormCollection form, SeekerCoaching coaching, CancellationToken cancellationToken)
    {
        // Binding the form makes the endpoint antiforgery-checked (the page renders the token).
        if (SeekerCoaching.CurrentId(context) is not { } id || coaching.Get(id) is not { } profile)
        {
            return Results.LocalRedirect("/seeker/start");
        }
        var field = form["field"].ToString();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (answered, _) = InlineAnswers.Apply(profile, field, form["value"], today);
        if (answered is null)
        {
            return Results.LocalRedirect($"/seeker?refused={Uri.EscapeDataString(field)}#questions-h");
        }
        await coaching.SaveAsync(answered, today, cancellationToken);
        return Results.LocalRedirect("/seeker");
    }
}
