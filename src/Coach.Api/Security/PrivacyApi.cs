using System.ComponentModel;
using System.Text.Json.Nodes;
using Coach.Api.Infrastructure;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Security;

/// <summary>
/// A user's own data (access log, export, erasure), the admins' view of the audit log and the
/// advisers' caseloads.
/// </summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").WithTags("My data");
        me.MapGet("/access-log", GetMyAccessLog)
            .WithAccess(Access.Roles(Roles.Seeker))
            .WithSummary("Every adviser, recruiter or admin read of my data and every review of it: who, when, what, why.");
        me.MapGet("/export", ExportMyData)
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Recruiter, Roles.Adviser))
            .WithSummary("Everything Coach holds on me, as JSON (GDPR art. 15 and 20).");
        me.MapDelete("/", EraseMe)
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Recruiter, Roles.Adviser))
            .WithSummary("Erases me from every store, index and cache; an anonymous audit line remains (GDPR art. 17).");

        var admin = routes.MapGroup("/api/admin").WithTags("Administration").WithAccess(Access.Roles(Roles.Admin));
        admin.MapGet("/access-log", GetAccessLog)
            .WithSummary("The whole audit log, newest first, paged.");
        admin.MapPut("/caseloads/{adviserId}/seekers/{seekerId}", AssignSeeker)
            .WithSummary("Adds a seeker to an adviser's caseload.");
        admin.MapDelete("/caseloads/{adviserId}/seekers/{seekerId}", RemoveSeeker)
            .WithSummary("Removes a seeker from an adviser's caseload.");

        routes.MapGroup("/api/adviser").WithTags("Advisers").WithAccess(Access.Roles(Roles.Adviser))
            .MapGet("/caseload", GetMyCaseload)
            .WithSummary("The seekers I follow: the only ones whose data I can see.");
        return routes;
    }

    public static Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem, ProblemHttpResult> GetMyAccessLog(HttpContext context, MyData myData) =>
        myData.AccessLog(CurrentUser.Required(context)).ToHttp();

    public static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> ExportMyData(HttpContext context, MyData myData, CancellationToken cancellationToken) =>
        (await myData.ExportAsync(CurrentUser.Required(context), cancellationToken)).ToHttp();

    public static async Task<Results<Ok<ErasureReceipt>, ValidationProblem, ProblemHttpResult>> EraseMe(HttpContext context, MyData myData, CancellationToken cancellationToken) =>
        (await myData.EraseAsync(CurrentUser.Required(context), cancellationToken)).ToHttp();

    public static Results<Ok<AuditPage>, ValidationProblem> GetAccessLog(
        AuditLog auditLog,
        [Description("Lines per page, 1 to 1000 (default 100).")] int? limit,
        [Description("The nextCursor of the previous page.")] string? cursor)
    {
        if (limit is < 1 or > 1000)
        {
            return ProblemResults.Invalid("limit", "The page size must be between 1 and 1000.");
        }
        try
        {
            return TypedResults.Ok(auditLog.All(limit ?? 100, cursor));
        }
        catch (ArgumentException e) when (e.ParamName == "cursor")
        {
            return ProblemResults.Invalid("cursor", "Unknown cursor: pass the nextCursor of the previous page.");
        }
    }

    public static Results<NoContent, ValidationProblem> AssignSeeker(string adviserId, string seekerId, Caseloads caseloads)
    {
        if (!DevTokenIssuer.IsValidUserId(adviserId))
        {
            return ProblemResults.Invalid("adviserId", "A user id is 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        if (!DevTokenIssuer.IsValidUserId(seekerId))
        {
            return ProblemResults.Invalid("seekerId", "A user id is 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        caseloads.Assign(adviserId, seekerId);
        return TypedResults.NoContent();
    }

    public static Results<NoContent, ProblemHttpResult> RemoveSeeker(string adviserId, string seekerId, Caseloads caseloads) =>
        caseloads.Remove(adviserId, seekerId)
            ? TypedResults.NoContent()
            : SecurityResults.NotFound($"Seeker {seekerId} is not in the caseload of {adviserId}.");

    public static Ok<string[]> GetMyCaseload(HttpContext context, Caseloads caseloads) =>
        TypedResults.Ok(caseloads.SeekersOf(CurrentUser.Required(context).Id).ToArray());
}

internal static class SecurityResults
{
    /// <summary>The answer for a resource that does not exist and for one the caller may not see alike.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
