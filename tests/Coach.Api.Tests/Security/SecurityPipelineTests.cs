using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coach.Api.Tests.Security;

/// <summary>
/// The security pipeline on a small host (access-rule defaults, cost-based rate limits, body limits) with endpoints
/// declaring the costs and policies the feature groups use; security headers and 413 on the real app.
/// </summary>
public sealed class SecurityPipelineTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>, IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-pipeline-tests-").FullName;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coach:StorePath"] = Path.Combine(_root, "coach.db"),
            ["Coach:CachePath"] = Path.Combine(_root, "cache"),
            ["Coach:ReferenceCachePath"] = CoachApiFactory.SharedReferenceCache,
            // Two searches (5 units each) a minute per person, four per address for anonymous callers.
            ["Coach:RateLimits:CallerUnitsPerMinute"] = "10",
            ["Coach:RateLimits:AnonymousUnitsPerMinutePerAddress"] = "20",
            ["Coach:RateLimits:IngestPerMinute"] = "1",
            ["Coach:BodyLimits:DefaultBytes"] = "1000",
            ["Coach:BodyLimits:IngestBytes"] = "5000",
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddCoachSecurity(builder.Configuration, builder.Environment);
        _app = builder.Build();
        _app.UseStatusCodePages();
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(CoachApiFactory.RemoteAddressHeader, out var value))
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(value.ToString());
            }
            return next(context);
        });
        _app.UseCoachSecurity();
        var api = _app.MapGroup("/test").WithAccess(Access.Public);
        api.MapGet("/search", () => "found").WithCost(RequestCostAttribute.Search);
        api.MapGet("/free", () => "free").WithCost(RequestCostAttribute.Free);
        api.MapPost("/ingest", async (HttpRequest request) => (await new StreamReader(request.Body).ReadToEndAsync()).Length)
            .RequireRateLimiting(RateLimits.Ingest).WithIngestBodyLimit();
        api.MapPost("/small", async (HttpRequest request) => (await new StreamReader(request.Body).ReadToEndAsync()).Length);
        api.MapGet("/admin-only", () => "secret").WithAccess(Access.Roles(Roles.Admin));
        _app.MapGet("/unruled", () => "forgotten");
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private HttpClient ClientAs(string? userId)
    {
        var client = _app.GetTestClient();
        if (userId is not null)
        {
            var token = _app.Services.GetRequiredService<DevTokenIssuer>().Issue(userId, Roles.Recruiter, TimeSpan.FromHours(1));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    [Fact]
    public async Task An_endpoint_without_a_rule_is_reported_and_closed_to_anonymous_callers()
    {
        var endpoints = _app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;

        Assert.Equal(["GET /unruled"], AccessRuleCheck.EndpointsWithoutRule(endpoints));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientAs(null).GetAsync("/unruled")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientAs("someone").GetAsync("/unruled")).StatusCode);
    }

    [Fact]
    public async Task An_endpoint_rule_narrows_its_group_rule()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientAs(null).GetAsync("/test/admin-only")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ClientAs("a-recruiter").GetAsync("/test/admin-only")).StatusCode);
    }

    [Fact]
    public async Task Searching_past_the_limit_is_a_429_problem_with_retry_after()
    {
        var client = ClientAs("busy-recruiter");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/test/search")).StatusCode);

        var response = await client.GetAsync("/test/search");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(429, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Each_user_has_their_own_budget_and_ingest_its_own_policy()
    {
        var first = ClientAs("recruiter-a");
        var second = ClientAs("recruiter-b");
        await first.GetAsync("/test/search");
        await first.GetAsync("/test/search");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/test/search")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync("/test/ingest", new StringContent("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.PostAsync("/test/ingest", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task A_free_endpoint_is_never_refused()
    {
        var client = ClientAs("recruiter-free");
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/test/search");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/test/free")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_browsers_each_have_a_budget_and_share_their_addresss()
    {
        HttpClient Browser(string cookie)
        {
            var client = FromOffice();
            client.DefaultRequestHeaders.Add("Cookie", $"{CurrentUser.SeekerCookie}={cookie}");
            return client;
        }
        HttpClient FromOffice()
        {
            var client = ClientAs(null);
            client.DefaultRequestHeaders.Add(CoachApiFactory.RemoteAddressHeader, "192.0.2.44");
            return client;
        }
        var first = Browser("web-0000000000000001");
        var second = Browser("web-0000000000000002");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/test/search")).StatusCode);

        // The address's budget (four searches) is spent: a third browser, or a client without a cookie, waits;
        // a signed-in user does not share it.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Browser("web-0000000000000003").GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromOffice().GetAsync("/test/search")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientAs("recruiter-elsewhere").GetAsync("/test/search")).StatusCode);
    }

    [Fact]
    public async Task Ingest_endpoints_accept_larger_bodies_than_the_default()
    {
        var client = ClientAs(null);
        var body = new string('x', 3000);

        var small = await client.PostAsync("/test/small", new StringContent(body));
        var ingest = await client.PostAsync("/test/ingest", new StringContent(body));
        var tooLarge = await ClientAs("other").PostAsync("/test/ingest", new StringContent(new string('x', 6000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, small.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var client = factory.CreateClientAs(Roles.Recruiter, "limits-recruiter");
        var message = new string('x', 2 * 1024 * 1024);

        var response = await client.PostAsync("/api/contact-requests",
            new StringContent($$"""{"pseudonym":"cand-1","message":"{{message}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("at most 1048576 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/me/export")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
