using System.Security.Claims;

namespace Coach.Api.Security;

/// <summary>The caller as the token describes them.</summary>
public static class CurrentUser
{
    /// <summary>
    /// The user id: the token's <c>sub</c> (mapped to <see cref="ClaimTypes.NameIdentifier"/> by the
    /// JWT handler), whatever identity provider issued it.
    /// </summary>
    public static string? UserId(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    /// <summary>The user id of a caller the access rule already let in (it requires one).</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The endpoint has no access rule requiring a signed-in user.");

    /// <summary>The caller's Coach role; the most powerful one when a token carries several.</summary>
    public static string? Role(this ClaimsPrincipal user) =>
        new[] { Roles.Admin, Roles.Adviser, Roles.Recruiter, Roles.Seeker }.FirstOrDefault(user.IsInRole);
}
