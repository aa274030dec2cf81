using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coach.Api.Security;
using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Matching.Engine.Reviews;
using Matching.Engine.Seekers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

/// <summary>
/// Every endpoint and every page the app maps × every kind of caller, with the status its
/// <see cref="AccessRule"/> promises and, where the route names a seeker, the status the seeker's
/// access rule promises (the seeker, their adviser and an admin read; anyone else gets 404). Built
/// from the endpoint list: a new endpoint or page is tested as soon as it is mapped, and one without
/// a rule fails here with its route named.
/// </summary>
public sealed class AuthorizationMatrixTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string SeekerId = "matrix-seeker";
    private const string OfferId = "matrix-offer";

    // An assistant is configured so its endpoint answers by its access rule rather than 503 "not configured"; the
    // matrix's dummy body never reaches the endpoint (nothing listens on the discard port).
    private readonly CoachApiFactory _factory = WithAssistant(factory);

    private static CoachApiFactory WithAssistant(CoachApiFactory factory)
    {
        factory.Settings.TryAdd("Coach:Assistant:Endpoint", "http://127.0.0.1:9/v1");
        factory.Settings.TryAdd("Coach:Assistant:Model", "matrix");
        return factory;
    }

    /// <param name="SeesSeeker">Whether the seeker's access rule lets this caller read <see cref="SeekerId"/>'s data.</param>
    private sealed record Caller(string Name, string? Role, string? UserId, bool SeesSeeker);

    private static readonly Caller[] s_callers =
    [
        new("anonymous", null, null, false),
        new("seeker", Roles.Seeker, SeekerId, true),
        new("other seeker", Roles.Seeker, "matrix-other-seeker", false),
        new("adviser with the seeker in their caseload", Roles.Adviser, "matrix-adviser-caseload", true),
        new("adviser without the seeker in their caseload", Roles.Adviser, "matrix-adviser", false),
        new("recruiter", Roles.Recruiter, "matrix-recruiter", false),
        new("admin", Roles.Admin, "matrix-admin", true),
    ];

    /// <summary>Routes whose parameter names the seeker: every read of their data.</summary>
    private static readonly string[] s_seekerRoutes = ["/api/profiles/{id}", "/api/reviews/{seekerId}", "/adviser/{SeekerId}"];

    /// <summary>The pages the web app serves: they must be in the matrix like the API.</summary>
    private static readonly string[] s_pages = ["/", "/seeker", "/seeker/start", "/adviser", "/adviser/{SeekerId}", "/adviser/{SeekerId}/view", "/recruiter", "/recruiter/offer", "/market"];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public void Every_endpoint_states_an_access_rule()
    {
        var missing = AccessRuleCheck.EndpointsWithoutRule(Endpoints());

        Assert.True(missing.Count == 0, "Endpoints without an AccessRule (add .WithAccess(...) to the group): " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Every_endpoint_and_page_answers_each_caller_as_its_rules_say()
    {
        await SeedAsync();
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/me/access-log");
        foreach (var page in s_pages)
        {
            Assert.Contains(endpoints, e => "/" + e.RoutePattern.RawText?.TrimStart('/') == page);
        }
        var failures = new List<string>();
        var changed = false;
        foreach (var endpoint in endpoints)
        {
            var rule = endpoint.Metadata.GetMetadata<AccessRule>();
            if (rule is null)
            {
                failures.Add($"{AccessRuleCheck.Describe(endpoint)}: no access rule");
                continue;
            }
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var aboutSeeker = s_seekerRoutes.Any(r => route.StartsWith(r, StringComparison.Ordinal));
            var url = Url(endpoint.RoutePattern, aboutSeeker ? SeekerId : route.StartsWith("/api/offers/{id}", StringComparison.Ordinal) ? OfferId : "unknown-id");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var caller in s_callers)
                {
                    if (changed)
                    {
                        // The previous call may have deleted or erased what this one needs.
                        await SeedAsync();
                    }
                    var status = await SendAsync(method, url, caller);
                    changed = method != "GET";
                    var expected = Expected(rule, caller, method, route, aboutSeeker);
                    if (!expected.Accepts(status))
                    {
                        failures.Add($"{method} {url} as {caller.Name}: {(int)status}, expected {expected} (rule: {rule})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private sealed record Expectation(string Description, Func<HttpStatusCode, bool> Accepts)
    {
        public override string ToString() => Description;
    }

    private static Expectation Is(HttpStatusCode status) => new(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), s => s == status);

    /// <summary>Let in: any status but 401, 403 and 5xx (a dummy id gives 404, a dummy body 400).</summary>
    private static readonly Expectation s_letIn = new("neither 401, 403 nor 5xx", s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)s < 500);

    private static Expectation Expected(AccessRule rule, Caller caller, string method, string route, bool aboutSeeker)
    {
        if (!rule.IsPublic && caller.Role is null)
        {
            return Is(HttpStatusCode.Unauthorized);
        }
        if (!rule.IsPublic && !rule.Allows(caller.Role!))
        {
            return Is(HttpStatusCode.Forbidden);
        }
        if (!aboutSeeker)
        {
            return s_letIn;
        }
        // Deleting a profile is the seeker's own act (or an admin's), not their adviser's.
        var sees = method == "DELETE" && route == "/api/profiles/{id}" ? caller.Role == Roles.Admin || caller.UserId == SeekerId : caller.SeesSeeker;
        if (method is "GET" or "DELETE")
        {
            return sees
                ? new("a success (2xx or 3xx)", s => (int)s < 400)
                : Is(HttpStatusCode.NotFound);
        }
        // A body may be refused (400) before anything is looked up: that tells nothing about the seeker.
        return sees
            ? new("neither 401, 403, 404 nor 5xx", s => s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && (int)s < 500)
            : new("404 (or 400 for the dummy body)", s => s is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
    }

    private SavedProfile? _seeded;

    /// <summary>
    /// The seeker with a questionnaire (in the index, the store and the review queue), in the caseload
    /// of one adviser only; an offer of the recruiter. Restored before every write of the matrix.
    /// </summary>
    private async Task SeedAsync()
    {
        await factory.WaitForIndexAsync();
        var services = factory.Services;
        var questionnaire = new SeekerProfile
        {
            Id = SeekerId,
            TargetJobs = [new TargetJob("aide soignant", RomeCode: "J1501")],
            Commune = "69383",
            RadiusKm = 30,
            Age = 41,
            HighestDiploma = DiplomaLevel.CapBep,
            SearchableByRecruiters = false,
        };
        if (_seeded is null)
        {
            var saved = await services.GetRequiredService<SeekerProfiles>().SaveQuestionnaireAsync(new CoachUser("matrix-admin", Roles.Admin), SeekerId, questionnaire);
            Assert.True(saved.IsSuccess, saved.ToString());
            _seeded = saved.Value;
        }
        else
        {
            await services.GetRequiredService<IMatchIndex>().UpsertProfilesAsync([_seeded.Document]);
            services.GetRequiredService<SeekerStore>().Save(questionnaire, DateTimeOffset.UtcNow);
            services.GetRequiredService<ReviewStore>().Enqueue(SeekerId, "{}", DateTimeOffset.UtcNow);
        }
        services.GetRequiredService<Caseloads>().Assign("matrix-adviser-caseload", SeekerId);
        await services.GetRequiredService<IMatchIndex>().UpsertOffersAsync([new OfferDocument
        {
            Id = OfferId,
            Title = "Aide-soignant",
            OccupationUri = _seeded!.Document.TargetOccupationUris.FirstOrDefault(),
            Skills = [new DemandedSkill("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab", SkillImportance.Essential)],
            Place = _seeded.Document.Place,
            OwnerId = "matrix-recruiter",
        }]);
    }

    private async Task<HttpStatusCode> SendAsync(string method, string url, Caller caller)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (caller.Role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.TokenFor(caller.Role, caller.UserId!));
        }
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The route with <paramref name="id"/> in each parameter.</summary>
    private static string Url(RoutePattern pattern, string id)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "documentName" } => "v1",
                    RoutePatternParameterPart { IsCatchAll: true } => "no-such-thing",
                    RoutePatternParameterPart => id,
                    _ => "",
                });
            }
        }
        return url.Length == 0 ? "/" : url.ToString();
    }
}
