using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Search;

/// <summary>A recruiter's search of candidates by skills.</summary>
public sealed record CandidateSearchRequest
{
    /// <summary>ESCO skill URIs every candidate must have (hard filter).</summary>
    public IReadOnlyList<string>? MustHave { get; init; }
    /// <summary>ESCO skill URIs that add to the score.</summary>
    public IReadOnlyList<string>? NiceToHave { get; init; }
    /// <summary>Accept related, broader or narrower skills at a lower weight (default true).</summary>
    public bool AllowRelated { get; init; } = true;
    /// <summary>Centre of the search: INSEE code or postcode.</summary>
    public string? Place { get; init; }
    /// <summary>Radius around <see cref="Place"/>, km (default 30 when a place is given).</summary>
    public double? RadiusKm { get; init; }
    /// <summary>Contracts the candidate wants (CDI, CDD, MIS, ...); any when empty.</summary>
    public IReadOnlyList<string>? Contracts { get; init; }
    public double? MinExperienceYears { get; init; }
    public int Size { get; init; } = 20;
    public string? Cursor { get; init; }
}

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/search").WithTags("Search").RequireRuntime()
            .WithAccess(Access.Roles(Roles.Recruiter, Roles.Admin))
            .WithCost(RequestCostAttribute.Search);
        group.MapPost("/candidates", SearchCandidates)
            .WithRequestExample("""
                {"mustHave":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"niceToHave":[],"allowRelated":true,
                 "place":"69383","radiusKm":30,"contracts":["CDI"],"minExperienceYears":1,"size":20}
                """)
            .WithSummary("Candidates by skills: must-have (hard filter), nice-to-have (weighted), related skills, radius, contract, experience; facets and cursor paging. Only consenting seekers, pseudonymised.");
        return routes;
    }

    public static async Task<Results<Ok<CandidatePage>, ValidationProblem>> SearchCandidates(
        CandidateSearchRequest request,
        HttpContext context,
        MatchingRuntimeProvider provider,
        Pseudonyms pseudonyms,
        [Description("Language of skill labels: fr or en.")] string? lang,
        CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        var errors = new Dictionary<string, string[]>();
        var mustHave = SkillUris(runtime, request.MustHave, "mustHave", errors);
        var niceToHave = SkillUris(runtime, request.NiceToHave, "niceToHave", errors);
        if (mustHave.Count + niceToHave.Count == 0 && !errors.ContainsKey("mustHave") && !errors.ContainsKey("niceToHave"))
        {
            errors["mustHave"] = ["Give at least one skill, must-have or nice-to-have."];
        }
        Place? place = null;
        if (request.Place is { } placeText)
        {
            var commune = placeText.Length > 100 ? null : runtime.Data.Geography.Resolve(placeText);
            if (commune?.Location is { } location)
            {
                place = new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle);
            }
            else
            {
                errors["place"] = [$"Unknown commune or postcode '{Truncate(placeText)}'."];
            }
        }
        if (request.RadiusKm is { } radius && (double.IsNaN(radius) || radius is < 0 or > 1000))
        {
            errors["radiusKm"] = ["The radius must be between 0 and 1000 km."];
        }
        var contracts = new List<ContractType>();
        foreach (var (code, i) in (request.Contracts ?? []).Select((c, i) => (c, i)))
        {
            if (IngestCodes.TryContract(code, out var contract))
            {
                contracts.Add(contract);
            }
            else
            {
                errors[$"contracts[{i}]"] = [IngestCodes.ContractExpected];
            }
        }
        if (request.MinExperienceYears is < 0 or > 60)
        {
            errors["minExperienceYears"] = ["Experience must be between 0 and 60 years."];
        }
        if (request.Size is < 1 or > 100)
        {
            errors["size"] = ["The page size must be between 1 and 100."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new CandidateQuery(
            mustHave, niceToHave, request.AllowRelated, place,
            place is null ? null : request.RadiusKm ?? 30,
            contracts.Count > 0 ? contracts : null, request.MinExperienceYears, request.Size, request.Cursor);
        var result = await runtime.Index.SearchCandidatesAsync(query, cancellationToken);
        var candidates = await CandidateViews.CandidatesAsync(result.Hits, runtime, MatchViews.Language(context, lang), context.User.Id(), pseudonyms, cancellationToken);
        return TypedResults.Ok(new CandidatePage(candidates, result.Total, result.NextCursor, result.Facets));
    }

    private static List<string> SkillUris(MatchingRuntime runtime, IReadOnlyList<string>? uris, string field, Dictionary<string, string[]> errors)
    {
        var list = new List<string>();
        if (uris is null)
        {
            return list;
        }
        if (uris.Count > 100)
        {
            errors[field] = ["At most 100 skills."];
            return list;
        }
        for (var i = 0; i < uris.Count; i++)
        {
            if (runtime.Data.Taxonomy.SkillByUri(uris[i] ?? "") is null)
            {
                errors[$"{field}[{i}]"] = [$"Unknown ESCO skill URI '{Truncate(uris[i] ?? "")}'."];
            }
            else
            {
                list.Add(uris[i]);
            }
        }
        return list;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
