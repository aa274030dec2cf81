using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coach.Web.Recruiters;

/// <summary>The contact request button of a candidate (antiforgery-checked form).</summary>
public static class RecruiterEndpoints
{
    public const string ContactRoute = "/recruiter/contact";

    public static RouteHandlerBuilder MapContactRequests(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ContactRoute, RequestContact).ExcludeFromDescription();

    internal static IResult RequestContact(IFormCollection form, CandidatePseudonyms pseudonyms, ContactRequests requests)
    {
        var candidate = form["candidate"].ToString();
        var back = form["back"].ToString();
        var returnTo = CoachWeb.IsLocal(back) && back.StartsWith("/recruiter", StringComparison.Ordinal) ? back : "/recruiter";
        var separator = returnTo.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        if (pseudonyms.ProfileOf(candidate) is not { } profileId)
        {
            return Results.LocalRedirect($"{returnTo}{separator}contact=expired");
        }
        requests.Request(profileId, null, DateTimeOffset.UtcNow);
        return Results.LocalRedirect($"{returnTo}{separator}contacted={Uri.EscapeDataString(candidate)}");
    }
}
