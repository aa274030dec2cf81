using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Coach.Api.Security;
using Matching.Engine.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coach.Api.Tests;

/// <summary>
/// Every mapped endpoint and page (read from the <see cref="EndpointDataSource"/>, so a new one is fuzzed as soon as it
/// is mapped) × a bounded, seeded set of malformed inputs: route values, query parameters and bodies of the wrong
/// type, nulls, huge numbers, NaN, 1 MB strings, deep nesting, invalid Unicode and UTF-8, path traversal; called as
/// anonymous and as each role. No answer may be a 5xx, and every 4xx of the API must be a ProblemDetails.
/// </summary>
public sealed class FuzzTests(FuzzTests.Factory fixture, ITestOutputHelper output) : IClassFixture<FuzzTests.Factory>
{
    private const int Seed = 20261201;
    private const string SeekerId = "fuzz-seeker";
    private const string OfferId = "fuzz-offer";

    /// <summary>The app with budgets no fuzzing can spend: the rate limits have their own tests.</summary>
    public sealed class Factory : IDisposable
    {
        public CoachApiFactory App { get; } = new()
        {
            Settings =
            {
                ["Coach:SeedOffers"] = "0",
                ["Coach:SeedProfiles"] = "0",
                ["Coach:RateLimits:CallerUnitsPerMinute"] = "100000000",
                ["Coach:RateLimits:AnonymousUnitsPerMinutePerAddress"] = "100000000",
                ["Coach:RateLimits:IngestPerMinute"] = "1000000",
                // An assistant is configured so the chat answers its input rather than 503 "not configured"; nothing
                // listens on the discard port, and no fuzzed body is a valid conversation.
                ["Coach:Assistant:Endpoint"] = "http://127.0.0.1:9/v1",
                ["Coach:Assistant:Model"] = "fuzz",
            },
        };

        public void Dispose() => App.Dispose();
    }

    private sealed record Caller(string Name, string? Role, string? UserId);

    private static readonly Caller[] s_callers =
    [
        new("anonymous", null, null),
        new("seeker", Roles.Seeker, SeekerId),
        new("other seeker", Roles.Seeker, "fuzz-other-seeker"),
        new("adviser", Roles.Adviser, "fuzz-adviser"),
        new("recruiter", Roles.Recruiter, "fuzz-recruiter"),
        new("admin", Roles.Admin, "fuzz-admin"),
    ];

    private sealed record Case(string Kind, string Path, string Query, Func<HttpContent>? Body);

    private const string Hole = "__fuzz_hole__";

