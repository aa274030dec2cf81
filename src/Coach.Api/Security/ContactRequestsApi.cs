using Coach.Api.Infrastructure;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Security;

/// <summary>
/// A recruiter asks a pseudonymised candidate for contact; the seeker accepts or declines. The
/// recruiter learns who the seeker is only once they accept (use case: <see cref="CandidateContacts"/>).
/// </summary>
public static class ContactRequestsApi
{
    public static IEndpointRouteBuilder MapContactRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/contact-requests").WithTags("Contact requests");
        group.MapPost("/", CreateContactRequest)
            .WithAccess(Access.Roles(Roles.Recruiter))
            .WithSummary("Asks a candidate from my search results (by pseudonym) for contact.");
        group.MapGet("/", ListContactRequests)
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Recruiter))
            .WithSummary("Seeker: requests made to me. Recruiter: requests I made, with the seeker's id once they accepted.");
        group.MapPost("/{id}/accept", Accept)
            .WithAccess(Access.Roles(Roles.Seeker))
            .WithSummary("Accepts a request made to me: the recruiter may now see who I am.");
        group.MapPost("/{id}/decline", Decline)
            .WithAccess(Access.Roles(Roles.Seeker))
            .WithSummary("Declines a request made to me (or withdraws an acceptance).");
        return routes;
    }

    public static async Task<Results<Created<RecruiterContactRequest>, Ok<RecruiterContactRequest>, ValidationProblem, ProblemHttpResult>> CreateContactRequest(
        ContactRequestInput input, HttpContext context, CandidateContacts contacts)
    {
        var created = await contacts.CreateAsync(CurrentUser.Required(context), input, context.RequestAborted);
        return created.ToHttp($"/api/contact-requests/{created.Value?.Id}");
    }

    public static Results<Ok<SeekerContactRequest[]>, Ok<RecruiterContactRequest[]>, ProblemHttpResult> ListContactRequests(HttpContext context, CandidateContacts contacts) =>
        contacts.List(CurrentUser.Required(context)) switch
        {
            { Value.Mine: { } mine } => TypedResults.Ok(mine.ToArray()),
            { Value.ToMe: { } toMe } => TypedResults.Ok(toMe.ToArray()),
            var refused => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: refused.Refusal?.Detail),
        };

    public static Results<Ok<SeekerContactRequest>, ValidationProblem, ProblemHttpResult> Accept(string id, HttpContext context, CandidateContacts contacts) =>
        contacts.Answer(CurrentUser.Required(context), id, accept: true).ToHttp();

    public static Results<Ok<SeekerContactRequest>, ValidationProblem, ProblemHttpResult> Decline(string id, HttpContext context, CandidateContacts contacts) =>
        contacts.Answer(CurrentUser.Required(context), id, accept: false).ToHttp();
}
