using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Market;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Market;

/// <summary>The market view over HTTP (use case: <see cref="MarketOverview"/>).</summary>
public static class MarketApi
{
    public static IEndpointRouteBuilder MapMarket(this IEndpointRouteBuilder routes)
    {
        // Aggregate counts only, no personal data: open to everyone, as the market view is.
        var group = routes.MapGroup("/api/market").WithTags("Market")
            .WithAccess(Access.Public)
            .WithCost(RequestCostAttribute.Search)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/supply-demand", GetSupplyDemand)
            .WithSummary("Live supply and demand: offers demanding vs profiles supplying a skill or an occupation, around a place or nationwide, per employment area; for a job, the DARES tension of the areas.");
        return routes;
    }

    public static async Task<Results<Ok<SupplyDemandView>, ValidationProblem, ProblemHttpResult>> GetSupplyDemand(
        HttpContext context,
        MarketOverview market,
        [Description("ESCO skill URI (give this or occupation).")] string? skill,
        [Description("ESCO occupation URI or ROME code (give this or skill).")] string? occupation,
        [Description("INSEE code or postcode; nationwide when absent.")] string? place,
        [Description("Radius around the place, km (default 30).")] double? radiusKm,
        [Description("Language of labels: fr or en.")] string? lang,
        CancellationToken cancellationToken) =>
        (await market.SupplyDemandAsync(new MarketQuery(skill, occupation, place, radiusKm), RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();
}
