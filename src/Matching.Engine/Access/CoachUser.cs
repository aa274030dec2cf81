using System.Security.Claims;
using Matching.Engine.Privacy;

namespace Matching.Engine.Access;

/// <summary>
/// The caller of a use case: a user id (the token's subject) and one Coach role. Every use case takes
/// one and decides from it (role, owner, caseload, consent); nothing else reads claims.
/// </summary>
public sealed record CoachUser
{
    public CoachUser(string id, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}': use the Roles constants.", nameof(role));
        }
        Id = id;
        Role = role;
    }

    public string Id { get; }

    public string Role { get; }

    public bool IsSeeker => Role == Roles.Seeker;

    public bool IsAdviser => Role == Roles.Adviser;

    public bool IsRecruiter => Role == Roles.Recruiter;

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The person an export or an erasure is about.</summary>
    public DataSubject Subject => new(Id, Role switch
    {
        Roles.Recruiter => DataSubjectKind.Recruiter,
        Roles.Adviser => DataSubjectKind.Adviser,
        _ => DataSubjectKind.Seeker,
    });

    /// <summary>
    /// The one reading of a token: the user id is <c>sub</c> (mapped to <see cref="ClaimTypes.NameIdentifier"/>
    /// by the JWT handler), the role the most powerful Coach role it carries. Null for an anonymous
    /// caller, and for a token without a user id or without a Coach role.
    /// </summary>
    public static CoachUser? FromClaims(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var id = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? principal.FindFirst("sub")?.Value;
        var role = Roles.ByPower.FirstOrDefault(principal.IsInRole);
        return string.IsNullOrWhiteSpace(id) || role is null ? null : new CoachUser(id, role);
    }

    public override string ToString() => $"{Role} {Id}";
}
