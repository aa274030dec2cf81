using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Candidates;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Offers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coach.Api.Offers;

/// <summary>Offers (demand): bulk ingest in Coach's schema or France Travail's, read, delete, candidates (use cases: <see cref="OfferPostings"/>, <see cref="CandidateFinder"/>).</summary>
public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder routes)
    {
        // Recruiters manage their own offers; anyone signed in may read one (seekers see them in their matches).
        var group = routes.MapGroup("/api/offers").WithTags("Offers")
            .WithAccess(Access.Roles(Roles.Recruiter, Roles.Admin))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
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
            .WithCost(RequestCostAttribute.Search)
            .WithSummary("Best consenting candidates for an offer, with the explanation of each (pseudonymised, scored by distance band).");
        return routes;
    }

    public static async Task<Results<Ok<IngestResponse>, ValidationProblem, ProblemHttpResult>> IngestOffers(
        HttpRequest request, OfferPostings offers, IOptions<BodyLimitOptions> limits, CancellationToken cancellationToken)
    {
        var limit = limits.Value.IngestBytes;
        if (request.ContentLength > limit)
        {
            return IngestLimits.TooLarge(limit);
        }
        try
        {
            await using var body = new LimitedStream(request.Body, limit);
            return (await offers.IngestAsync(CurrentUser.Required(request.HttpContext), body, cancellationToken)).ToHttp();
        }
        catch (BodyTooLargeException e)
        {
            // Batches already written stay written (and were durable); the rest of the body is refused.
            return IngestLimits.TooLarge(e.Limit);
        }
    }

    public static async Task<Results<Ok<OfferDocument>, ValidationProblem, ProblemHttpResult>> GetOffer(
        string id, HttpContext context, OfferPostings offers, CancellationToken cancellationToken) =>
        (await offers.GetAsync(CurrentUser.Required(context), id, cancellationToken)).ToHttp();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteOffer(
        string id, HttpContext context, OfferPostings offers, CancellationToken cancellationToken) =>
        (await offers.DeleteAsync(CurrentUser.Required(context), id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<CandidatePage>, ValidationProblem, ProblemHttpResult>> GetCandidates(
        string id,
        HttpContext context,
        CandidateFinder candidates,
        [Description("Page size, 1 to 100 (default 20).")] int? size,
        [Description("Cursor from the previous page.")] string? cursor,
        [Description("Language of skill labels: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken) =>
        (await candidates.ForOfferAsync(CurrentUser.Required(context), id, size, cursor, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();
}
