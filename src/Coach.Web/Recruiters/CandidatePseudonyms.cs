using System.Security.Claims;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http;

namespace Coach.Web.Recruiters;

/// <summary>
/// What the signed-in recruiter sees instead of a seeker's id: their own stable pseudonym for the
/// seeker (the API's, <see cref="Pseudonyms"/>), and the way back for a contact request, so no
/// profile id reaches the recruiter's browser.
/// </summary>
public sealed class CandidatePseudonyms(Pseudonyms pseudonyms, IHttpContextAccessor http)
{
    public string Of(string profileId) => pseudonyms.Issue(RecruiterId(http.HttpContext?.User), [profileId])[0];

    public string? ProfileOf(string pseudonym) => pseudonyms.Resolve(RecruiterId(http.HttpContext?.User), pseudonym);

    /// <summary>The token's subject (the recruiter pages are open to signed-in recruiters and admins only).</summary>
    public static string RecruiterId(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? user?.FindFirstValue("sub")
        ?? throw new InvalidOperationException("The recruiter pages need a signed-in user.");
}
