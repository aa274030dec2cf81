using System.Net;
using Matching.Engine.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>What only a real server shows: Kestrel's own limits (which the in-process test server never meets), static files.</summary>
public sealed class RealServerTests : IDisposable
{
    private readonly CoachApiFactory _factory = new();

    public RealServerTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    [Fact]
    public async Task A_70k_character_id_reaches_the_app_and_is_a_404_problem()
    {
        await _factory.Services.GetRequiredService<ReferenceDataProvider>().Loaded.WaitAsync(TimeSpan.FromMinutes(2));
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/taxonomy/places?q=" + new string('a', 70_000));
        var offer = await client.GetAsync("/api/offers/" + new string('a', 70_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, offer.StatusCode);
        Assert.Equal("application/problem+json", offer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_kestrel_with_a_400_never_a_500()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/offers/a%00b");

        // Kestrel rejects it before any middleware runs: the framework gives no way to write a body here.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pages_link_a_favicon_that_is_served_to_anyone()
    {
        using var server = _factory.CreateClient();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var home = await client.GetStringAsync("/");
        var icon = await client.GetAsync("/_content/Coach.Web/favicon.svg");
        var legacy = await client.GetAsync("/favicon.ico");

        Assert.Contains("rel=\"icon\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MovedPermanently, legacy.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
