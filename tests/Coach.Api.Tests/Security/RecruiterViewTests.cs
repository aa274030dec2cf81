using System.Text.Json;
using Coach.Api.Security;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coach.Api.Tests.Security;

public sealed class RecruiterViewTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private static readonly ScoreParts s_parts = new(1, 0.5, 0.9, 0.8, 1, 1, 0.72);

    private static MatchHit Hit(string id, double? km) => new(id, 0.72, new MatchExplanation(
        [new SkillMatch("http://data.europa.eu/esco/skill/a", "http://data.europa.eu/esco/skill/a", SkillMatchKind.Exact, SkillImportance.Essential, 1)],
        [], ["http://data.europa.eu/esco/skill/b"], [], km, s_parts));

    private static ProfileDocument Profile(string id, bool searchable) => new()
    {
        Id = id,
        Searchable = searchable,
        Skills = [new OfferedSkill("http://data.europa.eu/esco/skill/a")],
        Place = new Place(45.76, 4.83, "69383", "Lyon 3e"),
        ExperienceYears = 4,
        TargetRomeCodes = ["J1501"],
    };

    private Pseudonyms Pseudonyms => factory.Services.GetRequiredService<Pseudonyms>();

    private IReadOnlyList<RecruiterCandidate> Project(string recruiterId, params (string Id, bool Searchable)[] seekers) =>
        RecruiterView.Candidates(recruiterId, [.. seekers.Select(s => Hit(s.Id, 12.3))],
            seekers.ToDictionary(s => s.Id, s => Profile(s.Id, s.Searchable)), Pseudonyms);

    [Fact]
    public void A_seeker_who_did_not_consent_is_absent_from_recruiter_results()
    {
        var candidates = Project("rv-recruiter-1", ("rv-seeker-yes", true), ("rv-seeker-no", false));

        var candidate = Assert.Single(candidates);
        Assert.Equal(Pseudonyms.For("rv-recruiter-1", "rv-seeker-yes"), candidate.Pseudonym);
        Assert.Null(Pseudonyms.Resolve("rv-recruiter-1", Pseudonyms.For("rv-recruiter-1", "rv-seeker-no")));
    }

    [Fact]
    public void A_hit_without_a_known_profile_is_dropped()
    {
        var candidates = RecruiterView.Candidates("rv-recruiter-1", [Hit("rv-ghost", 1)], new Dictionary<string, ProfileDocument>(), Pseudonyms);

        Assert.Empty(candidates);
    }

    [Fact]
    public void The_pseudonym_is_stable_per_recruiter_and_differs_across_recruiters()
    {
        var first = Project("rv-recruiter-2", ("rv-seeker-1", true))[0].Pseudonym;
        var again = Project("rv-recruiter-2", ("rv-seeker-1", true))[0].Pseudonym;
        var other = Project("rv-recruiter-3", ("rv-seeker-1", true))[0].Pseudonym;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal("rv-seeker-1", Pseudonyms.Resolve("rv-recruiter-2", first));
        Assert.Equal("rv-seeker-1", Pseudonyms.Resolve("rv-recruiter-3", other));
    }

    [Fact]
    public void The_recruiter_json_has_no_personal_field()
    {
        var candidates = Project("rv-recruiter-4", ("rv-seeker-private", true));
        var json = JsonSerializer.Serialize(candidates, factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

        Assert.DoesNotContain("rv-seeker-private", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var names = new List<string>();
        Collect(document.RootElement, names);
        string[] personal = ["id", "seekerId", "profileId", "name", "email", "phone", "place", "latitude", "longitude", "communeCode", "label", "distanceKm"];
        Assert.Empty(names.Intersect(personal, StringComparer.OrdinalIgnoreCase));
        Assert.Contains("pseudonym", names);
        Assert.Contains("distanceBand", names);
        Assert.Contains("\"10-20 km\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("12.3", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(0.0, "0-5 km")]
    [InlineData(9.99, "5-10 km")]
    [InlineData(49.0, "20-50 km")]
    [InlineData(120.0, "50+ km")]
    public void Distances_are_shown_as_bands(double? km, string band) => Assert.Equal(band, RecruiterView.DistanceBand(km));

    private static void Collect(JsonElement element, List<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
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
