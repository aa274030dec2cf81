using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

public sealed class HealthApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    [Fact]
    public async Task Health_is_ready_once_the_taxonomy_is_loaded_and_the_index_is_open()
    {
        var client = await factory.CreateReadyClientAsync();
        await factory.WaitForIndexAsync();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(3_007, body.GetProperty("occupations").GetInt32());
        // ESCO skills and ROME 4.0 competences and savoirs: one taxonomy.
        Assert.Equal(13_896 + 33_671, body.GetProperty("skills").GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var client = await factory.CreateReadyClientAsync();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("Coach API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/health", out _));
        Assert.True(paths.TryGetProperty("/api/taxonomy/skills", out _));
        Assert.True(paths.TryGetProperty("/api/taxonomy/occupations", out _));
        Assert.True(paths.TryGetProperty("/api/taxonomy/places", out _));
        var diagnose = paths.GetProperty("/api/coach/diagnose").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.Equal("aide soignante de nuit", diagnose.GetProperty("example").GetProperty("targetJobs")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Scalar_reference_is_served()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_details_404()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}

public sealed class ShutdownTests
{
    [Fact]
    public async Task A_clean_shutdown_waits_for_the_caches_that_start_up_writes_so_nothing_changes_after_it()
    {
        var app = new CoachApiFactory { KeepStore = true };
        app.Settings["Coach:ReferenceCachePath"] = Path.Combine(app.StoreFolder, "cache");
        // The host waits for the background work within its shutdown timeout (30 s by default): on a loaded test
        // machine the training alone may take longer, after which the shutdown goes on without the cache.
        app.Settings["shutdownTimeoutSeconds"] = "600";
        try
        {
            _ = await app.CreateReadyClientAsync();
            Assert.Equal(TimeSpan.FromMinutes(10), app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout);
            // The occupation classifier trains in the background after loading (seconds) and writes its cache.
            await app.DisposeAsync();

            var cache = Path.Combine(app.StoreFolder, "cache");
            Assert.Single(Directory.GetFiles(cache, "occupation-classifier-*.json"));
            Assert.Empty(Directory.GetFiles(cache, "*.tmp"));
        }
        finally
        {
            await app.DisposeAsync();
            Directory.Delete(app.StoreFolder, recursive: true);
        }
    }
}
