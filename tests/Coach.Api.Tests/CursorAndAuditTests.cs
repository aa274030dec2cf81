using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>Defects found under hostile input (issue 9.4), each with the test that failed before its fix.</summary>
public sealed class CursorAndAuditTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Skill = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";

    [Theory]
    [InlineData("abc")]
    [InlineData("!!")]
    [InlineData("AAAAAAAAAAA")]
    [InlineData("%F0%9F%92%A9")]
    public async Task A_cursor_that_no_index_returned_is_a_400_naming_cursor_on_matches_candidates_and_search(string cursor)
    {
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, "ca-seeker");
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "ca-recruiter");
        Assert.True((await seeker.PostAsJsonAsync("/api/profiles/ca-seeker", new { skills = new[] { new { uri = Skill } }, searchable = true })).IsSuccessStatusCode);
        Assert.True((await recruiter.PostAsJsonAsync("/api/offers", new[] { new { id = "ca-offer", title = "Interprète", skills = new[] { new { uri = Skill } } } })).IsSuccessStatusCode);

        var responses = new[]
        {
            await seeker.GetAsync($"/api/profiles/ca-seeker/matches?cursor={cursor}"),
            await recruiter.GetAsync($"/api/offers/ca-offer/candidates?cursor={cursor}"),
            await recruiter.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { Skill }, cursor = Uri.UnescapeDataString(cursor) }),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());
        }
    }

    [Fact]
    public async Task An_admin_read_of_an_unknown_or_erased_seeker_is_404_and_writes_no_audit_line_naming_the_id()
    {
        var admin = await factory.CreateReadyClientAsAsync(Roles.Admin, "ca-admin");
        var auditLog = factory.Services.GetRequiredService<AuditLog>();
        string[] reads = ["", "/diagnosis", "/strategy", "/skills-gap", "/close-jobs", "/matches"];

        foreach (var read in reads)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/profiles/ca-ghost{read}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/reviews/ca-ghost")).StatusCode);
        Assert.Empty(auditLog.ForSeeker("ca-ghost"));

        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, "ca-erased");
        Assert.True((await seeker.PostAsJsonAsync("/api/profiles/ca-erased", new { targetJobs = new[] { new { romeCode = "J1501" } }, commune = "69383" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/profiles/ca-erased")).StatusCode);
        Assert.Single(auditLog.ForSeeker("ca-erased"));
        Assert.Equal(HttpStatusCode.OK, (await seeker.DeleteAsync("/api/me")).StatusCode);

        foreach (var read in reads)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/profiles/ca-erased{read}")).StatusCode);
        }
        Assert.Empty(auditLog.ForSeeker("ca-erased"));
    }
}
