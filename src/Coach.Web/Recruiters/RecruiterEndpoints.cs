using Matching.Engine.Contacts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coach.Web.Recruiters;

/// <summary>The contact request button of a candidate (antiforgery-checked form).</summary>
public static class RecruiterEndpoints
{
    public const string ContactRoute = "/recruiter/contact";

    public static RouteHandlerBuilder MapContactRequests(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ContactRoute, RequestContact).DisableAntiforgery().ExcludeFromDescription();

    // The form is read here rather than bound, so that the endpoint matches any request and the
    // recruiter-only rule answers first (401/403), before any question of content type.
    internal static async Task<IResult> RequestContact(HttpContext context, IAntiforgery antiforgery, CandidateContacts contacts)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }
        var form = await context.Request.ReadFormAsync();
        var candidate = form["candidate"].ToString();
        var back = form["back"].ToString();
        var returnTo = CoachWeb.IsLocal(back) && back.StartsWith("/recruiter", StringComparison.Ordinal) ? back : "/recruiter";
        var separator = returnTo.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        // The same contact requests as the API's: the seeker accepts or declines them, and is revealed only then.
        // The recruiter's own message: the seeker reads it before accepting or declining.
        var message = form["message"].ToString().Trim();
        var offer = form["offer"].ToString().Trim();
        var created = await contacts.CreateAsync(CurrentUser.Required(context),
            new ContactRequestInput(candidate, null, offer.Length == 0 ? null : offer, message), context.RequestAborted);
        return created.IsSuccess ? Results.LocalRedirect($"{returnTo}{separator}contacted={Uri.EscapeDataString(candidate)}")
            : created.Status == Matching.Engine.Access.OutcomeStatus.Invalid ? Results.LocalRedirect($"{returnTo}{separator}contact=message")
            : Results.LocalRedirect($"{returnTo}{separator}contact=expired");
    }
}
