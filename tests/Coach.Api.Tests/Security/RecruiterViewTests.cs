using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Engine.Access;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Matching.Engine.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Security;

/// <summary>What recruiters see of candidates, through the real search endpoint over the real index.</summary>
public sealed class RecruiterViewTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Skill = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";

    private Pseudonyms Pseudonyms => factory.Services.GetRequiredService<Pseudonyms>();

    private async Task Seeker(string id, bool consent)
    {
        var client = await factory.CreateReadyClientAsAsync(Roles.Seeker, id);
        var profile = new { targetJobs = new[] { new { romeCode = "L1202" } }, commune = "69383", radiusKm = 40, yearsOfExperienceInTarget = 4, skills = new[] { new { uri = Skill } }, searchableByRecruiters = consent };
        var response = await client.PostAsJsonAsync($"/api/profiles/{id}", profile);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(JsonElement Body, string Json)> Search(string recruiterId)
    {
        var client = await factory.CreateReadyClientAsAsync(Roles.Recruiter, recruiterId);
        var response = await client.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { Skill }, place = "69381", radiusKm = 50 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(json).RootElement, json);
    }

    private static List<string> PseudonymsIn(JsonElement body) =>
        [.. body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("pseudonym").GetString()!)];

    [Fact]
    public async Task A_seeker_who_did_not_consent_is_absent_from_recruiter_results()
    {
        await Seeker("rv-seeker-yes", consent: true);
        await Seeker("rv-seeker-no", consent: false);

        var (body, _) = await Search("rv-recruiter-1");

        Assert.Contains(Pseudonyms.For("rv-recruiter-1", "rv-seeker-yes"), PseudonymsIn(body));
        Assert.DoesNotContain(Pseudonyms.For("rv-recruiter-1", "rv-seeker-no"), PseudonymsIn(body));
        Assert.Null(Pseudonyms.Resolve("rv-recruiter-1", Pseudonyms.For("rv-recruiter-1", "rv-seeker-no")));
    }

    [Fact]
    public async Task The_pseudonym_is_stable_per_recruiter_and_differs_across_recruiters()
    {
        await Seeker("rv-seeker-1", consent: true);

        var first = PseudonymsIn((await Search("rv-recruiter-2")).Body);
        var again = PseudonymsIn((await Search("rv-recruiter-2")).Body);
        var other = PseudonymsIn((await Search("rv-recruiter-3")).Body);

        var mine = Pseudonyms.For("rv-recruiter-2", "rv-seeker-1");
        Assert.Contains(mine, first);
        Assert.Contains(mine, again);
        Assert.DoesNotContain(mine, other);
        Assert.Contains(Pseudonyms.For("rv-recruiter-3", "rv-seeker-1"), other);
        Assert.Equal("rv-seeker-1", Pseudonyms.Resolve("rv-recruiter-2", mine));
    }

    [Fact]
    public async Task The_recruiter_json_has_no_personal_field()
    {
        await Seeker("rv-seeker-private", consent: true);

        var (body, json) = await Search("rv-recruiter-4");

        Assert.Contains(Pseudonyms.For("rv-recruiter-4", "rv-seeker-private"), PseudonymsIn(body));
        Assert.DoesNotContain("rv-seeker", json, StringComparison.Ordinal);
        var names = new List<string>();
        Collect(body.GetProperty("hits"), names);
        string[] personal = ["id", "seekerId", "profileId", "name", "email", "phone", "place", "latitude", "longitude", "communeCode", "commune", "distanceKm"];
        Assert.Empty(names.Intersect(personal, StringComparer.OrdinalIgnoreCase));
        Assert.Contains("pseudonym", names);
        Assert.Contains("distanceBand", names);
    }

    /// <summary>Communes around Lyon 3e (69383, where the seekers live): several within 10 km, some further.</summary>
    private static readonly string[] s_centres = ["69383", "69381", "69382", "69266", "69259", "69029", "69123", "69091", "69149", "69202"];

    private (double Km, string Band) Exact(string commune)
    {
        var geography = factory.Services.GetRequiredService<ReferenceDataProvider>().Current!.Geography;
        var (home, there) = (geography.Resolve("69383")!.Location!.Value, geography.Resolve(commune)!.Location!.Value);
        var km = MatchScorer.DistanceKm(there.Latitude, there.Longitude, home.Latitude, home.Longitude);
        return (km, DistanceBands.Of(km));
    }

    /// <summary>
    /// Trilateration, as an attacker would try it: a recruiter reads a candidate's score and distance part
    /// from several places and solves for the distance behind them. Every number must come from the band.
    /// </summary>
    private void AssertOnlyBandsLeak(List<(string Centre, JsonElement Hit)> seen, double radiusKm)
    {
        var observed = seen.Select(s => (s.Centre, Exact: Exact(s.Centre), Score: s.Hit.GetProperty("score").GetDouble(),
            Distance: s.Hit.GetProperty("explanation").GetProperty("parts").GetProperty("distance").GetDouble(),
            Band: s.Hit.GetProperty("distanceBand").GetString())).ToList();
        foreach (var o in observed)
        {
            Assert.Equal(o.Exact.Band, o.Band);
            // The distance the score implies is the band's floor, not the distance (7.917 km read back as 7.917 before).
            Assert.Equal(DistanceBands.Floor(o.Exact.Km)!.Value, (1 - o.Distance) * radiusKm / MatchScorer.DistanceDecay, 9);
        }
        // Places in the same band give the same numbers to the last digit: nothing to solve for.
        Assert.All(observed.GroupBy(o => o.Band), band => Assert.Single(band.Select(o => (o.Score, o.Distance)).Distinct()));
        Assert.True(observed.GroupBy(o => o.Band).Any(g => g.Select(o => o.Exact.Km).Distinct().Count() >= 3),
            "no three places at different distances in one band: the test would prove little");
    }

    [Fact]
    public async Task Searches_from_many_places_tell_a_recruiter_no_more_than_the_distance_bands()
    {
        await Seeker("rv-trilaterated", consent: true);
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "rv-recruiter-5");
        var pseudonym = Pseudonyms.For("rv-recruiter-5", "rv-trilaterated");

        var seen = new List<(string, JsonElement)>();
        foreach (var centre in s_centres)
        {
            var response = await recruiter.PostAsJsonAsync("/api/search/candidates", new { mustHave = new[] { Skill }, place = centre, radiusKm = 60 });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.Add((centre, body.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("pseudonym").GetString() == pseudonym)));
        }

        AssertOnlyBandsLeak(seen, radiusKm: 60);
    }

    [Fact]
    public async Task Offers_posted_in_many_places_tell_their_recruiter_no_more_than_the_distance_bands()
    {
        await Seeker("rv-trilaterated-2", consent: true);
        var recruiter = await factory.CreateReadyClientAsAsync(Roles.Recruiter, "rv-recruiter-6");
        var pseudonym = Pseudonyms.For("rv-recruiter-6", "rv-trilaterated-2");
        var offers = s_centres.Select(c => new { id = $"rv-offer-{c}", title = "Interprète", place = new { commune = c }, skills = new[] { new { uri = Skill } } }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsJsonAsync("/api/offers", offers)).StatusCode);

        var seen = new List<(string, JsonElement)>();
        foreach (var centre in s_centres)
        {
            var body = await recruiter.GetFromJsonAsync<JsonElement>($"/api/offers/rv-offer-{centre}/candidates?size=100");
            seen.Add((centre, body.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("pseudonym").GetString() == pseudonym)));
        }

        // The seeker's own radius (40 km) is the score's.
        AssertOnlyBandsLeak(seen, radiusKm: 40);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(0.0, "0-10")]
    [InlineData(9.99, "0-10")]
    [InlineData(10.0, "10-25")]
    [InlineData(49.0, "25-50")]
    [InlineData(120.0, "50+")]
    public void Distances_are_shown_as_bands(double? km, string band) => Assert.Equal(band, Matching.Engine.Indexing.DistanceBands.Of(km));

    private static void Collect(JsonElement element, List<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // Skill references carry an ESCO URI and label: taxonomy, not the seeker.
                    names.Add(property.Name);
                    Collect(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }
                break;
        }
    }
}
