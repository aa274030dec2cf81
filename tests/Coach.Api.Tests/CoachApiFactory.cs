using System.Net.Http.Headers;
using System.Security.Cryptography;
using Coach.Api.Security;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
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

    /// <summary>Issuer, audience and signing key of test tokens: the configuration `dotnet user-jwts` writes.</summary>
    public const string TokenIssuer = "coach-tests";
    public const string TokenAudience = "coach-api";
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

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
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", TokenIssuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", TokenAudience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", TokenIssuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", SigningKey);
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

    /// <summary>A client calling as the user in the role, once the reference data and the index are ready.</summary>
    public async Task<HttpClient> CreateReadyClientAsAsync(string role, string userId)
    {
        await Services.GetRequiredService<ReferenceDataProvider>().Loaded.WaitAsync(TimeSpan.FromMinutes(2));
        await WaitForIndexAsync();
        return CreateClientAs(role, userId);
    }

    /// <summary>Waits until the match index is open (it opens once the reference data is loaded).</summary>
    public async Task WaitForIndexAsync()
    {
        _ = Services; // starts the host
        await Services.GetRequiredService<HostedMatchIndex>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>A seeker who consented to recruiters' searches, as the index holds them (what a contact request needs).</summary>
    public async Task ConsentingSeekerAsync(string seekerId)
    {
        await WaitForIndexAsync();
        await Services.GetRequiredService<IMatchIndex>().UpsertProfilesAsync([new ProfileDocument { Id = seekerId, Searchable = true }]);
    }

    /// <summary>A token for the user in the role, signed with the configured test key.</summary>
    public string TokenFor(string role, string userId) =>
        Services.GetRequiredService<DevTokenIssuer>().Issue(userId, role, TimeSpan.FromHours(1));

    /// <summary>A client that calls as the user in the role (the reference data may still be loading).</summary>
    public HttpClient CreateClientAs(string role, string userId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(role, userId));
        return client;
    }

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
