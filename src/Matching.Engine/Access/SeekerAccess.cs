using Matching.Engine.Privacy;

namespace Matching.Engine.Access;

/// <summary>
/// Who may see a seeker's data, and the audit line for every read by someone else. Use cases that
/// take a seeker id answer <see cref="OutcomeStatus.NotFound"/> when the caller may not see the
/// seeker, never Forbidden: that would confirm the id exists.
/// </summary>
public sealed class SeekerAccess(Caseloads caseloads, ContactRequests contactRequests, AuditLog auditLog, TimeProvider time)
{
    /// <summary>
    /// The seeker themself; an adviser whose caseload holds them; a recruiter the seeker accepted
    /// contact from; an admin.
    /// </summary>
    public bool CanSee(CoachUser user, string seekerId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role switch
        {
            Roles.Admin => true,
            Roles.Adviser => caseloads.Follows(user.Id, seekerId),
            Roles.Recruiter => Consent.MayRevealIdentity(contactRequests, user.Id, seekerId),
            Roles.Seeker => user.Id == seekerId,
            _ => false,
        };
    }

    /// <summary>Who may write a seeker's questionnaire or profile: the seeker, their adviser, an admin; a recruiter never.</summary>
    public bool CanWrite(CoachUser user, string seekerId) => !user.IsRecruiter && CanSee(user, seekerId);

    /// <summary>
    /// A read of the seeker's data: null when the caller may not see the seeker or there is nothing
    /// to read (the caller answers 404 either way). The read is recorded only when something was read,
    /// so probing an unknown or erased id leaves no line naming it.
    /// </summary>
    /// <param name="resource">What is read: "profile", "diagnosis", ...</param>
    /// <param name="reason">Why, e.g. "review queue".</param>
    public async Task<T?> ReadAsync<T>(CoachUser user, string seekerId, string resource, string reason, Func<Task<T?>> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!CanSee(user, seekerId) || await load() is not { } value)
        {
            return null;
        }
        RecordRead(user, seekerId, resource, reason);
        return value;
    }

    /// <summary>Records a read of data the caller may see and that exists (not for the seeker's own reads).</summary>
    public void RecordRead(CoachUser user, string seekerId, string resource, string reason) =>
        Record(user, "read", seekerId, resource, reason);

    /// <summary>Records an adviser's review of the seeker's diagnosis or strategy.</summary>
    public void RecordReview(CoachUser user, string seekerId, string resource, string reason) =>
        Record(user, "review", seekerId, resource, reason);

    /// <summary>Records a change made to the seeker's data by someone else (an adviser logging their progress, confirming a skill).</summary>
    public void RecordWrite(CoachUser user, string seekerId, string resource, string reason) =>
        Record(user, "write", seekerId, resource, reason);

    private void Record(CoachUser user, string action, string seekerId, string resource, string reason)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsSeeker && user.Id == seekerId)
        {
            return;
        }
        auditLog.Record(user.Id, user.Role, action, seekerId, resource, reason, time.GetUtcNow());
    }
}
