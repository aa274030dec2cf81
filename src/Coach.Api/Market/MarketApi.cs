using System.ComponentModel;
using Coach.Api.Caching;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Market;

public sealed record SupplyDemandView(
    string? SkillUri, string? SkillLabel, string? OccupationUri, string? OccupationLabel, string? Place, double? RadiusKm,
    long Offers, long Profiles, double? OffersPerProfile, IReadOnlyList<SupplyDemandArea> Areas);

public static class MarketApi
{
    public static IEndpointRouteBuilder MapMarket(this IEndpointRouteBuilder routes)
    {
        // Aggregate counts only, no personal data: open to everyone, as the market view is.
        var group = routes.MapGroup("/api/market").WithTags("Market").RequireRuntime()
            .WithAccess(Access.Public)
            .RequireRateLimiting(RateLimits.Search);
        group.MapGet("/supply-demand", GetSupplyDemand)
            .WithSummary("Live supply and demand: offers demanding vs profiles supplying a skill or an occupation, around a place or nationwide, per employment area.");
        return routes;
    }

    public static async Task<Results<Ok<SupplyDemandView>, ValidationProblem>> GetSupplyDemand(
        HttpContext context,
        MatchingRuntimeProvider provider,
        CoachCache cache,
        [Description("ESCO skill URI (give this or occupation).")] string? skill,
        [Description("ESCO occupation URI or ROME code (give this or skill).")] string? occupation,
        [Description("INSEE code or postcode; nationwide when absent.")] string? place,
        [Description("Radius around the place, km (default 30).")] double? radiusKm,
        [Description("Language of labels: fr or en.")] string? lang,
        CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        var taxonomy = runtime.Data.Taxonomy;
        var language = MatchViews.Language(context, lang);
        if (string.IsNullOrWhiteSpace(skill) == string.IsNullOrWhiteSpace(occupation))
        {
            return ProblemResults.Invalid("skill", "Give exactly one of skill (ESCO skill URI) or occupation (ESCO occupation URI or ROME code).");
        }
        var skillConcept = skill is null ? null : taxonomy.SkillByUri(skill);
        if (skill is not null && skillConcept is null)
        {
            return ProblemResults.Invalid("skill", "Unknown ESCO skill URI.");
        }
        var occupationConcept = occupation is null ? null
            : taxonomy.OccupationByUri(occupation) ?? taxonomy.OccupationsForRome(occupation.Trim().ToUpperInvariant()).FirstOrDefault();
        if (occupation is not null && occupationConcept is null)
        {
            return ProblemResults.Invalid("occupation", "Unknown ESCO occupation URI or ROME code.");
        }
        Place? centre = null;
        if (place is not null)
        {
            var commune = place.Length > 100 ? null : runtime.Data.Geography.Resolve(place);
            if (commune?.Location is not { } location)
            {
                return ProblemResults.Invalid("place", "Unknown commune or postcode.");
            }
            centre = new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle);
        }
        if (radiusKm is { } r && (double.IsNaN(r) || r is < 0 or > 1000))
        {
            return ProblemResults.Invalid("radiusKm", "The radius must be between 0 and 1000 km.");
        }

        var radius = centre is null ? (double?)null : radiusKm ?? 30;
        var query = new SupplyDemandQuery(skillConcept?.Uri, occupationConcept?.Uri, centre, radius);
        var result = await cache.SupplyDemandAsync(query, ct => runtime.Index.SupplyDemandAsync(query, ct), cancellationToken);
        return TypedResults.Ok(new SupplyDemandView(
            skillConcept?.Uri, skillConcept?.Label(language), occupationConcept?.Uri, occupationConcept?.Label(language),
            centre?.Label, radius, result.Offers, result.Profiles,
            result.Profiles == 0 ? null : Math.Round((double)result.Offers / result.Profiles, 3), result.Areas));
    }
}
