using Matching.Engine.Access;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Matching.Engine.Contacts;

/// <summary>
/// A recruiter asks a candidate they were shown for contact; the seeker accepts or declines. The
/// recruiter learns who the seeker is only once they accept; a seeker who withdrew their consent
/// cannot be asked.
/// </summary>
public sealed class CandidateContacts(Pseudonyms pseudonyms, ContactRequests requests, IMatchIndex index)
{
    public const int MaxOfferIdLength = 100;

    /// <summary>Asks a candidate from the recruiter's results (by pseudonym, or by the id of one they were shown).</summary>
    public async Task<Outcome<RecruiterContactRequest>> CreateAsync(CoachUser caller, ContactRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsRecruiter)
        {
            return Outcome.Forbidden("Only recruiters ask candidates for contact.");
        }
        if (string.IsNullOrWhiteSpace(input.Pseudonym) == string.IsNullOrWhiteSpace(input.CandidateId))
        {
            return Outcome.Invalid("pseudonym", "Give either the candidate's pseudonym or their candidate id, not both.");
        }
        if (string.IsNullOrWhiteSpace(input.Message))
        {
            return Outcome.Invalid("message", "Write a message for the candidate.");
        }
        if (input.Message.Length > ContactRequests.MaxMessageLength)
        {
            return Outcome.Invalid("message", $"The message is {input.Message.Length} characters long; the limit is {ContactRequests.MaxMessageLength}.");
        }
        if (input.OfferId is { Length: > MaxOfferIdLength })
        {
            return Outcome.Invalid("offerId", $"An offer id is at most {MaxOfferIdLength} characters.");
        }
        // Only candidates this recruiter was shown can be named back: no probing of seeker ids.
        var seekerId = input.Pseudonym is { Length: > 0 } pseudonym
            ? pseudonyms.Resolve(caller.Id, pseudonym)
            : pseudonyms.WasShown(caller.Id, input.CandidateId!) ? input.CandidateId : null;
        if (seekerId is null || !Consent.MayAppearInRecruiterSearch(await index.GetProfileAsync(seekerId, cancellationToken)))
        {
            return Outcome.NotFound($"No candidate {input.Pseudonym ?? input.CandidateId} in your search results.");
        }
        var request = requests.Create(caller.Id, seekerId, pseudonyms.For(caller.Id, seekerId), input.OfferId, input.Message);
        return Outcome.Created(RecruiterContactRequest.From(request));
    }

    /// <summary>A seeker's requests (made to them) or a recruiter's (made by them, the seeker's id once accepted).</summary>
    public Outcome<ContactRequestList> List(CoachUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role switch
        {
            Roles.Seeker => Outcome.Ok(new ContactRequestList([.. requests.ToSeeker(caller.Id).Select(SeekerContactRequest.From)], null)),
            Roles.Recruiter => Outcome.Ok(new ContactRequestList(null, [.. requests.ByRecruiter(caller.Id).Select(RecruiterContactRequest.From)])),
            _ => Outcome.Forbidden("Only seekers and recruiters have contact requests."),
        };
    }

    /// <summary>The seeker accepts (the recruiter may now see who they are) or declines (or withdraws an acceptance) a request made to them.</summary>
    public Outcome<SeekerContactRequest> Answer(CoachUser caller, string requestId, bool accept)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsSeeker)
        {
            return Outcome.Forbidden("Only the seeker asked answers a contact request.");
        }
        return requests.Answer(caller.Id, requestId, accept) is { } answered
            ? Outcome.Ok(SeekerContactRequest.From(answered))
            : Outcome.NotFound($"No contact request {requestId} for you.");
    }
}
