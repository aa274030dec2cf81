using System.Text.Json.Nodes;
using Matching.Engine.Access;

namespace Matching.Engine.Privacy;

/// <summary>
/// A user's own data: the access log (a seeker's), the export of everything Coach holds on them and
/// its erasure, across every store that registers an <see cref="IPersonalData"/>.
/// </summary>
public sealed class MyData(PersonalDataService personalData, AuditLog auditLog)
{
    /// <summary>Every adviser, recruiter or admin read of the seeker's data and every review of it.</summary>
    public Outcome<IReadOnlyList<AuditEntry>> AccessLog(CoachUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSeeker ? Outcome.Ok(auditLog.ForSeeker(caller.Id)) : Outcome.Forbidden("The access log is a seeker's.");
    }

    /// <summary>Everything Coach holds on the caller, one section per store (GDPR art. 15 and 20).</summary>
    public async Task<Outcome<JsonObject>> ExportAsync(CoachUser caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin
            ? Outcome.Forbidden("An admin's account is not a data subject here.")
            : Outcome.Ok(await personalData.ExportAsync(caller.Subject, cancellationToken));
    }

    /// <summary>Erases the caller from every store, index and cache; one anonymous audit line remains (GDPR art. 17).</summary>
    public async Task<Outcome<ErasureReceipt>> EraseAsync(CoachUser caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin
            ? Outcome.Forbidden("An admin's account is not a data subject here.")
            : Outcome.Ok(await personalData.EraseAsync(caller.Subject, cancellationToken));
    }
}
