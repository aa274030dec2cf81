using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Candidates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Search;

/// <summary>A recruiter's search of candidates by skills (use case: <see cref="CandidateFinder"/>).</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/search").WithTags("Search")
            .WithAccess(Access.Roles(Roles.Recruiter, Roles.Admin))
            .WithCost(RequestCostAttribute.Search)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/candidates", SearchCandidates)
            .WithRequestExample("""
                {"mustHave":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"niceToHave":[],"allowRelated":true,
                 "place":"69383","radiusKm":30,"contracts":["CDI"],"minExperienceYears":1,"size":20}
                """)
            .WithSummary("Candidates by skills: must-have (hard filter), nice-to-have (weighted), related skills, radius, contract, experience; facets and cursor paging. Only consenting seekers, pseudonymised, scored by distance band.");
        return routes;
    }

    public static async Task<Results<Ok<CandidatePage>, ValidationProblem, ProblemHttpResult>> SearchCandidates(
        CandidateSearchRequest request,
        HttpContext context,
        CandidateFinder candidates,
        [Description("Language of skill labels: fr or en.")] string? lang,
        CancellationToken cancellationToken) =>
        (await candidates.SearchAsync(CurrentUser.Required(context), request, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();
}
