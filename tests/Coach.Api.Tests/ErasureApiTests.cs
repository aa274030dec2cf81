using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>Export and erasure across every store: questionnaire, index, search results.</summary>
public sealed class ErasureApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Seeker = "erasure-seeker";
    private const string Recruiter = "erasure-recruiter";

    [Fact]
    public async Task Erasure_leaves_no_trace_in_store_index_and_search_results()
    {
        var seeker = await factory.CreateReadyClientAsAsync("seeker", Seeker);
        var recruiter = await factory.CreateReadyClientAsAsync("recruiter", Recruiter);
        var admin = await factory.CreateReadyClientAsAsync("admin", "erasure-admin");
        var skill = (await seeker.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=souder&limit=1"))![0].GetProperty("uri").GetString()!;
        var questionnaire = new { targetJobs = new[] { new { romeCode = "H2913" } }, commune = "69383", radiusKm = 30, skills = new[] { new { uri = skill } }, searchableByRecruiters = true, applicationsSoFar = 12 };
        Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync($"/api/profiles/{Seeker}", questionnaire)).StatusCode);
        var pseudonym = factory.Services.GetRequiredService<global::Matching.Engine.Privacy.Pseudonyms>().For(Recruiter, Seeker);
        async Task<bool> Found() =>
            (await (await recruiter.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { skill } })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("pseudonym").GetString() == pseudonym);
        Assert.True(await Found());

        var export = await seeker.GetFromJsonAsync<JsonElement>("/api/me/export");
        Assert.Equal(12, export.GetProperty("matching").GetProperty("questionnaire").GetProperty("applicationsSoFar").GetInt32());
        Assert.Equal(Seeker, export.GetProperty("matching").GetProperty("index").GetProperty("profile").GetProperty("id").GetString());

        Assert.True((await seeker.DeleteAsync("/api/me")).IsSuccessStatusCode);

        Assert.False(await Found());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/profiles/{Seeker}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/profiles/{Seeker}/diagnosis")).StatusCode);
        var after = await seeker.GetFromJsonAsync<JsonElement>("/api/me/export");
        Assert.DoesNotContain("applicationsSoFar", after.ToString(), StringComparison.Ordinal);
    }
}
