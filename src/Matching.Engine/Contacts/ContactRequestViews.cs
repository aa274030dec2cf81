using System.ComponentModel;
using Matching.Engine.Privacy;

namespace Matching.Engine.Contacts;

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
    public static RecruiterContactRequest From(ContactRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Pseudonym, r.OfferId, r.Message, r.State, r.CreatedAt, r.AnsweredAt,
            r.State == ContactRequestState.Accepted ? r.SeekerId : null);
    }
}

/// <summary>What the seeker sees: who asks, about what.</summary>
public sealed record SeekerContactRequest(
    string Id, string RecruiterId, string? OfferId, string Message, ContactRequestState State, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt)
{
    public static SeekerContactRequest From(ContactRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.RecruiterId, r.OfferId, r.Message, r.State, r.CreatedAt, r.AnsweredAt);
    }
}

/// <summary>A user's contact requests: the seeker's (made to them) or the recruiter's (made by them); one of the two is set.</summary>
public sealed record ContactRequestList(IReadOnlyList<SeekerContactRequest>? ToMe, IReadOnlyList<RecruiterContactRequest>? Mine);
