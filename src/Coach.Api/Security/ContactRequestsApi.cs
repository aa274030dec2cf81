using System.ComponentModel;
using System.Security.Claims;
using Coach.Api.Infrastructure;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Security;

/// <summary>
/// A recruiter asks a pseudonymised candidate for contact; the seeker accepts or declines. The
/// recruiter learns who the seeker is only once they accept.
/// </summary>
public static class ContactRequestsApi
{
    public const int MaxOfferIdLength = 100;

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

    public static async Task<Results<Created<RecruiterContactRequest>, ValidationProblem, ProblemHttpResult>> CreateContactRequest(
        ContactRequestInput input, ClaimsPrincipal user, Pseudonyms pseudonyms, ContactRequests requests, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(input.Pseudonym) == string.IsNullOrWhiteSpace(input.CandidateId))
        {
            return ProblemResults.Invalid("pseudonym", "Give either the candidate's pseudonym or their candidate id, not both.");
        }
        if (string.IsNullOrWhiteSpace(input.Message))
        {
            return ProblemResults.Invalid("message", "Write a message for the candidate.");
        }
        if (input.Message.Length > ContactRequests.MaxMessageLength)
        {
            return ProblemResults.Invalid("message", $"The message is {input.Message.Length} characters long; the limit is {ContactRequests.MaxMessageLength}.");
        }
        if (input.OfferId is { Length: > MaxOfferIdLength })
        {
            return ProblemResults.Invalid("offerId", $"An offer id is at most {MaxOfferIdLength} characters.");
        }
        var recruiterId = user.Id();
        // Only candidates this recruiter was shown can be named back: no probing of seeker ids.
        var seekerId = input.Pseudonym is { } pseudonym
            ? pseudonyms.Resolve(recruiterId, pseudonym)
            : pseudonyms.WasShown(recruiterId, input.CandidateId!) ? input.CandidateId : null;
        if (seekerId is null || !await StillConsentsAsync(context, seekerId))
        {
            return SecurityResults.NotFound($"No candidate {input.Pseudonym ?? input.CandidateId} in your search results.");
        }
        var request = requests.Create(recruiterId, seekerId, pseudonyms.For(recruiterId, seekerId), input.OfferId, input.Message);
        return TypedResults.Created($"/api/contact-requests/{request.Id}", RecruiterContactRequest.From(request));
    }

    public static Results<Ok<SeekerContactRequest[]>, Ok<RecruiterContactRequest[]>> ListContactRequests(ClaimsPrincipal user, ContactRequests requests) =>
        user.Role() == Roles.Recruiter
            ? TypedResults.Ok(requests.ByRecruiter(user.Id()).Select(RecruiterContactRequest.From).ToArray())
            : TypedResults.Ok(requests.ToSeeker(user.Id()).Select(SeekerContactRequest.From).ToArray());

    public static Results<Ok<SeekerContactRequest>, ProblemHttpResult> Accept(string id, ClaimsPrincipal user, ContactRequests requests) =>
        Answer(id, user, requests, accept: true);

    public static Results<Ok<SeekerContactRequest>, ProblemHttpResult> Decline(string id, ClaimsPrincipal user, ContactRequests requests) =>
        Answer(id, user, requests, accept: false);

    private static Results<Ok<SeekerContactRequest>, ProblemHttpResult> Answer(string id, ClaimsPrincipal user, ContactRequests requests, bool accept) =>
        requests.Answer(user.Id(), id, accept) is { } answered
            ? TypedResults.Ok(SeekerContactRequest.From(answered))
            : SecurityResults.NotFound($"No contact request {id} for you.");

    // The index holds the consent flag; while it is not wired (tests of this layer alone) the
    // pseudonym registry, filled only from consenting search results, is the check.
    private static async Task<bool> StillConsentsAsync(HttpContext context, string seekerId) =>
        context.RequestServices.GetService<IMatchIndex>() is not { } index
        || Consent.MayAppearInRecruiterSearch(await index.GetProfileAsync(seekerId, context.RequestAborted));
}

/// <param name="Pseudonym">The candidate's pseudonym, as the search results show it.</param>
/// <param name="CandidateId">Or the candidate id, for a candidate this recruiter was shown.</param>
public sealed record ContactRequestInput(
    [property: Description("The candidate's pseudonym from your search results, e.g. \"cand-1a2b…\".")] string? Pseudonym,
    [property: Description("Or the candidate id, for a candidate you were shown.")] string? CandidateId,
    [property: Description("The offer this is about, if any.")] string? OfferId,
    [property: Description("Your message to the candidate (at most 2000 characters).")] string? Message);

/// <summary>What the recruiter sees: the pseudonym, and the seeker's id only once they accepted.</summary>
public sealed record RecruiterContactRequest(
    string Id, string Pseudonym, string? OfferId, string Message, ContactRequestState State, DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt, string? SeekerId)
{
    public static RecruiterContactRequest From(ContactRequest r) => new(
        r.Id, r.Pseudonym, r.OfferId, r.Message, r.State, r.CreatedAt, r.AnsweredAt,
        r.State == ContactRequestState.Accepted ? r.SeekerId : null);
}

/// <summary>What the seeker sees: who asks, about what.</summary>
public sealed record SeekerContactRequest(
    string Id, string RecruiterId, string? OfferId, string Message, ContactRequestState State, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt)
{
    public static SeekerContactRequest From(ContactRequest r) => new(r.Id, r.RecruiterId, r.OfferId, r.Message, r.State, r.CreatedAt, r.AnsweredAt);
}
