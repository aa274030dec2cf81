using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Ranking;
using Matching.Engine.Seekers;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests;

/// <summary>
/// A seeker's page of matches is kept between reads (<see cref="SeekerMatchPages"/>): what changes the page shows at
/// the next read, who may read it is decided at every read, and every read is recorded as shown to its reader.
/// </summary>
public sealed class MatchPagesTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Seeker = "pages-seeker";

    private static readonly object[] s_offers =
    [
        new { id = "pages-offer-1", title = "Soudeur TIG", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" },
        new { id = "pages-offer-2", title = "Soudeur MIG", company = "Atelier Rhône", occupation = "H2913", place = new { commune = "69387" }, contract = "CDD" },
    ];

    private async Task<(HttpClient Recruiter, HttpClient Seeker, object[] Skills)> SetUpAsync(string seekerId = Seeker)
    {
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "pages-recruiter");
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", s_offers)).StatusCode);
        var offer = await recruiter.GetFromJsonAsync<JsonElement>("/api/offers/pages-offer-1");
        var skills = offer.GetProperty("skills").EnumerateArray().Where(s => s.GetProperty("importance").GetString() == "Essential")
            .Take(6).Select(s => (object)new { uri = s.GetProperty("skillUri").GetString() }).ToArray();
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, seekerId);
        var saved = await seeker.PostAsJsonAsync($"/api/profiles/{seekerId}", Profile(skills, "69381"));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        return (recruiter, seeker, skills);
    }

    private static object Profile(object[] skills, string commune) =>
        new { targetOccupations = new[] { "H2913" }, skills, place = new { commune }, radiusKm = 20, experienceYears = 3, searchable = true };

    private static async Task<JsonElement> PageAsync(HttpClient client, string seekerId = Seeker) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/profiles/{seekerId}/matches?lang=fr");

    private static JsonElement Hit(JsonElement page, string offerId) =>
        page.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("offerId").GetString() == offerId);

    [Fact]
    public async Task A_page_read_again_is_the_same_and_an_offer_written_or_deleted_shows_at_the_next_read()
    {
        var (recruiter, seeker, _) = await SetUpAsync();

        var first = await seeker.GetStringAsync($"/api/profiles/{Seeker}/matches?lang=fr");
        var second = await seeker.GetStringAsync($"/api/profiles/{Seeker}/matches?lang=fr");
        var third = await seeker.GetStringAsync($"/api/profiles/{Seeker}/matches?lang=fr");
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Equal("Soudeur TIG", Hit(JsonDocument.Parse(third).RootElement, "pages-offer-1").GetProperty("offer").GetProperty("title").GetString());
        // The use case answers the page it kept, as long as nothing was written.
        var profiles = factory.Services.GetRequiredService<SeekerProfiles>();
        var user = new CoachUser(Seeker, Roles.Seeker);
        var kept = (await profiles.MatchesAsync(user, Seeker, null, null, null, "fr")).Value;
        Assert.NotNull(kept);
        Assert.Same(kept, (await profiles.MatchesAsync(user, Seeker, null, null, null, "fr")).Value);

        // The recruiter renames the offer: the next read says the new title.
        var renamed = new[] { new { id = "pages-offer-1", title = "Soudeur TIG confirmé", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" } };
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", renamed)).StatusCode);
        var afterRename = await PageAsync(seeker);
        Assert.NotSame(kept, (await profiles.MatchesAsync(user, Seeker, null, null, null, "fr")).Value);
        Assert.Equal("Soudeur TIG confirmé", Hit(afterRename, "pages-offer-1").GetProperty("offer").GetProperty("title").GetString());

        // The recruiter removes the other offer: the next read no longer shows it.
        Assert.Contains("pages-offer-2", afterRename.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await recruiter.DeleteAsync("/api/offers/pages-offer-2")).StatusCode);
        var afterDelete = await PageAsync(seeker);
        Assert.DoesNotContain("pages-offer-2", afterDelete.ToString(), StringComparison.Ordinal);
        Assert.Equal("Soudeur TIG confirmé", Hit(afterDelete, "pages-offer-1").GetProperty("offer").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_seekers_changed_profile_shows_at_the_next_read_and_each_language_has_its_own_page()
    {
        var (_, seeker, skills) = await SetUpAsync();
        var near = await PageAsync(seeker);
        Assert.InRange(Hit(near, "pages-offer-1").GetProperty("explanation").GetProperty("distanceKm").GetDouble(), 0.5, 10);

        // Moved from Lyon to Villeurbanne's neighbour Vaulx-en-Velin: the distance changes at once.
        Assert.True((await seeker.PostAsJsonAsync($"/api/profiles/{Seeker}", Profile(skills, "69256"))).IsSuccessStatusCode);
        var moved = await PageAsync(seeker);
        Assert.NotEqual(Hit(near, "pages-offer-1").GetProperty("explanation").GetProperty("distanceKm").GetDouble(),
            Hit(moved, "pages-offer-1").GetProperty("explanation").GetProperty("distanceKm").GetDouble());

        var french = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Seeker}/matches?lang=fr");
        var english = await seeker.GetFromJsonAsync<JsonElement>($"/api/profiles/{Seeker}/matches?lang=en");
        var uri = (string)skills[0].GetType().GetProperty("uri")!.GetValue(skills[0])!;
        Assert.NotEqual(french.GetProperty("skills").GetProperty(uri).GetString(), english.GetProperty("skills").GetProperty(uri).GetString());
    }

    [Fact]
    public async Task Who_may_read_is_decided_at_every_read_and_every_read_is_recorded_as_shown_to_its_reader()
    {
        var (_, seeker, _) = await SetUpAsync();
        await PageAsync(seeker);
        var impressions = factory.Services.GetRequiredService<ImpressionLog>();
        var before = impressions.SeenBy(Seeker).Count;

        var again = await PageAsync(seeker);

        var shown = impressions.SeenBy(Seeker).Skip(before).ToList();
        Assert.Equal(again.GetProperty("hits").EnumerateArray().Sum(h => h.GetProperty("postings").GetInt32()), shown.Count);
        Assert.All(shown, s => Assert.Equal(Seeker, s.SeekerId));
        // Another seeker does not get the kept page (not found, as for any profile not theirs), nor a recruiter (not their door).
        var other = await factory.CreateReadyClientAsAsync(Roles.Seeker, "pages-other-seeker");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/profiles/{Seeker}/matches?lang=fr")).StatusCode);
        var stranger = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "pages-stranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/profiles/{Seeker}/matches?lang=fr")).StatusCode);
    }

    [Fact]
    public async Task An_erased_seekers_kept_pages_are_dropped()
    {
        const string erased = "pages-erased-seeker";
        var (_, seeker, _) = await SetUpAsync(erased);
        await PageAsync(seeker, erased);
        var pages = factory.Services.GetRequiredService<SeekerMatchPages>();
        var kept = pages.Count;
        Assert.True(kept > 0);

        Assert.True((await seeker.DeleteAsync("/api/me")).IsSuccessStatusCode);

        Assert.Equal(kept - 1, pages.Count);
    }
}
