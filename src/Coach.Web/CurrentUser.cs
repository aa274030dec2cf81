using System.Security.Cryptography;
using Matching.Engine.Access;
using Microsoft.AspNetCore.Http;

namespace Coach.Web;

/// <summary>
/// Who is calling, for the API handlers and the pages alike: the signed-in user (from the token,
/// read by <see cref="CoachUser.FromClaims"/>), and for the seeker's pages the browser's anonymous
/// seeker (a random id in a cookie) when nobody is signed in as a seeker. Nothing else reads claims.
/// </summary>
public static class CurrentUser
{
    /// <summary>The anonymous seeker's cookie (HttpOnly, SameSite=Lax): their id is their profile's id.</summary>
    public const string SeekerCookie = "coach_seeker";

    private const string AnonymousPrefix = "web-";

    /// <summary>The signed-in user, or null.</summary>
    public static CoachUser? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CoachUser.FromClaims(context.User);
    }

    /// <summary>The signed-in user of an endpoint or page whose access rule requires one.</summary>
    public static CoachUser Required(HttpContext context) =>
        Of(context) ?? throw new InvalidOperationException("This endpoint or page has no access rule requiring a signed-in user.");

    /// <summary>
    /// The seeker the seeker's pages serve: a signed-in seeker is their account (so the API's export
    /// and erasure reach what they entered); anyone else tries Coach under the random id of their
    /// browser's cookie; null before they first save.
    /// </summary>
    public static CoachUser? Seeker(HttpContext context) =>
        Of(context) is { IsSeeker: true } seeker ? seeker
        : context.Request.Cookies.TryGetValue(SeekerCookie, out var id) && IsAnonymousId(id) ? new CoachUser(id!, Roles.Seeker)
        : null;

    /// <summary><see cref="Seeker"/>, or a new anonymous seeker to <see cref="Remember"/> once they save.</summary>
    public static CoachUser SeekerOrNew(HttpContext context) =>
        Seeker(context) ?? new CoachUser(AnonymousPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Roles.Seeker);

    /// <summary>
    /// Keeps the seeker's id in the browser once they saved. Only an anonymous id (<c>web-</c> and 16 hex
    /// digits) is ever read back from it: a signed-in seeker is known by their token.
    /// </summary>
    public static void Remember(HttpContext context, CoachUser seeker)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(seeker);
        context.Response.Cookies.Append(SeekerCookie, seeker.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(180),
            Secure = context.Request.IsHttps,
        });
    }

    private static bool IsAnonymousId(string? id) =>
        id is { Length: 20 } && id.StartsWith(AnonymousPrefix, StringComparison.Ordinal) && id[4..].All(char.IsAsciiHexDigitLower);
}
