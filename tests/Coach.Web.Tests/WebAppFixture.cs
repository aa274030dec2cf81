using System.Net;
using System.Net.Sockets;
using Matching.Engine.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>
/// The real app (Coach.Api serving Coach.Web) on a free loopback port, over the real reference data with
/// its own store seeded deterministically (2,000 offers, 500 profiles, fixed seed), and a headless Debian
/// Chromium driven by Playwright. Shared by every browser test (one collection: they run one after another).
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-web-tests-").FullName;
    private WebApp? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The SMTP server the app's email digests go to (Coach:Smtp).</summary>
    public SmtpTestServer Smtp { get; } = new();

    /// <summary>
    /// Where the tests save their screenshots: an ignored folder (.test-results/screenshots), so a test run never
    /// rewrites a tracked file. <c>COACH_SCREENSHOTS=docs/screenshots</c> refreshes the ones the README shows
    /// (README, "Screenshots").
    /// </summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("COACH_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder, RepositoryRoot())
        : Path.Combine(RepositoryRoot(), ".test-results", "screenshots");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _app = new WebApp(_root, Smtp.Port);
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        var provider = _app.Services.GetRequiredService<HostedMatchIndex>();
        await provider.Ready.WaitAsync(TimeSpan.FromMinutes(3));
        // Tests count on the seeded corpus: wait for the seeding to finish.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (provider.SeedStatus is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.NotNull(provider.SeedStatus);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser (own cookies: one person) at the given viewport width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "fr-FR" });
        // A page that computes a seeker's assessment took over 60 s on a 2-core machine at load 38 (other builds and
        // tests): the wait is for the page, never a timing assertion.
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser signed in (development sign-in page) as the user in the role.</summary>
    public async Task<IPage> NewPageAsAsync(string role, string userId, int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/signin");
        await page.FillAsync("#userId", userId);
        await page.SelectOptionAsync("#role", role);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coach.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Coach.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class WebApp(string root, int smtpPort) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the host reads no static web assets manifest: the built app would serve them from wwwroot.
            builder.UseStaticWebAssets();
            builder.UseSetting("Coach:StorePath", Path.Combine(root, "coach.db"));
            builder.UseSetting("Coach:CachePath", Path.Combine(root, "cache"));
            builder.UseSetting("Coach:ReferenceCachePath", Path.Combine(Path.GetTempPath(), "coach-tests-reference-cache"));
            builder.UseSetting("Coach:SeedOffers", "2000");
            builder.UseSetting("Coach:SeedProfiles", "500");
            builder.UseSetting("Coach:SeedRandom", "42");
            builder.UseSetting("Coach:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Coach:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Coach:Smtp:Security", "None");
            builder.UseSetting("Coach:Smtp:From", "Coach <coach@localhost>");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "browser";
}