    [Fact]
    public async Task No_endpoint_answers_malformed_input_with_a_5xx_or_an_api_4xx_without_problem_details()
    {
        await fixture.App.CreateReadyClientAsync();
        await fixture.App.WaitForIndexAsync();
        await SeedAsync();
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Deletions last: they erase what the other cases read.
            .OrderBy(e => Methods(e).Contains("DELETE") ? 1 : 0).ThenBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/coach/diagnose");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/seeker");

        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        var clients = s_callers.ToDictionary(c => c, Client);
        foreach (var endpoint in endpoints)
        {
            var rule = endpoint.Metadata.GetMetadata<AccessRule>();
            var allowed = s_callers.Where(c => rule is null ? c.Role is not null : rule.IsPublic || (c.Role is not null && rule.Allows(c.Role))).ToArray();
            foreach (var method in Methods(endpoint).Where(m => m != "HEAD"))
            {
                var cases = Cases(endpoint, method, random).ToList();
                for (var i = 0; i < cases.Count; i++)
                {
                    // The first cases as every caller; the others as a caller the rule lets in (so they reach the
                    // handler), every sixth as anyone.
                    Caller[] callers = i < 2 ? s_callers
                        : i % 6 == 5 || allowed.Length == 0 ? [s_callers[i / 6 % s_callers.Length]]
                        : [allowed[i % allowed.Length]];
                    foreach (var caller in callers)
                    {
                        var (status, failure) = await SendAsync(clients[caller], method, cases[i], caller);
                        sent++;
                        statuses[status] = statuses.GetValueOrDefault(status) + 1;
                        if (failure is not null)
                        {
                            failures.Add(failure);
                        }
                    }
                }
            }
        }
        output.WriteLine($"{sent} requests to {endpoints.Count} endpoints in {watch.Elapsed.TotalSeconds:F0} s; {failures.Count} failures; "
            + "answers: " + string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}")));

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(60)));
    }

    private HttpClient Client(Caller caller)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (caller.Role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.App.TokenFor(caller.Role, caller.UserId!));
        }
        else
        {
            // An anonymous browser, as the web pages see one.
            client.DefaultRequestHeaders.Add("Cookie", "coach_seeker=web-00000000000f0220");
        }
        return client;
    }

    /// <summary>Data the cases can reach: a seeker in the adviser's caseload with a questionnaire, an offer of the recruiter.</summary>
    private async Task SeedAsync()
    {
        var seeker = fixture.App.CreateClientAs(Roles.Seeker, SeekerId);
        var questionnaire = await seeker.PostAsJsonAsync($"/api/profiles/{SeekerId}", new
        {
            targetJobs = new[] { new { label = "soudeur", romeCode = "H2913" } },
            commune = "69383",
            radiusKm = 30,
            searchableByRecruiters = true,
            pastJobs = new[] { new { label = "chaudronnier", years = 3 } },
        });
        Assert.True(questionnaire.IsSuccessStatusCode, await questionnaire.Content.ReadAsStringAsync());
        var recruiter = fixture.App.CreateClientAs(Roles.Recruiter, "fuzz-recruiter");
        var offer = await recruiter.PostAsJsonAsync("/api/offers", new[] { new { id = OfferId, title = "Soudeur TIG", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" } });
        Assert.True(offer.IsSuccessStatusCode, await offer.Content.ReadAsStringAsync());
        var admin = fixture.App.CreateClientAs(Roles.Admin, "fuzz-admin");
        Assert.True((await admin.PutAsync($"/api/admin/caseloads/fuzz-adviser/seekers/{SeekerId}", null)).IsSuccessStatusCode);
    }

    private async Task<(int Status, string? Failure)> SendAsync(HttpClient client, string method, Case fuzz, Caller caller)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), fuzz.Path + fuzz.Query) { Content = fuzz.Body?.Invoke() };
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (0, $"{method} {Short(fuzz.Path + fuzz.Query)} [{fuzz.Kind}] as {caller.Name}: threw {e.GetType().Name}: {e.Message}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, $"{method} {Short(fuzz.Path + fuzz.Query)} [{fuzz.Kind}] as {caller.Name}: {status} {Short(await response.Content.ReadAsStringAsync())}");
            }
            if (status >= 400 && fuzz.Path.StartsWith("/api/", StringComparison.Ordinal) && !await IsProblemAsync(response, status))
            {
                return (status, $"{method} {Short(fuzz.Path + fuzz.Query)} [{fuzz.Kind}] as {caller.Name}: {status} without ProblemDetails ({response.Content.Headers.ContentType})");
            }
            return (status, null);
        }
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status && problem.RootElement.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string[] Methods(RouteEndpoint endpoint) =>
        [.. endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]];

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + $"…({text.Length} chars)";

    // ------------------------------------------------------------------ the cases

    /// <summary>Values for a route segment: real ids, then hostile ones (already escaped for a URL).</summary>
    private static readonly (string Kind, string Value)[] s_routeValues =
    [
        ("real seeker", SeekerId),
        ("real offer", OfferId),
        ("unknown", "no-such-id"),
        ("traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
        ("dot segments", "%2E%2E"),
        ("backslash traversal", "..%5C..%5Cwindows%5Cwin.ini"),
        // (A NUL in the path: the test server refuses to send it, as Kestrel refuses it; see RealServerTests.)
        ("lone surrogate", "%ED%A0%80"),
        ("invalid UTF-8", "%FF%FE"),
        ("emoji", "%F0%9F%98%80"),
        ("10k chars", new string('a', 10_000)),
        ("spaces", "%20%20"),
        ("json", "%7B%22a%22%3A1%7D"),
        ("sql", "1%27%20OR%20%271%27%3D%271"),
        ("huge number", "99999999999999999999999999"),
    ];

    /// <summary>Values for a query parameter (escaped).</summary>
    private static readonly (string Kind, string Value)[] s_queryValues =
    [
        ("empty", ""),
        ("wrong type", "abc"),
        ("negative", "-1"),
        ("huge number", "99999999999999999999999999"),
        ("overflow", "1e400"),
        ("NaN", "NaN"),
        ("Infinity", "-Infinity"),
        ("lone surrogate", "%ED%A0%80"),
        ("invalid UTF-8", "%C3%28"),
        ("NUL", "%00"),
        ("60k chars", new string('x', 60_000)),
        ("traversal", "..%2F..%2Fetc%2Fpasswd"),
        ("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("cursor-like", "eyJzIjoiTmFOIn0"),
    ];

    private static IEnumerable<Case> Cases(RouteEndpoint endpoint, string method, Random random)
    {
        var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var queryNames = QueryParameters(endpoint, routeParameters).ToList();
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var formFields = FormFields(endpoint).ToList();
        var withBody = method is "POST" or "PUT" or "PATCH";

        // Route values: each kind once, the other parameters a real id.
        var plain = Url(endpoint.RoutePattern, _ => routeParameters.Contains("adviserId") ? "fuzz-adviser" : SeekerId);
        if (routeParameters.Count == 0)
        {
            yield return new Case("plain", plain, "", withBody ? () => Json("{}") : null);
        }
        foreach (var (kind, value) in s_routeValues.Where(_ => routeParameters.Count > 0))
        {
            var target = routeParameters[random.Next(routeParameters.Count)];
            yield return new Case($"route {target}: {kind}", Url(endpoint.RoutePattern, p => p == target ? value : p == "adviserId" ? "fuzz-adviser" : SeekerId), "",
                withBody ? () => Json("{}") : null);
        }

        // Query values: every parameter the handler (or the page) reads, each with a few hostile values, and the whole set at once.
        foreach (var name in queryNames)
        {
            foreach (var (kind, value) in s_queryValues.OrderBy(_ => random.Next()))
            {
                yield return new Case($"query {name}: {kind}", plain, $"?{name}={value}", withBody ? () => Json("{}") : null);
            }
        }
        if (queryNames.Count > 1)
        {
            yield return new Case("every query parameter NaN", plain, "?" + string.Join("&", queryNames.Select(n => $"{n}=NaN")), withBody ? () => Json("{}") : null);
        }
        // Unknown, repeated and array-shaped parameters.
        yield return new Case("repeated unknown query", plain, "?size=1&size=2&x[]=1&x[]=%00", withBody ? () => Json("{}") : null);

        if (!withBody)
        {
            yield break;
        }

        // Bodies of any shape, whatever the endpoint reads.
        foreach (var (kind, body) in GenericBodies())
        {
            yield return new Case($"body: {kind}", plain, "", body);
        }
        if (formFields.Count > 0)
        {
            foreach (var (kind, value) in s_queryValues.Take(8))
            {
                yield return new Case($"form: {kind}", plain, "", () => Form(formFields.ToDictionary(f => f, _ => Uri.UnescapeDataString(value))));
            }
        }
        // Bodies of the endpoint's own type with one field broken at a time.
        if (bodyType is not null && bodyType != typeof(object) && !bodyType.IsPrimitive && bodyType != typeof(string) && bodyType != typeof(JsonElement))
        {
            var valid = Sample(bodyType, 0);
            yield return new Case("body: valid sample", plain, "", () => Json(valid.ToJsonString()));
            foreach (var (kind, json) in Mutations(valid, random))
            {
                yield return new Case($"body: {kind}", plain, "", () => Json(json));
            }
        }
    }

    private static IEnumerable<(string Kind, Func<HttpContent> Body)> GenericBodies()
    {
        yield return ("null", () => Json("null"));
        yield return ("array", () => Json("[]"));
        yield return ("array of null", () => Json("[null]"));
        yield return ("string", () => Json("\"x\""));
        yield return ("number", () => Json("1e400"));
        yield return ("truncated", () => Json("{\"a\":"));
        yield return ("trailing data", () => Json("{} {}"));
        yield return ("not JSON", () => Json("<xml/>"));
        yield return ("empty", () => Json(""));
        yield return ("deep arrays", () => Json(new string('[', 5_000) + new string(']', 5_000)));
        yield return ("deep objects", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 3_000)) + "1" + new string('}', 3_000)));
        // Just under the default body limit (1 MiB), so it reaches the handler.
        yield return ("1 MB string", () => Json($"{{\"id\":\"{new string('x', 1_000_000)}\"}}"));
        yield return ("lone surrogate", () => Json("{\"id\":\"\\ud800\",\"title\":\"\\udfff\"}"));
        yield return ("invalid UTF-8", () => new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        yield return ("NDJSON lines", () => new StringContent("{\"id\":\"a\"}\n[1]\n\"x\"\n{\"id\":\"\\ud800\"}\n", Encoding.UTF8, "application/x-ndjson"));
        yield return ("text/plain", () => new StringContent("{}", Encoding.UTF8, "text/plain"));
        yield return ("no content type", () => new ByteArrayContent("{}"u8.ToArray()));
        yield return ("form", () => Form(new Dictionary<string, string> { ["a"] = "\0", ["b"] = new string('x', 10_000) }));
    }

    /// <summary>Each property of the sample broken one way: null, the wrong type, NaN, a huge number, [null], a long or invalid string.</summary>
    private static IEnumerable<(string Kind, string Json)> Mutations(System.Text.Json.Nodes.JsonNode sample, Random random)
    {
        if (sample is not System.Text.Json.Nodes.JsonObject root)
        {
            yield break;
        }
        foreach (var (name, value) in root.ToList())
        {
            var mutations = new List<(string, string)>
            {
                ("null", "null"),
                ("wrong type", value is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == JsonValueKind.String ? "12" : "\"x\""),
                ("object", "{\"a\":1}"),
                ("[null]", "[null]"),
                ("NaN", "\"NaN\""),
                ("huge number", "123456789012345678901234567890"),
                ("lone surrogate", "\"\\ud800\""),
                ("10k string", $"\"{new string('é', 10_000)}\""),
                ("negative", "-1"),
            };
            if (value is System.Text.Json.Nodes.JsonArray { Count: > 0 } array && array[0] is System.Text.Json.Nodes.JsonObject element)
            {
                // Inside the first element of a list of objects, too.
                foreach (var (inner, _) in element.ToList())
                {
                    mutations.Add(($"[0].{inner} null", Replace(value, inner, "null")));
                    mutations.Add(($"[0].{inner} NaN", Replace(value, inner, "\"NaN\"")));
                }
            }
            foreach (var (kind, json) in mutations.OrderBy(_ => random.Next()))
            {
                // Spliced as text: a JsonNode cannot hold a lone surrogate.
                var copy = System.Text.Json.Nodes.JsonNode.Parse(root.ToJsonString())!.AsObject();
                copy[name] = Hole;
                yield return ($"{name} {kind}", copy.ToJsonString().Replace($"\"{Hole}\"", json, StringComparison.Ordinal));
            }
        }

        static string Replace(System.Text.Json.Nodes.JsonNode list, string property, string json)
        {
            var copy = System.Text.Json.Nodes.JsonNode.Parse(list.ToJsonString())!.AsArray();
            copy[0]!.AsObject()[property] = Hole;
            return copy.ToJsonString().Replace($"\"{Hole}\"", json, StringComparison.Ordinal);
        }
    }

    /// <summary>A plausible value of the type: every property set, lists of one element, two levels deep.</summary>
    private static System.Text.Json.Nodes.JsonNode Sample(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
        }
        if (type == typeof(bool))
        {
            return true;
        }
        if (type.IsEnum)
        {
            return Enum.GetNames(type)[0];
        }
        if (type == typeof(DateOnly))
        {
            return "2026-01-15";
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "2026-01-15T10:00:00Z";
        }
        if (type.IsPrimitive || type == typeof(decimal))
        {
            return 1;
        }
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return depth > 2 ? new System.Text.Json.Nodes.JsonArray() : new System.Text.Json.Nodes.JsonArray(Sample(element, depth + 1));
        }
        var node = new System.Text.Json.Nodes.JsonObject();
        if (depth > 2)
        {
            return node;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            node[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Sample(property.PropertyType, depth + 1);
        }
        return node;
    }

    /// <summary>The handler's simple parameters bound from the query, or a page's [SupplyParameterFromQuery] properties.</summary>
    private static IEnumerable<string> QueryParameters(RouteEndpoint endpoint, List<string> routeParameters)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            foreach (var parameter in handler.GetParameters())
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                var simple = type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly);
                if (simple && parameter.Name is { } name && !routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && parameter.GetCustomAttribute<FromFormAttribute>() is null && parameter.GetCustomAttribute<FromServicesAttribute>() is null)
                {
                    yield return parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? name;
                }
            }
        }
        var component = endpoint.Metadata.FirstOrDefault(m => m.GetType().Name == "ComponentTypeMetadata")?.GetType().GetProperty("Type")?.GetValue(
            endpoint.Metadata.First(m => m.GetType().Name == "ComponentTypeMetadata")) as Type;
        foreach (var property in component?.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) ?? [])
        {
            if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query)
            {
                yield return query.Name ?? property.Name;
            }
        }
    }

    private static IEnumerable<string> FormFields(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .Where(p => p.GetCustomAttribute<FromFormAttribute>() is not null && p.ParameterType != typeof(IFormCollection))
            .Select(p => p.GetCustomAttribute<FromFormAttribute>()!.Name ?? p.Name!) ?? [];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    /// <summary>The route with each parameter's value chosen by <paramref name="value"/> (values are already escaped).</summary>
    private static string Url(RoutePattern pattern, Func<string, string> value)
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
                    RoutePatternParameterPart parameter => value(parameter.Name),
                    _ => "",
                });
            }
        }
        return url.Length == 0 ? "/" : url.ToString();
    }
}
