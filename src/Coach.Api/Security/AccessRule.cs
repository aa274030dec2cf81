using Matching.Engine.Access;
using Microsoft.AspNetCore.Authorization;

namespace Coach.Api.Security;

/// <summary>
/// Who may call an endpoint, as endpoint metadata. The authorisation fallback policy enforces the
/// rule of each endpoint (the innermost rule wins, so an endpoint may narrow its group's rule), an
/// endpoint without a rule is open to signed-in users only, and the authorisation-matrix test fails
/// for it: every endpoint states its rule.
/// </summary>
public sealed class AccessRule
{
    private AccessRule(bool isPublic, IReadOnlyList<string> roles)
    {
        IsPublic = isPublic;
        Roles = roles;
    }

    /// <summary>Anyone, signed in or not.</summary>
    public bool IsPublic { get; }

    /// <summary>The roles allowed (any of them) when not public.</summary>
    public IReadOnlyList<string> Roles { get; }

    public bool Allows(string role) => IsPublic || Roles.Contains(role);

    internal static AccessRule Public { get; } = new(true, []);

    internal static AccessRule ForRoles(string[] roles)
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role, or use Access.Public.", nameof(roles));
        }
        foreach (var role in roles)
        {
            if (!Matching.Engine.Access.Roles.All.Contains(role))
            {
                throw new ArgumentException($"Unknown role '{role}': use the Roles constants.", nameof(roles));
            }
        }
        return new AccessRule(false, [.. roles.Distinct()]);
    }

    public override string ToString() => IsPublic ? "public" : string.Join(" or ", Roles);
}

/// <summary>The access rules endpoints state: <c>group.WithAccess(Access.Roles(Roles.Seeker))</c>.</summary>
public static class Access
{
    /// <summary>No sign-in needed (taxonomy, health, documentation).</summary>
    public static AccessRule Public => AccessRule.Public;

    /// <summary>Signed-in users with any of these roles; others get 403, anonymous callers 401.</summary>
    public static AccessRule Roles(params string[] roles) => AccessRule.ForRoles(roles);

    /// <summary>States the endpoint's (or the group's) access rule; the authorisation middleware enforces it.</summary>
    public static TBuilder WithAccess<TBuilder>(this TBuilder builder, AccessRule rule) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(rule);
}

/// <summary>The requirement of the fallback policy: the endpoint's <see cref="AccessRule"/>, or a signed-in user when it has none.</summary>
internal sealed class AccessRuleRequirement : IAuthorizationRequirement;

internal sealed class AccessRuleHandler : AuthorizationHandler<AccessRuleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRuleRequirement requirement)
    {
        var endpoint = context.Resource switch
        {
            HttpContext http => http.GetEndpoint(),
            Endpoint e => e,
            _ => null,
        };
        var rule = endpoint?.Metadata.GetMetadata<AccessRule>();
        // The same reading of the token as every use case: one user id, one Coach role.
        var user = CoachUser.FromClaims(context.User);
        if (rule is { IsPublic: true }
            || (rule is null && user is not null)
            || (rule is not null && user is not null && rule.Allows(user.Role)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
