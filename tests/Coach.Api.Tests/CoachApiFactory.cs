using Matching.Engine.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>
/// Coach.Api in-process, on the real reference data, with its own empty store in a temporary
/// folder. One instance is shared by the tests of a class (IClassFixture).
/// </summary>
public sealed class CoachApiFactory : WebApplicationFactory<Program>
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-api-tests-").FullName;

    /// <summary>Extra configuration for a test class that needs it.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Coach:SeedOffers"] = "0",
        ["Coach:SeedProfiles"] = "0",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Coach:StorePath", Path.Combine(_root, "coach.db"));
        builder.UseSetting("Coach:CachePath", Path.Combine(_root, "cache"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client once the reference data is loaded.</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        await Services.GetRequiredService<ReferenceDataProvider>().Loaded.WaitAsync(TimeSpan.FromMinutes(2));
        return client;
    }

    /// <summary>Waits until the match index is open (it opens once the reference data is loaded).</summary>
    public async Task WaitForIndexAsync() =>
        await Services.GetRequiredService<MatchingRuntimeProvider>().Ready.WaitAsync(TimeSpan.FromMinutes(2));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
