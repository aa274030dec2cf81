using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Matching.Engine.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>Coach on an Elasticsearch cluster it cannot reach: it keeps running, says so on /health, and index endpoints answer 503 with Retry-After.</summary>
public sealed class ElasticsearchIndexApiTests : IDisposable
{
    private readonly CoachApiFactory _factory = new();
    private readonly int _port = FreePort();

    public ElasticsearchIndexApiTests()
    {
        _factory.Settings["Coach:Index:Kind"] = "Elasticsearch";
        _factory.Settings["Coach:Index:Elasticsearch:Url"] = $"http://127.0.0.1:{_port}";
        _factory.Settings["Coach:Index:Elasticsearch:RequestTimeoutSeconds"] = "2";
    }

    public void Dispose() => _factory.Dispose();

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task Health_is_503_naming_elasticsearch_when_the_cluster_is_unreachable()
    {
        var client = await _factory.CreateReadyClientAsync();
        await _factory.WaitForIndexAsync();

        JsonElement body = default;
        HttpResponseMessage response = null!;
        for (var i = 0; i < 100; i++)
        {
            response = await client.GetAsync("/health");
            body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("index", out var index) && index.GetProperty("detail").GetString()!.Contains("unreachable", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("index-unavailable", body.GetProperty("status").GetString());
        Assert.Equal("elasticsearch", body.GetProperty("index").GetProperty("backend").GetString());
        Assert.Contains($"Elasticsearch at http://127.0.0.1:{_port}", body.GetProperty("index").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_endpoints_answer_503_with_retry_after_and_coach_keeps_serving_the_rest()
    {
        var client = await _factory.CreateReadyClientAsync();
        await _factory.WaitForIndexAsync();
        var skill = _factory.Services.GetRequiredService<ReferenceDataProvider>().Current!.Taxonomy.Skills[100].Uri;

        var response = await client.GetAsync($"/api/market/supply-demand?skill={Uri.EscapeDataString(skill)}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Elasticsearch", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // What needs no index still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/taxonomy/skills?q=soudage")).StatusCode);
    }
}
