using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Reviews;
using Matching.Engine.Seekers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Reviews;

/// <summary>The adviser's review queue: grade a seeker's diagnosis and strategy, re-score or hide advice (use case: <see cref="AdviserReviews"/>).</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reviews").WithTags("Reviews")
            .WithAccess(Access.Roles(Roles.Adviser, Roles.Admin))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/queue", GetQueue).WithSummary("Seekers whose diagnosis and strategy wait for review, oldest first (an adviser sees their caseload): each with every job they named (targets; target is the first), place, main challenge and what changed.");
        group.MapGet("/export.csv", ExportCsv).WithAccess(Access.Roles(Roles.Admin))
            .WithSummary("Every review, one row per advice review (CSV), to train the ranking.");
        group.MapGet("/{seekerId}", GetCase).WithCost(RequestCostAttribute.Assessment).WithSummary("A seeker's case side by side: answers, diagnosis, strategy, reviews, what the seeker sees.");
        group.MapPost("/{seekerId}", Submit)
            .WithRequestExample("""
                {"grade":"GoodEnough","comment":"Diagnostic juste.","diagnosisComment":"Le marché local est bien décrit.",
                 "advice":[{"moduleId":"network","score":3,"comment":"À faire en premier"},{"moduleId":"volunteer","score":0,"comment":"Pas adapté"}]}
                """).WithSummary("Grade (excellent, goodEnough, bad) and comment; per advice a new score (3 priority, 2 secondary, 1 to look at, 0 hide) and comment; a comment on the diagnosis.");
        return routes;
    }

    public static Results<Ok<IReadOnlyList<QueueItem>>, ValidationProblem, ProblemHttpResult> GetQueue(
        HttpContext context, AdviserReviews reviews,
        [Description("Most seekers listed, 1 to 1000 (default 50).")] int? limit,
        [Description("Language of the main challenge: fr or en.")] string? lang) =>
        reviews.Queue(CurrentUser.Required(context), limit, RequestLanguage.Of(context, lang)).ToHttp();

    public static async Task<Results<Ok<ReviewCase>, ValidationProblem, ProblemHttpResult>> GetCase(
        string seekerId, HttpContext context, AdviserReviews reviews, string? lang, CancellationToken cancellationToken) =>
        (await reviews.CaseAsync(CurrentUser.Required(context), seekerId, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();

    public static Results<Ok<StoredReview>, ValidationProblem, ProblemHttpResult> Submit(
        string seekerId, ReviewRequest request, HttpContext context, AdviserReviews reviews) =>
        reviews.Submit(CurrentUser.Required(context), seekerId, request).ToHttp();

    public static IResult ExportCsv(HttpContext context, AdviserReviews reviews) =>
        reviews.ExportCsv(CurrentUser.Required(context)) is { IsSuccess: true, Value: { } csv }
            ? TypedResults.Text(csv, "text/csv; charset=utf-8")
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
