using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coach.Api.Profiles;

/// <summary>Profiles (supply): write one or many, read, delete, and the offers that match them.</summary>
public static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder routes)
    {
        // A seeker reads and writes their own profile (its id is their user id); an adviser, their
        // caseload's (each read audited); bulk import is for admins. Another's profile is a 404.
        var group = routes.MapGroup("/api/profiles").WithTags("Profiles").RequireRuntime()
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin));
        group.MapPost("/", IngestProfiles)
            .WithAccess(Access.Roles(Roles.Admin))
            .WithIngestBodyLimit()
            .RequireRateLimiting(RateLimits.Ingest)
            .Accepts<ProfileInput[]>("application/json", "application/x-ndjson")
            .WithSummary("Adds or replaces profiles in bulk (JSON array or NDJSON); one answer per item.");
        group.MapPost("/{id}", PutProfile)
            .Accepts<ProfileInput>("application/json")
            .WithSummary("Adds or replaces one profile; the id of the route is the profile's.");
        group.MapGet("/{id}", GetProfile).WithSummary("One profile, as stored.");
        group.MapDelete("/{id}", DeleteProfile).WithSummary("Removes a profile from the store and the index.");
        group.MapGet("/{id}/matches", GetMatches)
            .RequireRateLimiting(RateLimits.Search)
            .WithSummary("Best offers for a profile, each with its explanation: skills matched, matched through a related skill, missing; distance; score parts.");
        return routes;
    }

    public static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestProfiles(
        HttpRequest request, MatchingRuntimeProvider provider, IOptions<BodyLimitOptions> limits, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        return BulkIngest.RunAsync(request, limits.Value.IngestBytes, runtime.Profiles.BuildAsync, runtime.Index.UpsertProfilesAsync, p => p.Id, cancellationToken);
    }

    public static async Task<Results<Created<ProfileDocument>, Ok<ProfileDocument>, ValidationProblem, ProblemHttpResult>> PutProfile(
        string id, JsonElement body, ClaimsPrincipal user, SeekerAccess access, MatchingRuntimeProvider provider, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        if (!access.CanSee(user, id) || user.Role() == Roles.Recruiter)
        {
            // Not theirs to write: the same answer as for an id that does not exist.
            return ProblemResults.NotFound("profile", id);
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ProblemResults.Invalid("", "Send one profile as a JSON object.");
        }
        if (IsQuestionnaire(body))
        {
            return await PutQuestionnaireAsync(id, body, runtime, cancellationToken);
        }
        var item = ProfileIngestReader.Read(body);
        if (!item.IsValid)
        {
            return TypedResults.ValidationProblem(item.Errors ?? new Dictionary<string, string[]>());
        }
        if (item.Value!.Id is { Length: > 0 } bodyId && bodyId != id)
        {
            return ProblemResults.Invalid("id", $"The body's id '{bodyId}' differs from the route's '{id}'.");
        }
        var outcome = runtime.Profiles.Build(item.Value with { Id = id });
        if (!outcome.IsValid)
        {
            return TypedResults.ValidationProblem(outcome.Errors ?? new Dictionary<string, string[]>());
        }
        var result = await runtime.Index.UpsertProfilesAsync([outcome.Document!], cancellationToken);
        return result.WasCreated(id)
            ? TypedResults.Created($"/api/profiles/{Uri.EscapeDataString(id)}", outcome.Document)
            : TypedResults.Ok(outcome.Document!);
    }

    /// <summary>The seeker questionnaire (product.md) rather than the bare matching profile.</summary>
    private static bool IsQuestionnaire(JsonElement body) =>
        QuestionnaireFields.Any(f => body.TryGetProperty(f, out _));

    private static readonly string[] QuestionnaireFields =
        ["targetJobs", "commune", "postcode", "yearsOfExperienceInTarget", "highestDiploma", "searchStarted", "searchStartDate", "searchableByRecruiters", "applicationsSoFar"];

    private static async Task<Results<Created<ProfileDocument>, Ok<ProfileDocument>, ValidationProblem, ProblemHttpResult>> PutQuestionnaireAsync(
        string id, JsonElement body, MatchingRuntime runtime, CancellationToken cancellationToken)
    {
        SeekerProfile? profile;
        try
        {
            profile = body.Deserialize<SeekerProfile>(SeekerStore.JsonOptions);
        }
        catch (JsonException e)
        {
            return ProblemResults.Invalid(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "", "This value does not have the expected type.");
        }
        if (profile is null)
        {
            return ProblemResults.Invalid("", "Send one profile as a JSON object.");
        }
        if (!string.IsNullOrEmpty(profile.Id) && profile.Id != id)
        {
            return ProblemResults.Invalid("id", $"The body's id '{profile.Id}' differs from the route's '{id}'.");
        }
        profile = profile with { Id = id };
        if (ValidateId(id) is { } idError)
        {
            return idError;
        }
        if (Coaching.CoachApi.Validate(profile, runtime, DateOnly.FromDateTime(DateTime.UtcNow)) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var target = runtime.Coach.UnderstandTarget(profile);
        var document = runtime.Coach.ToDocument(profile, target, runtime.Coach.ResolvePlace(profile));
        // The index first: if it refuses the document, the questionnaire is not stored either.
        var result = await runtime.Index.UpsertProfilesAsync([document], cancellationToken);
        runtime.Seekers.Save(profile, DateTimeOffset.UtcNow);
        // A new or changed diagnosis and strategy wait for an adviser's review.
        var assessment = await runtime.Coach.AssessAsync(profile, DateOnly.FromDateTime(DateTime.UtcNow), "fr", cancellationToken: cancellationToken);
        runtime.Reviews.Enqueue(id, SeekerReviewSnapshot.Of(profile, assessment), DateTimeOffset.UtcNow);
        return result.WasCreated(id)
            ? TypedResults.Created($"/api/profiles/{Uri.EscapeDataString(id)}", document)
            : TypedResults.Ok(document);
    }

    private static ValidationProblem? ValidateId(string id) =>
        id.Length is 0 or > 200 || id.Any(char.IsControl)
            ? ProblemResults.Invalid("id", "The id must be 1 to 200 characters, without control characters.")
            : null;

    public static async Task<Results<Ok<ProfileDocument>, ProblemHttpResult>> GetProfile(
        string id, ClaimsPrincipal user, SeekerAccess access, MatchingRuntimeProvider provider, CancellationToken cancellationToken) =>
        access.TryRead(user, id, "profile", "profile read") && await provider.Runtime().Index.GetProfileAsync(id, cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : ProblemResults.NotFound("profile", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProfile(
        string id, ClaimsPrincipal user, MatchingRuntimeProvider provider, CancellationToken cancellationToken)
    {
        if (!(user.Role() == Roles.Admin || (user.Role() == Roles.Seeker && user.UserId() == id)))
        {
            return ProblemResults.NotFound("profile", id);
        }
        var runtime = provider.Runtime();
        var inIndex = await runtime.Index.DeleteProfilesAsync([id], cancellationToken) > 0;
        var questionnaire = runtime.Seekers.Delete(id);
        return inIndex || questionnaire ? TypedResults.NoContent() : ProblemResults.NotFound("profile", id);
    }

    public static async Task<Results<Ok<OfferMatchPage>, ProblemHttpResult, ValidationProblem>> GetMatches(
        string id,
        HttpContext context,
        SeekerAccess access,
        MatchingRuntimeProvider provider,
        [Description("Page size, 1 to 100 (default 20).")] int? size,
        [Description("Cursor from the previous page.")] string? cursor,
        [Description("Search radius in km, overriding the profile's (0 to 1000).")] double? radiusKm,
        [Description("Language of skill labels: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken)
    {
        if (size is < 1 or > 100)
        {
            return ProblemResults.Invalid("size", "The page size must be between 1 and 100.");
        }
        if (radiusKm is < 0 or > 1000 || (radiusKm is { } r && double.IsNaN(r)))
        {
            return ProblemResults.Invalid("radiusKm", "The radius must be between 0 and 1000 km.");
        }
        var runtime = provider.Runtime();
        if (!access.TryRead(context.User, id, "matches", "matching offers") || await runtime.Index.GetProfileAsync(id, cancellationToken) is not { } profile)
        {
            return ProblemResults.NotFound("profile", id);
        }
        var page = await OfferMatches.MatchAsync(runtime, profile, new MatchOptions(size ?? 20, cursor, RadiusKm: radiusKm), MatchViews.Language(context, lang), cancellationToken);
        return TypedResults.Ok(page);
    }
}

public static class OfferMatches
{
    /// <summary>Offers for a profile, each with its summary and explanation in the asked language.</summary>
    public static async Task<OfferMatchPage> MatchAsync(MatchingRuntime runtime, ProfileDocument profile, MatchOptions options, string language, CancellationToken cancellationToken)
    {
        var page = await runtime.Index.MatchOffersAsync(profile, options, cancellationToken);
        return new OfferMatchPage(await ViewsAsync(runtime, page, language, cancellationToken), page.Total, page.NextCursor);
    }

    /// <summary>Each hit with its offer's summary (one read each: a page is small) and its explanation in the asked language.</summary>
    public static async Task<List<OfferMatchView>> ViewsAsync(MatchingRuntime runtime, MatchPage page, string language, CancellationToken cancellationToken)
    {
        var hits = new List<OfferMatchView>(page.Hits.Count);
        foreach (var hit in page.Hits)
        {
            var offer = await runtime.Index.GetOfferAsync(hit.Id, cancellationToken);
            hits.Add(new OfferMatchView(hit.Id, Math.Round(hit.Score, 4), offer is null ? null : MatchViews.Summary(offer),
                MatchViews.Explain(hit.Explanation, runtime.Data.Taxonomy, language, offer)));
        }
        return hits;
    }
}
