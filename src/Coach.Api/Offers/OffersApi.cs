using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coach.Api.Offers;

/// <summary>Offers (demand): bulk ingest in Coach's schema or France Travail's, read, delete, candidates.</summary>
public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder routes)
    {
        // Recruiters manage their own offers; anyone signed in may read one (seekers see them in their matches).
        var group = routes.MapGroup("/api/offers").WithTags("Offers").RequireRuntime()
            .WithAccess(Access.Roles(Roles.Recruiter, Roles.Admin));
        group.MapPost("/", IngestOffers)
            .WithRequestExample("""
                [{"id":"offer-1","title":"Soudeur TIG","occupation":"H2913","place":{"commune":"69383"},"contract":"CDI","experience":"S"},
                 {"id":"FT-123","intitule":"Aide-soignant / Aide-soignante (H/F)","romeCode":"J1501","appellationlibelle":"Aide-soignant / Aide-soignante",
                  "lieuTravail":{"commune":"69383"},"typeContrat":"CDD","experienceExige":"D",
                  "competences":[{"code":"123","libelle":"Réaliser les soins d'hygiène","exigence":"E"}]}]
                """)
            .WithIngestBodyLimit()
            .RequireRateLimiting(RateLimits.Ingest)
            .Accepts<OfferInput[]>("application/json", "application/x-ndjson")
            .WithSummary("Adds or replaces offers: a JSON array or NDJSON, Coach's schema or France Travail's Offres d'emploi v2. Idempotent by id; one answer per item.");
        group.MapGet("/{id}", GetOffer).WithSummary("One offer, as stored.")
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Recruiter, Roles.Admin));
        group.MapDelete("/{id}", DeleteOffer).WithSummary("Removes an offer from the store and the index.");
        group.MapGet("/{id}/candidates", GetCandidates)
            .RequireRateLimiting(RateLimits.Search)
            .WithSummary("Best consenting candidates for an offer, with the explanation of each (pseudonymised).");
        return routes;
    }

    public static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestOffers(
        HttpRequest request, ClaimsPrincipal user, MatchingRuntimeProvider provider, IOptions<BodyLimitOptions> limits, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        // A recruiter's offers are theirs: marked with their id, and another recruiter's id is refused per item.
        var owner = user.Role() == Roles.Recruiter ? user.Id() : null;
        async IAsyncEnumerable<IngestOutcome<OfferDocument>> Owned(Stream body, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var outcome in runtime.Offers.BuildAsync(body, ct))
            {
                if (owner is null || outcome.Document is not { } document)
                {
                    yield return outcome;
                }
                else if (await runtime.Index.GetOfferAsync(document.Id, ct) is { } existing && existing.OwnerId != owner)
                {
                    yield return outcome with { Document = null, Errors = new Dictionary<string, string[]> { ["id"] = ["An offer with this id belongs to another recruiter."] } };
                }
                else
                {
                    yield return outcome with { Document = document with { OwnerId = owner } };
                }
            }
        }
        return BulkIngest.RunAsync(request, limits.Value.IngestBytes, Owned, runtime.Index.UpsertOffersAsync, o => o.Id, cancellationToken);
    }

    /// <summary>A recruiter sees and changes only their own offers (another's is a 404); an admin, any.</summary>
    private static bool Owns(ClaimsPrincipal user, OfferDocument offer) =>
        user.Role() == Roles.Admin || (offer.OwnerId is { } owner && owner == user.UserId());

    public static async Task<Results<Ok<OfferDocument>, ProblemHttpResult>> GetOffer(
        string id, MatchingRuntimeProvider provider, CancellationToken cancellationToken) =>
        await provider.Runtime().Index.GetOfferAsync(id, cancellationToken) is { } offer
            ? TypedResults.Ok(offer)
            : ProblemResults.NotFound("offer", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOffer(
        string id, ClaimsPrincipal user, MatchingRuntimeProvider provider, CancellationToken cancellationToken)
    {
        var index = provider.Runtime().Index;
        return await index.GetOfferAsync(id, cancellationToken) is { } offer && Owns(user, offer)
            && await index.DeleteOffersAsync([id], cancellationToken) > 0
            ? TypedResults.NoContent()
            : ProblemResults.NotFound("offer", id);
    }

    public static async Task<Results<Ok<CandidatePage>, ProblemHttpResult, ValidationProblem>> GetCandidates(
        string id,
        HttpContext context,
        MatchingRuntimeProvider provider,
        Pseudonyms pseudonyms,
        [Description("Page size, 1 to 100 (default 20).")] int? size,
        [Description("Cursor from the previous page.")] string? cursor,
        [Description("Language of skill labels: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken)
    {
        if (size is < 1 or > 100)
        {
            return ProblemResults.Invalid("size", "The page size must be between 1 and 100.");
        }
        var runtime = provider.Runtime();
        if (await runtime.Index.GetOfferAsync(id, cancellationToken) is not { } offer || !Owns(context.User, offer))
        {
            return ProblemResults.NotFound("offer", id);
        }
        var page = await runtime.Index.MatchProfilesAsync(offer, new MatchOptions(size ?? 20, cursor, SearchableOnly: true), cancellationToken);
        var language = MatchViews.Language(context, lang);
        var candidates = await CandidateViews.CandidatesAsync(page.Hits, runtime, language, context.User.Id(), pseudonyms, cancellationToken,
            forOffer: cursor is null ? offer : null);
        return TypedResults.Ok(new CandidatePage(candidates, page.Total, page.NextCursor));
    }
}
