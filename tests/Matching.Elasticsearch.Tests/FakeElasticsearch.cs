using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matching.Elasticsearch.Tests;

/// <summary>One request the client sent, as the wire carried it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, string? ContentType)
{
    /// <summary>The body as JSON (null when empty).</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The NDJSON lines of a bulk body.</summary>
    public IReadOnlyList<JsonNode> Lines => [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    public override string ToString() => $"{Method} {Path}{(Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(q => $"{q.Key}={q.Value}")))}";
}

/// <summary>
/// A local HTTP listener that answers as an Elasticsearch node would (the product header, JSON bodies the tests
/// build from the specification's shapes) and records every request the client sends. No index logic:
/// each test says what the cluster answers.
/// </summary>
public sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Method, Regex Path, Func<RecordedRequest, (int Status, string Body)> Answer)> _routes = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeElasticsearch()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Urls.First());
        Defaults();
    }

    public Uri Url { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void ClearRequests() => _requests.Clear();

    /// <summary>Answers requests whose method and path (regex, anchored) match; the latest registration wins.</summary>
    public void On(string method, string pathPattern, Func<RecordedRequest, (int Status, string Body)> answer) =>
        _routes.Insert(0, (method, new Regex("^" + pathPattern + "$"), answer));

    public void On(string method, string pathPattern, int status, string body) => On(method, pathPattern, _ => (status, body));

    private void Defaults()
    {
        On("GET", "/_cluster/health", 200, Health("green"));
        On("PUT", "/_index_template/[^/]+", 200, """{"acknowledged":true}""");
        On("HEAD", "/[^_/][^/]*", 404, "");
        On("PUT", "/[^_/][^/]*", r => (200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{r.Path.TrimStart('/')}}"}"""));
        On("GET", "/_alias/[^/]+", r => (404, $$"""{"error":"alias [{{r.Path.Split('/')[^1]}}] missing","status":404}"""));
        On("POST", "/_aliases", 200, """{"acknowledged":true}""");
        On("POST", "/[^_/][^/]*/_pit", 200, """{"id":"cGl0LWlk","_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");
        On("DELETE", "/_pit", 200, """{"succeeded":true,"num_freed":1}""");
        On("POST", "/[^_/][^/]*/_count", 200, """{"count":0,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");
    }

    public static string Health(string status, int unassignedPrimaries = 0, int unassigned = 0) => $$"""
        {"cluster_name":"coach-test","status":"{{status}}","timed_out":false,"number_of_nodes":1,"number_of_data_nodes":1,
         "active_primary_shards":2,"active_shards":2,"relocating_shards":0,"initializing_shards":0,"unassigned_shards":{{unassigned}},
         "unassigned_primary_shards":{{unassignedPrimaries}},"delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,
         "task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":100.0}
        """;

    private async Task HandleAsync(HttpContext context)
    {
        // The client compresses request bodies (gzip) as it would for a real node.
        var input = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : context.Request.Body;
        using var reader = new StreamReader(input, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            body,
            context.Request.ContentType);
        _requests.Enqueue(request);
        var route = _routes.FirstOrDefault(r => r.Method == request.Method && r.Path.IsMatch(request.Path));
        var (status, answer) = route.Answer is null
            ? (400, $$"""{"error":{"type":"fake_route_missing","reason":"no answer for {{request.Method}} {{request.Path}}"},"status":400}""")
            : route.Answer(request);
        context.Response.StatusCode = status;
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        if (answer.Length > 0 && request.Method != "HEAD")
        {
            // As a node answers: the media type the client asked for in Accept (vendor JSON, compatible-with=9).
            var accept = context.Request.Headers.Accept.ToString();
            context.Response.ContentType = accept.Contains("vnd.elasticsearch+json", StringComparison.Ordinal) ? accept.Split(',')[0].Trim() : "application/json";
            await context.Response.WriteAsync(answer);
        }
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static Uri UnreachableUrl()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
