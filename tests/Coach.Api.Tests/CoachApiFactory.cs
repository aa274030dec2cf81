using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Coach.Api.Security;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>The folder of the store (coach.db and its WAL).</summary>
    public string StoreFolder => _root;

    /// <summary>Keep the store's files when disposed (a test reads them after a clean shutdown, then deletes them).</summary>
    public bool KeepStore { get; set; }

    /// <summary>Receives the app's logs too, when set before the first client.</summary>
    public ILoggerProvider? Logs { get; set; }

    /// <summary>Extra services for a test that needs them (registered after the app's, so they win), when set before the first client.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Extra configuration for a test class that needs it.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Coach:SeedOffers"] = "0",
        ["Coach:SeedProfiles"] = "0",
        // What derives from the reference data alone (alignment, occupation classifier): computed once per machine, not per test host.
        ["Coach:ReferenceCachePath"] = SharedReferenceCache,
    };

    /// <summary>The reference cache every test host of this machine shares (keyed by data and build, written atomically).</summary>
    public static readonly string SharedReferenceCache = Path.Combine(Path.GetTempPath(), "coach-tests-reference-cache");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host reads no static web assets manifest (a published app serves them from wwwroot).
        builder.UseStaticWebAssets();
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
        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, TestRemoteAddress>();
            TestServices?.Invoke(services);
        });
    }

    /// <summary>The header a test sets to call from a network address (the test server has none).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>Gives a request the remote address a test names, so tests can place callers behind one NAT or apart.</summary>
    private sealed class TestRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
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
        if (KeepStore)
        {
            return;
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
