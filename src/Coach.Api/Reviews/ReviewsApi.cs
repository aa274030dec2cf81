using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Privacy;
using Matching.Engine.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Reviews;

public sealed record QueueItem(string SeekerId, DateTimeOffset EnqueuedAt, DateTimeOffset UpdatedAt, double WaitingHours);

/// <summary>A seeker's case for the adviser: answers, diagnosis and strategy as computed, the reviews, and what the seeker now sees.</summary>
public sealed record ReviewCase(
    string SeekerId,
    SeekerProfile? Profile,
    RenderedDiagnosis Diagnosis,
    IReadOnlyList<RenderedStrategy> Strategies,
    IReadOnlyList<RenderedAdvice> Advice,
    IReadOnlyList<RenderedAdvice> SeekerSees,
    QueueItem? Pending,
    IReadOnlyList<StoredReview> History,
    IReadOnlyList<AdviceChange> Changes,
    IReadOnlyList<OfferMatchView> SuggestedOffers);

public sealed record AdviceReviewRequest(string ModuleId, int Score, string? Comment);

/// <summary>An adviser's grade of a suggested offer: 0 not for this seeker, 1 worth a look, 2 a good match (trains the offer ranking).</summary>
public sealed record OfferReviewRequest(string OfferId, int Grade, string? Comment);

public sealed record ReviewRequest(
    ReviewGrade? Grade, string? Comment, string? DiagnosisComment, IReadOnlyList<AdviceReviewRequest>? Advice, IReadOnlyList<OfferReviewRequest>? Offers = null);

/// <summary>The adviser's review queue: grade a seeker's diagnosis and strategy, re-score or hide advice.</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reviews").WithTags("Reviews").RequireRuntime()
            .WithAccess(Access.Roles(Roles.Adviser, Roles.Admin));
        group.MapGet("/queue", GetQueue).WithSummary("Seekers whose diagnosis and strategy wait for review, oldest first (an adviser sees their caseload).");
        group.MapGet("/export.csv", ExportCsv).WithAccess(Access.Roles(Roles.Admin))
            .WithSummary("Every review, one row per advice review (CSV), to train the ranking.");
        group.MapGet("/{seekerId}", GetCase).WithSummary("A seeker's case side by side: answers, diagnosis, strategy, reviews, what the seeker sees.");
        group.MapPost("/{seekerId}", Submit)
            .WithRequestExample("""
                {"grade":"GoodEnough","comment":"Diagnostic juste.","diagnosisComment":"Le marché local est bien décrit.",
                 "advice":[{"moduleId":"network","score":3,"comment":"À faire en premier"},{"moduleId":"volunteer","score":0,"comment":"Pas adapté"}],
                 "offers":[{"offerId":"gen-o-42-17","grade":2,"comment":"CDI près de chez elle"}]}
                """).WithSummary("Grade (excellent, goodEnough, bad) and comment; per advice a new score (3 priority, 2 secondary, 1 to look at, 0 hide) and comment; a comment on the diagnosis; per suggested offer a grade (0 not for this seeker, 1 worth a look, 2 a good match) that trains the offer ranking.");
        return routes;
    }

    public static Ok<QueueItem[]> GetQueue(
        ClaimsPrincipal user, MatchingRuntimeProvider provider, Caseloads caseloads,
        [Description("Most seekers listed, 1 to 1000 (default 50).")] int? limit)
    {
        var queue = provider.Runtime().Reviews.Queue(1000);
        var mine = user.Role() == Roles.Admin ? queue : queue.Where(q => caseloads.Follows(user.Id(), q.SeekerId));
        return TypedResults.Ok(mine.Take(Math.Clamp(limit ?? 50, 1, 1000)).Select(Item).ToArray());
    }

    public static async Task<Results<Ok<ReviewCase>, ProblemHttpResult>> GetCase(
        string seekerId, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        if (!access.TryRead(context.User, seekerId, "review case", "review queue") || runtime.Seekers.Get(seekerId) is not { } profile)
        {
            return ProblemResults.NotFound("seeker", seekerId);
        }
        var culture = CultureInfo.GetCultureInfo(MatchViews.Language(context, lang));
        var assessment = await runtime.Coach.AssessAsync(profile, DateOnly.FromDateTime(DateTime.UtcNow), culture.Name, cancellationToken: cancellationToken);
        var reviews = runtime.Reviews.Get(seekerId);
        var advice = assessment.Advice.Where(a => a.Score > 0).OrderByDescending(a => a.Score).Localize(culture);
        // The offers the adviser may grade (offers[] of the review): what they are shown trains the offer ranking.
        var offers = await global::Matching.Engine.Ranking.OfferRanking.OffersAsync(runtime.Index, assessment.Matches, cancellationToken);
        runtime.Ranking?.RecordSeekerMatches(context.User.Id(), context.User.Role() ?? "unknown", assessment.Profile, assessment.Matches, offers, runtime.Tension);
        return TypedResults.Ok(new ReviewCase(
            seekerId, profile, assessment.Diagnosis.Localize(culture), assessment.Strategies.Localize(culture), advice,
            SeekerReviewSnapshot.Apply(advice, runtime.Reviews.ScoreOverrides(seekerId)),
            reviews.Pending is { } pending ? Item(pending) : null, reviews.History, runtime.Reviews.Changes(seekerId),
            await Profiles.OfferMatches.ViewsAsync(runtime, assessment.Matches, culture.Name, cancellationToken)));
    }

    public static Results<Ok<StoredReview>, ValidationProblem, ProblemHttpResult> Submit(
        string seekerId, ReviewRequest request, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider)
    {
        var runtime = provider.Runtime();
        if (!access.CanSee(context.User, seekerId) || runtime.Seekers.Get(seekerId) is null)
        {
            return ProblemResults.NotFound("seeker", seekerId);
        }
        var review = new Review(
            request.Grade, request.Comment, request.DiagnosisComment,
            [.. (request.Advice ?? []).Select(a => new AdviceReview(a.ModuleId, a.Score, a.Comment))],
            context.User.Id(), DateTimeOffset.UtcNow,
            [.. (request.Offers ?? []).Select(o => new OfferReview(o.OfferId, o.Grade, o.Comment))]);
        try
        {
            var stored = runtime.Reviews.Submit(seekerId, review);
            access.RecordReview(context.User, seekerId, "diagnosis and strategy", $"review graded {request.Grade}");
            return TypedResults.Ok(stored);
        }
        catch (ReviewValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(p => p.Key, p => p.Value));
        }
    }

    public static IResult ExportCsv(MatchingRuntimeProvider provider)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        provider.Runtime().Reviews.ExportCsv(writer);
        return TypedResults.Text(writer.ToString(), "text/csv; charset=utf-8");
    }

    private static QueueItem Item(QueuedSeeker q) => new(q.SeekerId, q.EnqueuedAt, q.UpdatedAt, Math.Round(q.Waiting.TotalHours, 1));
}
