using Matching.Engine.Seekers;
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

    internal static async Task<IResult> AnswerAsync(HttpContext context, IFormCollection form, SeekerProfiles profiles, CancellationToken cancellationToken)
    {
        // Binding the form makes the endpoint antiforgery-checked (the page renders the token).
        if (CurrentUser.Seeker(context) is not { } seeker || (await profiles.GetQuestionnaireAsync(seeker, seeker.Id)).Value is not { } profile)
        {
            return Results.LocalRedirect("/seeker/start");
        }
        var field = form["field"].ToString();
        var (answered, _) = InlineAnswers.Apply(profile, field, form["value"], DateOnly.FromDateTime(DateTime.UtcNow));
        if (answered is null || !(await profiles.SaveQuestionnaireAsync(seeker, seeker.Id, answered, cancellationToken)).IsSuccess)
        {
            return Results.LocalRedirect($"/seeker?refused={Uri.EscapeDataString(field)}#questions-h");
        }
        return Results.LocalRedirect("/seeker");
    }
}
