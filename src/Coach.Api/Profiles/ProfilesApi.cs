using System.ComponentModel;
using System.Text.Json;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Seekers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coach.Api.Profiles;

/// <summary>Profiles (supply): write one or many, read, delete, and the offers that match them (use case: <see cref="SeekerProfiles"/>).</summary>
public static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder routes)
    {
        // A seeker reads and writes their own profile (its id is their user id); an adviser, their
        // caseload's (each read audited); bulk import is for admins. Another's profile is a 404.
        var group = routes.MapGroup("/api/profiles").WithTags("Profiles")
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/", IngestProfiles)
            .WithAccess(Access.Roles(Roles.Admin))
            .WithIngestBodyLimit()
            .RequireRateLimiting(RateLimits.Ingest)
            .Accepts<ProfileInput[]>("application/json", "application/x-ndjson")
            .WithSummary("Adds or replaces profiles in bulk (JSON array or NDJSON); one answer per item.");
        group.MapPost("/{id}", PutProfile)
            .WithCost(RequestCostAttribute.Assessment)
            .Accepts<ProfileInput>("application/json")
            .WithSummary("Adds or replaces one profile: the seeker questionnaire, or the bare matching profile; the id of the route is the profile's.");
        group.MapGet("/{id}", GetProfile).WithSummary("One profile, as stored.");
        group.MapDelete("/{id}", DeleteProfile).WithSummary("Removes a profile from the store and the index.");
        group.MapGet("/{id}/matches", GetMatches)
            .WithCost(RequestCostAttribute.Search)
            .WithSummary("Best offers for a profile, each with its explanation: skills matched, matched through a related skill, missing; distance; score parts.");
        return routes;
    }

    public static async Task<Results<Ok<IngestResponse>, ValidationProblem, ProblemHttpResult>> IngestProfiles(
        HttpRequest request, SeekerProfiles profiles, IOptions<BodyLimitOptions> limits, CancellationToken cancellationToken)
    {
        var limit = limits.Value.IngestBytes;
        if (request.ContentLength > limit)
        {
            return IngestLimits.TooLarge(limit);
        }
        try
        {
            await using var body = new LimitedStream(request.Body, limit);
            return (await profiles.IngestAsync(CurrentUser.Required(request.HttpContext), body, cancellationToken)).ToHttp();
        }
        catch (BodyTooLargeException e)
        {
            // Batches already written stay written (and were durable); the rest of the body is refused.
            return IngestLimits.TooLarge(e.Limit);
        }
    }

    public static async Task<Results<Created<ProfileDocument>, Ok<ProfileDocument>, ValidationProblem, ProblemHttpResult>> PutProfile(
        string id, JsonElement body, HttpContext context, SeekerProfiles profiles, CancellationToken cancellationToken)
    {
        var caller = CurrentUser.Required(context);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ProblemResults.Invalid("", "Send one profile as a JSON object.");
        }
        Outcome<SavedProfile> saved;
        if (IsQuestionnaire(body))
        {
            SeekerProfile? questionnaire;
            try
            {
                questionnaire = body.Deserialize<SeekerProfile>(SeekerStore.JsonOptions);
            }
            catch (JsonException e)
            {
                return ProblemResults.Invalid(JsonErrors.FieldOf(e), JsonErrors.Describe(e));
            }
            if (questionnaire is null)
            {
                return ProblemResults.Invalid("", "Send one profile as a JSON object.");
            }
            saved = await profiles.SaveQuestionnaireAsync(caller, id, questionnaire, cancellationToken);
        }
        else
        {
            var item = ProfileIngestReader.Read(body);
            if (!item.IsValid)
            {
                return TypedResults.ValidationProblem(item.Errors);
            }
            saved = await profiles.SaveProfileAsync(caller, id, item.Value, cancellationToken);
        }
        var location = $"/api/profiles/{Uri.EscapeDataString(id)}";
        return saved.Status switch
        {
            OutcomeStatus.Created => TypedResults.Created(location, saved.Value!.Document),
            OutcomeStatus.Ok => TypedResults.Ok(saved.Value!.Document),
            OutcomeStatus.Invalid => TypedResults.ValidationProblem(saved.Errors),
            _ => ProblemResults.NotFound("profile", id),
        };
    }

    /// <summary>The seeker questionnaire (product.md) rather than the bare matching profile.</summary>
    private static bool IsQuestionnaire(JsonElement body) =>
        QuestionnaireFields.Any(f => body.TryGetProperty(f, out _));

    private static readonly string[] QuestionnaireFields =
        ["targetJobs", "commune", "postcode", "yearsOfExperienceInTarget", "highestDiploma", "searchStarted", "searchStartDate", "searchableByRecruiters", "applicationsSoFar"];

    public static async Task<Results<Ok<ProfileDocument>, ValidationProblem, ProblemHttpResult>> GetProfile(
        string id, HttpContext context, SeekerProfiles profiles, CancellationToken cancellationToken) =>
        (await profiles.GetAsync(CurrentUser.Required(context), id, cancellationToken)).ToHttp();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteProfile(
        string id, HttpContext context, SeekerProfiles profiles, CancellationToken cancellationToken) =>
        (await profiles.DeleteAsync(CurrentUser.Required(context), id, cancellationToken)).ToNoContent();

    public static async Task<Results<BufferedJson<OfferMatchPage>, ValidationProblem, ProblemHttpResult>> GetMatches(
        string id,
        HttpContext context,
        SeekerProfiles profiles,
        [Description("Page size, 1 to 100 (default 20).")] int? size,
        [Description("Cursor from the previous page.")] string? cursor,
        [Description("Search radius in km, overriding the profile's (0 to 1000).")] double? radiusKm,
        [Description("Language of skill labels: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken) =>
        (await profiles.MatchesAsync(CurrentUser.Required(context), id, size, cursor, radiusKm, RequestLanguage.Of(context, lang), cancellationToken)).ToBufferedHttp();
}
