using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coach.Api.Offers;

/// <summary>Offers (demand): bulk ingest in Coach's schema or France Travail's, read, delete, candidates.</summary>
public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/offers").WithTags("Offers").RequireRuntime();
        group.MapPost("/", IngestOffers)
            .Accepts<OfferInput[]>("application/json", "application/x-ndjson")
            .WithSummary("Adds or replaces offers: a JSON array or NDJSON, Coach's schema or France Travail's Offres d'emploi v2. Idempotent by id; one answer per item.");
        group.MapGet("/{id}", GetOffer).WithSummary("One offer, as stored.");
        group.MapDelete("/{id}", DeleteOffer).WithSummary("Removes an offer from the store and the index.");
        group.MapGet("/{id}/candidates", GetCandidates)
            .WithSummary("Best consenting candidates for an offer, with the explanation of each (pseudonymised).");
        return routes;
    }

    public static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> IngestOffers(
        HttpRequest request, MatchingRuntimeProvider provider, IOptions<IngestLimits> limits, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        return BulkIngest.RunAsync(request, limits.Value.MaxIngestBytes, runtime.Offers.BuildAsync, runtime.Index.UpsertOffersAsync, o => o.Id, cancellationToken);
    }

    public static async Task<Results<Ok<OfferDocument>, ProblemHttpResult>> GetOffer(
        string id, MatchingRuntimeProvider provider, CancellationToken cancellationToken) =>
        await provider.Runtime().Index.GetOfferAsync(id, cancellationToken) is { } offer
            ? TypedResults.Ok(offer)
            : ProblemResults.NotFound("offer", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOffer(
        string id, MatchingRuntimeProvider provider, CancellationToken cancellationToken) =>
        await provider.Runtime().Index.DeleteOffersAsync([id], cancellationToken) > 0
            ? TypedResults.NoContent()
            : ProblemResults.NotFound("offer", id);

    public static async Task<Results<Ok<CandidatePage>, ProblemHttpResult, ValidationProblem>> GetCandidates(
        string id,
        HttpContext context,
        MatchingRuntimeProvider provider,
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
        if (await runtime.Index.GetOfferAsync(id, cancellationToken) is not { } offer)
        {
            return ProblemResults.NotFound("offer", id);
        }
        var page = await runtime.Index.MatchProfilesAsync(offer, new MatchOptions(size ?? 20, cursor, SearchableOnly: true), cancellationToken);
        var language = MatchViews.Language(context, lang);
        var candidates = await CandidateViews.CandidatesAsync(page.Hits, runtime, language, cancellationToken);
        return TypedResults.Ok(new CandidatePage(candidates, page.Total, page.NextCursor));
    }
}
