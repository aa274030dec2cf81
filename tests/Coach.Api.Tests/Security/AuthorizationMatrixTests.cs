using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coach.Api.Security;
using Matching.Engine.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

/// <summary>
/// Every endpoint the app maps × every kind of caller, with the status its <see cref="AccessRule"/>
/// promises. Built from the endpoint list: a new endpoint is tested as soon as it is mapped, and one
/// without a rule fails here with its route named.
/// </summary>
public sealed class AuthorizationMatrixTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private sealed record Caller(string Name, string? Role, string? UserId);

    private static readonly Caller[] s_callers =
    [
        new("anonymous", null, null),
        new("seeker", Roles.Seeker, "matrix-seeker"),
        new("other seeker", Roles.Seeker, "matrix-other-seeker"),
        new("adviser", Roles.Adviser, "matrix-adviser"),
        new("recruiter", Roles.Recruiter, "matrix-recruiter"),
        new("admin", Roles.Admin, "matrix-admin"),
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public void Every_endpoint_states_an_access_rule()
    {
        var missing = AccessRuleCheck.EndpointsWithoutRule(Endpoints());

        Assert.True(missing.Count == 0, "Endpoints without an AccessRule (add .WithAccess(...) to the group): " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_caller_as_its_rule_says()
    {
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/me/access-log");
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var rule = endpoint.Metadata.GetMetadata<AccessRule>();
            if (rule is null)
            {
                failures.Add($"{AccessRuleCheck.Describe(endpoint)}: no access rule");
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var caller in s_callers)
                {
                    var status = await SendAsync(method, Url(endpoint.RoutePattern), caller);
                    var expected = Expected(rule, caller);
                    var ok = expected switch
                    {
                        HttpStatusCode.OK => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                        _ => status == expected,
                    };
                    if (!ok || status == HttpStatusCode.InternalServerError)
                    {
                        failures.Add($"{method} {Url(endpoint.RoutePattern)} as {caller.Name}: {(int)status}, expected " +
                            (expected == HttpStatusCode.OK ? "neither 401 nor 403" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture)) +
                            $" (rule: {rule})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>OK stands for "let in": any status but 401 and 403 (a dummy id gives 404, a dummy body 400).</summary>
    private static HttpStatusCode Expected(AccessRule rule, Caller caller) =>
        rule.IsPublic ? HttpStatusCode.OK
        : caller.Role is null ? HttpStatusCode.Unauthorized
        : rule.Allows(caller.Role) ? HttpStatusCode.OK
        : HttpStatusCode.Forbidden;

    private async Task<HttpStatusCode> SendAsync(string method, string url, Caller caller)
    {
        using var client = factory.CreateClient();
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

    /// <summary>The route with a harmless value in each parameter.</summary>
    private static string Url(RoutePattern pattern)
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
                    RoutePatternParameterPart => "unknown-id",
                    _ => "",
                });
            }
        }
        return url.Length == 0 ? "/" : url.ToString();
    }
}
