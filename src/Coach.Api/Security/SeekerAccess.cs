using System.Security.Claims;
using Matching.Engine.Privacy;

namespace Coach.Api.Security;

/// <summary>
/// Who may see a seeker's data, and the audit line for every read by someone else. Endpoints that
/// take a seeker id answer 404 when <see cref="CanSee"/> is false, never 403: a 403 would confirm
/// that the id exists.
/// </summary>
public sealed class SeekerAccess(Caseloads caseloads, ContactRequests contactRequests, AuditLog auditLog, TimeProvider time)
{
    /// <summary>
    /// The seeker themself; an adviser whose caseload holds them; a recruiter the seeker accepted
    /// contact from; an admin.
    /// </summary>
    public bool CanSee(ClaimsPrincipal user, string seekerId)
    {
        if (user.UserId() is not { } id)
        {
            return false;
        }
        return user.Role() switch
        {
            Roles.Admin => true,
            Roles.Adviser => caseloads.Follows(id, seekerId),
            Roles.Recruiter => Consent.MayRevealIdentity(contactRequests, id, seekerId),
            Roles.Seeker => id == seekerId,
            _ => false,
        };
    }

    /// <summary>
    /// Checks <see cref="CanSee"/> and, when the reader is not the seeker, records the read
    /// (<paramref name="resource"/>: "profile", "diagnosis", ...; <paramref name="reason"/>: why,
    /// e.g. "review queue"). False means: answer 404.
    /// </summary>
    public bool TryRead(ClaimsPrincipal user, string seekerId, string resource, string reason)
    {
        if (!CanSee(user, seekerId))
        {
            return false;
        }
        Record(user, "read", seekerId, resource, reason);
        return true;
    }

    /// <summary>Records an adviser's review of the seeker's diagnosis or strategy.</summary>
    public void RecordReview(ClaimsPrincipal user, string seekerId, string resource, string reason) =>
        Record(user, "review", seekerId, resource, reason);

    private void Record(ClaimsPrincipal user, string action, string seekerId, string resource, string reason)
    {
        var id = user.Id();
        if (id == seekerId && user.Role() == Roles.Seeker)
        {
            return;
        }
        auditLog.Record(id, user.Role() ?? "unknown", action, seekerId, resource, reason, time.GetUtcNow());
    }
}
