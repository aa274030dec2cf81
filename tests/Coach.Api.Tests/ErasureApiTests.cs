using System.Net;
using System.Net.Http.Json;
using System.Text;
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

    [Fact]
    public async Task Erased_data_cannot_be_read_back_from_the_database_files_after_a_clean_shutdown()
    {
        const string pastJob = "Chaudronnier-chez-Durand-et-fils-9d41";
        const string message = "Bonjour, votre profil de soudeuse nous interesse-5be2";
        const string seekerId = "disk-erased-seeker";
        const string recruiterId = "disk-recruiter";
        var app = new CoachApiFactory { KeepStore = true };
        try
        {
            var seeker = await app.CreateReadyClientAsAsync("seeker", seekerId);
            var recruiter = await app.CreateReadyClientAsAsync("recruiter", recruiterId);
            var skill = (await seeker.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=souder&limit=1"))![0].GetProperty("uri").GetString()!;
            // Enough other seekers that the erased rows share pages with rows that stay.
            for (var i = 0; i < 20; i++)
            {
                var other = await app.CreateReadyClientAsAsync("seeker", $"disk-other-{i}");
                Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync($"/api/profiles/disk-other-{i}", new
                {
                    targetJobs = new[] { new { romeCode = "H2913" } },
                    commune = "69383",
                    pastJobs = new[] { new { label = "Soudeur " + i } },
                })).StatusCode);
            }
            var questionnaire = new
            {
                targetJobs = new[] { new { romeCode = "H2913" } },
                commune = "69383",
                radiusKm = 30,
                skills = new[] { new { uri = skill } },
                pastJobs = new[] { new { label = pastJob, years = 4 } },
                searchableByRecruiters = true,
                applicationsSoFar = 12,
            };
            Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync($"/api/profiles/{seekerId}", questionnaire)).StatusCode);
            var hits = (await (await recruiter.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { skill } })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits");
            var pseudonym = app.Services.GetRequiredService<global::Matching.Engine.Privacy.Pseudonyms>().For(recruiterId, seekerId);
            Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("pseudonym").GetString() == pseudonym);
            Assert.Equal(HttpStatusCode.Created, (await recruiter.PostAsJsonAsync("/api/contact-requests", new { pseudonym, message })).StatusCode);
            Assert.True(StoreContains(app.StoreFolder, pastJob) && StoreContains(app.StoreFolder, message), "the secrets should be on disk before the erasure");

            Assert.True((await seeker.DeleteAsync("/api/me")).IsSuccessStatusCode);
            app.Dispose();

            Assert.False(StoreContains(app.StoreFolder, pastJob), "The erased past job is still in the database files.");
            Assert.False(StoreContains(app.StoreFolder, message), "The erased recruiter's message is still in the database files.");
            Assert.False(StoreContains(app.StoreFolder, "\"applicationsSoFar\":12"), "The erased questionnaire is still in the database files.");
        }
        finally
        {
            app.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var before = string.Join(", ", Directory.EnumerateFiles(app.StoreFolder).Select(f => Path.GetFileName(f) + "@" + File.GetLastWriteTimeUtc(f).ToString("HH:mm:ss.fff")));
            try
            {
                Directory.Delete(app.StoreFolder, recursive: true);
            }
            catch (IOException e)
            {
                var after = string.Join(", ", Directory.EnumerateFiles(app.StoreFolder).Select(f => Path.GetFileName(f) + "@" + File.GetLastWriteTimeUtc(f).ToString("HH:mm:ss.fff")));
                throw new IOException($"{e.Message} at {DateTime.UtcNow:HH:mm:ss.fff}; before: {before}; after: {after}", e);
            }
        }
    }

    private static bool StoreContains(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(folder, "coach.db*").Any(f =>
        {
            using var file = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            return bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(needle) >= 0;
        });
    }
}
