using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Hosting;

/// <summary>
/// The index behind the container: chosen by <c>Coach:Index:Kind</c>, 503 with Retry-After while it
/// is not open, and <c>/health</c> ready only once it is. A test kind holds the index closed until
/// the test lets it open, so "before" and "after" are certain, not a race.
/// </summary>
public sealed class MatchIndexHostingTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>, IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("coach-gated-index-").FullName;

    /// <summary>An embedded index that opens only when <see cref="Open"/> completes.</summary>
    private sealed class GatedIndexFactory(string storePath) : IMatchIndexFactory
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => "Gated";

        public async Task<IMatchIndex> OpenAsync(ReferenceData data, CancellationToken cancellationToken)
        {
            await Open.Task.WaitAsync(cancellationToken);
            return EmbeddedMatchIndex.Open(storePath, data.Taxonomy, c => data.Geography.EmploymentAreaOf(c)?.Code, a => data.Geography.EmploymentArea(a)?.Name);
        }
    }

    [Fact]
    public async Task An_unknown_index_kind_stops_the_start_with_a_message_naming_the_setting_and_the_kinds()
    {
        var root = Directory.CreateTempSubdirectory("coach-hosting-tests-").FullName;
        string message;
        int exitCode;
        try
        {
            (exitCode, message) = await FailedStart.RunAsync(root, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Coach__Index__Kind"] = "Solr",
                ["Coach__SeedOffers"] = "0",
                ["Coach__SeedProfiles"] = "0",
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Coach:Index:Kind is 'Solr'", message, StringComparison.Ordinal);
        Assert.Contains("Embedded", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Until_the_index_opens_health_is_503_and_reads_are_503_with_retry_after_then_no_request_after_the_first_200_is_503()
    {
        var gate = new GatedIndexFactory(Path.Combine(_store, "gated.db"));
        using var app = factory.WithWebHostBuilder(b => b
            .UseSetting("Coach:Index:Kind", "Gated")
            .ConfigureTestServices(services => services.AddSingleton<IMatchIndexFactory>(gate)));
        var client = app.CreateClient();
        await app.Services.GetRequiredService<ReferenceDataProvider>().Loaded.WaitAsync(TimeSpan.FromMinutes(2));
        const string market = "/api/market/supply-demand?occupation=J1501&place=69383";

        // The reference data is loaded, the index is not open: not ready, and a read says when to come back.
        var health = await client.GetAsync("/health");
        var read = await client.GetAsync(market);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("opening index", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.True(read.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");

        gate.Open.SetResult();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await client.GetAsync("/health")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/health never became ready");
            await Task.Delay(20);
        }
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await client.GetAsync(market)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
