using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

public sealed class PrivacyApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private static CoachUser User(string role, string id) => new(id, role);

    /// <summary>A read of data that exists (the loader finds something).</summary>
    private Task<string?> ReadAsync(CoachUser user, string seekerId, string resource, string reason) =>
        Access.ReadAsync(user, seekerId, resource, reason, () => Task.FromResult<string?>("data"));

    private SeekerAccess Access => factory.Services.GetRequiredService<SeekerAccess>();

    private async Task AssignAsync(string adviserId, string seekerId)
    {
        var response = await factory.CreateClientAs(Roles.Admin, "pa-admin").PutAsync($"/api/admin/caseloads/{adviserId}/seekers/{seekerId}", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task An_adviser_read_of_a_seeker_in_their_caseload_is_in_the_seekers_access_log()
    {
        await AssignAsync("pa-adviser-1", "pa-seeker-1");

        Assert.NotNull(await ReadAsync(User(Roles.Adviser, "pa-adviser-1"), "pa-seeker-1", "profile", "review queue"));
        Access.RecordReview(User(Roles.Adviser, "pa-adviser-1"), "pa-seeker-1", "review:1", "review queue");

        var log = await factory.CreateClientAs(Roles.Seeker, "pa-seeker-1").GetFromJsonAsync<JsonElement[]>("/api/me/access-log");
        Assert.Equal(2, log!.Length);
        Assert.Equal(["review", "read"], log.Select(e => e.GetProperty("action").GetString()));
        Assert.All(log, e => Assert.Equal("pa-adviser-1", e.GetProperty("actorId").GetString()));
        Assert.Equal("profile", log[1].GetProperty("resource").GetString());
        Assert.Equal("review queue", log[1].GetProperty("reason").GetString());
        Assert.True(log[1].TryGetProperty("at", out _));
        var adviserCaseload = await factory.CreateClientAs(Roles.Adviser, "pa-adviser-1").GetFromJsonAsync<string[]>("/api/adviser/caseload");
        Assert.Equal(["pa-seeker-1"], adviserCaseload!);
    }

    [Fact]
    public void Who_may_see_a_seeker_follows_caseload_contact_and_role()
    {
        var requests = factory.Services.GetRequiredService<ContactRequests>();
        factory.Services.GetRequiredService<Caseloads>().Assign("pa-adviser-2", "pa-seeker-2");
        var request = requests.Create("pa-recruiter-2", "pa-seeker-2", "cand-x", null, "Hello");

        Assert.True(Access.CanSee(User(Roles.Seeker, "pa-seeker-2"), "pa-seeker-2"));
        Assert.False(Access.CanSee(User(Roles.Seeker, "pa-seeker-3"), "pa-seeker-2"));
        Assert.True(Access.CanSee(User(Roles.Adviser, "pa-adviser-2"), "pa-seeker-2"));
        Assert.False(Access.CanSee(User(Roles.Adviser, "pa-adviser-3"), "pa-seeker-2"));
        Assert.False(Access.CanSee(User(Roles.Recruiter, "pa-recruiter-2"), "pa-seeker-2"));
        requests.Answer("pa-seeker-2", request.Id, accept: true);
        Assert.True(Access.CanSee(User(Roles.Recruiter, "pa-recruiter-2"), "pa-seeker-2"));
        Assert.True(Access.CanSee(User(Roles.Admin, "pa-admin"), "pa-seeker-2"));
    }

    [Fact]
    public async Task A_refused_read_is_not_recorded_and_a_seeker_reading_their_own_data_is_not_audited()
    {
        Assert.Null(await ReadAsync(User(Roles.Adviser, "pa-adviser-4"), "pa-seeker-4", "profile", "curiosity"));
        Assert.NotNull(await ReadAsync(User(Roles.Seeker, "pa-seeker-4"), "pa-seeker-4", "profile", "own"));

        Assert.Empty(factory.Services.GetRequiredService<AuditLog>().ForSeeker("pa-seeker-4"));
    }

    [Fact]
    public async Task A_read_of_nothing_is_not_recorded_under_the_id_asked()
    {
        var admin = User(Roles.Admin, "pa-admin");

        Assert.Null(await Access.ReadAsync(admin, "pa-nobody", "profile", "curiosity", () => Task.FromResult<string?>(null)));

        Assert.Empty(factory.Services.GetRequiredService<AuditLog>().ForSeeker("pa-nobody"));
    }

    [Fact]
    public async Task The_export_holds_every_kind_of_record_about_the_seeker()
    {
        await AssignAsync("pa-adviser-5", "pa-seeker-5");
        await factory.ConsentingSeekerAsync("pa-seeker-5");
        await ReadAsync(User(Roles.Adviser, "pa-adviser-5"), "pa-seeker-5", "diagnosis", "follow-up");
        var pseudonym = factory.Services.GetRequiredService<Pseudonyms>().Issue("pa-recruiter-5", ["pa-seeker-5"])[0];
        var created = await factory.CreateClientAs(Roles.Recruiter, "pa-recruiter-5")
            .PostAsJsonAsync("/api/contact-requests", new { pseudonym, message = "Hello" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var response = await factory.CreateClientAs(Roles.Seeker, "pa-seeker-5").GetAsync("/api/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pa-seeker-5", export.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal("diagnosis", Assert.Single(export.GetProperty("accessLog").EnumerateArray()).GetProperty("resource").GetString());
        Assert.Equal("pa-recruiter-5", Assert.Single(export.GetProperty("contactRequests").EnumerateArray()).GetProperty("recruiterId").GetString());
        Assert.Equal("pa-adviser-5", Assert.Single(export.GetProperty("advisers").EnumerateArray()).GetString());
        Assert.Equal(pseudonym, Assert.Single(export.GetProperty("pseudonyms").EnumerateArray()).GetProperty("pseudonym").GetString());
    }

    [Fact]
    public async Task Erasure_leaves_no_trace_but_an_anonymous_line()
    {
        await AssignAsync("pa-adviser-6", "pa-seeker-6");
        await factory.ConsentingSeekerAsync("pa-seeker-6");
        await ReadAsync(User(Roles.Adviser, "pa-adviser-6"), "pa-seeker-6", "profile", "follow-up");
        var pseudonym = factory.Services.GetRequiredService<Pseudonyms>().Issue("pa-recruiter-6", ["pa-seeker-6"])[0];
        await factory.CreateClientAs(Roles.Recruiter, "pa-recruiter-6").PostAsJsonAsync("/api/contact-requests", new { pseudonym, message = "Hello" });
        var seeker = factory.CreateClientAs(Roles.Seeker, "pa-seeker-6");

        var erased = await seeker.DeleteAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var erasureId = (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erasureId").GetString();
        var export = await seeker.GetFromJsonAsync<JsonElement>("/api/me/export");
        foreach (var section in new[] { "accessLog", "contactRequests", "advisers", "pseudonyms" })
        {
            Assert.Empty(export.GetProperty(section).EnumerateArray());
        }
        Assert.Empty((await factory.CreateClientAs(Roles.Recruiter, "pa-recruiter-6").GetFromJsonAsync<JsonElement[]>("/api/contact-requests"))!);
        Assert.Empty((await factory.CreateClientAs(Roles.Adviser, "pa-adviser-6").GetFromJsonAsync<string[]>("/api/adviser/caseload"))!);
        var adminLog = await factory.CreateClientAs(Roles.Admin, "pa-admin").GetStringAsync("/api/admin/access-log?limit=1000");
        Assert.DoesNotContain("pa-seeker-6", adminLog, StringComparison.Ordinal);
        Assert.Contains($"erasure:{erasureId}", adminLog, StringComparison.Ordinal);
        Assert.Contains(AuditLog.ErasureAction, adminLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_log_pages_and_refuses_a_bad_cursor_naming_it()
    {
        var auditLog = factory.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 3; i++)
        {
            auditLog.Record("pa-admin", Roles.Admin, "read", $"pa-paged-{i}", "profile", "audit", DateTimeOffset.UtcNow);
        }
        var admin = factory.CreateClientAs(Roles.Admin, "pa-admin");

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/admin/access-log?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/access-log?limit=2&cursor={cursor}");
        var bad = await admin.GetAsync("/api/admin/access-log?cursor=nope");

        Assert.Equal(2, first.GetProperty("entries").GetArrayLength());
        Assert.NotEqual(first.GetProperty("entries")[0].GetProperty("id").GetInt64(), second.GetProperty("entries")[0].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_recruiter_erasing_themself_removes_their_requests()
    {
        await factory.ConsentingSeekerAsync("pa-seeker-7");
        var pseudonym = factory.Services.GetRequiredService<Pseudonyms>().Issue("pa-recruiter-7", ["pa-seeker-7"])[0];
        var recruiter = factory.CreateClientAs(Roles.Recruiter, "pa-recruiter-7");
        await recruiter.PostAsJsonAsync("/api/contact-requests", new { pseudonym, message = "Hello" });

        Assert.Equal(HttpStatusCode.OK, (await recruiter.DeleteAsync("/api/me")).StatusCode);

        Assert.Empty((await factory.CreateClientAs(Roles.Seeker, "pa-seeker-7").GetFromJsonAsync<JsonElement[]>("/api/contact-requests"))!);
        Assert.Null(factory.Services.GetRequiredService<Pseudonyms>().Resolve("pa-recruiter-7", pseudonym));
    }
}
