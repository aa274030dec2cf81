using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

public sealed class ContactRequestsApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    /// <summary>What a recruiter's search does: a consenting candidate is shown under this recruiter's pseudonym.</summary>
    private async Task<string> ShowAsync(string recruiterId, string seekerId)
    {
        await factory.ConsentingSeekerAsync(seekerId);
        return factory.Services.GetRequiredService<Pseudonyms>().Issue(recruiterId, [seekerId])[0];
    }

    private static async Task<JsonElement> CreateAsync(HttpClient recruiter, string pseudonym, string? offerId = null)
    {
        var response = await recruiter.PostAsJsonAsync("/api/contact-requests", new { pseudonym, offerId, message = "Would you like to talk about this job?" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_recruiter_learns_who_the_seeker_is_only_once_they_accept()
    {
        var pseudonym = await ShowAsync("cr-recruiter-1", "cr-seeker-1");
        var recruiter = factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-1");
        var seeker = factory.CreateClientAs(Roles.Seeker, "cr-seeker-1");

        var created = await CreateAsync(recruiter, pseudonym, "offer-42");
        var before = await recruiter.GetStringAsync("/api/contact-requests");

        Assert.Equal(pseudonym, created.GetProperty("pseudonym").GetString());
        Assert.Equal("pending", created.GetProperty("state").GetString(), ignoreCase: true);
        Assert.DoesNotContain("cr-seeker-1", created.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("cr-seeker-1", before, StringComparison.Ordinal);

        var mine = await seeker.GetFromJsonAsync<JsonElement[]>("/api/contact-requests");
        var request = Assert.Single(mine!);
        Assert.Equal("cr-recruiter-1", request.GetProperty("recruiterId").GetString());
        Assert.Equal("offer-42", request.GetProperty("offerId").GetString());

        var accepted = await seeker.PostAsync($"/api/contact-requests/{created.GetProperty("id").GetString()}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var after = await recruiter.GetFromJsonAsync<JsonElement[]>("/api/contact-requests");
        Assert.Equal("cr-seeker-1", Assert.Single(after!).GetProperty("seekerId").GetString());
    }

    [Fact]
    public async Task Another_seeker_answering_a_request_gets_404_and_changes_nothing()
    {
        var pseudonym = await ShowAsync("cr-recruiter-2", "cr-seeker-2");
        var created = await CreateAsync(factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-2"), pseudonym);
        var id = created.GetProperty("id").GetString();
        var intruder = factory.CreateClientAs(Roles.Seeker, "cr-intruder");

        var accept = await intruder.PostAsync($"/api/contact-requests/{id}/accept", null);
        var decline = await intruder.PostAsync($"/api/contact-requests/{id}/decline", null);
        var unknown = await factory.CreateClientAs(Roles.Seeker, "cr-seeker-2").PostAsync("/api/contact-requests/no-such-id/accept", null);

        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ContactRequestState.Pending, factory.Services.GetRequiredService<ContactRequests>().Get(id!)!.State);
        Assert.Empty((await intruder.GetFromJsonAsync<JsonElement[]>("/api/contact-requests"))!);
    }

    [Fact]
    public async Task The_seeker_declines_and_the_recruiter_still_does_not_know_who_they_are()
    {
        var pseudonym = await ShowAsync("cr-recruiter-3", "cr-seeker-3");
        var recruiter = factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-3");
        var created = await CreateAsync(recruiter, pseudonym);

        var declined = await factory.CreateClientAs(Roles.Seeker, "cr-seeker-3").PostAsync($"/api/contact-requests/{created.GetProperty("id").GetString()}/decline", null);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var list = await recruiter.GetStringAsync("/api/contact-requests");
        Assert.Contains("declined", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cr-seeker-3", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recruiter_cannot_reach_a_seeker_they_were_not_shown()
    {
        await ShowAsync("cr-recruiter-4", "cr-seeker-4");
        var other = factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-5");
        var theirPseudonym = factory.Services.GetRequiredService<Pseudonyms>().For("cr-recruiter-4", "cr-seeker-4");

        var byOthersPseudonym = await other.PostAsJsonAsync("/api/contact-requests", new { pseudonym = theirPseudonym, message = "Hello" });
        var byGuessedId = await other.PostAsJsonAsync("/api/contact-requests", new { candidateId = "cr-seeker-4", message = "Hello" });
        var byShownId = await factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-4")
            .PostAsJsonAsync("/api/contact-requests", new { candidateId = "cr-seeker-4", message = "Hello" });

        Assert.Equal(HttpStatusCode.NotFound, byOthersPseudonym.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byGuessedId.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byShownId.StatusCode);
    }

    [Fact]
    public async Task A_seeker_who_withdrew_their_consent_cannot_be_asked()
    {
        var pseudonym = await ShowAsync("cr-recruiter-7", "cr-seeker-7");
        await factory.Services.GetRequiredService<Matching.Engine.Indexing.IMatchIndex>()
            .UpsertProfilesAsync([new Matching.Engine.Indexing.ProfileDocument { Id = "cr-seeker-7", Searchable = false }]);

        var response = await factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-7")
            .PostAsJsonAsync("/api/contact-requests", new { pseudonym, message = "Hello" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(factory.Services.GetRequiredService<ContactRequests>().ToSeeker("cr-seeker-7"));
    }

    [Theory]
    [InlineData("""{"pseudonym":"cand-x"}""", "message")]
    [InlineData("""{"message":"Hello"}""", "pseudonym")]
    [InlineData("""{"pseudonym":"cand-x","candidateId":"y","message":"Hello"}""", "pseudonym")]
    public async Task A_bad_request_is_a_400_naming_the_field(string body, string field)
    {
        var response = await factory.CreateClientAs(Roles.Recruiter, "cr-recruiter-6")
            .PostAsync("/api/contact-requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
