using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

public sealed class ProfileDocumentBuilderTests
{
    private readonly ProfileDocumentBuilder _builder = ProfileBuilder();

    [Fact]
    public void A_profile_resolves_its_targets_and_keeps_its_skills_with_their_evidence()
    {
        var outcome = _builder.Build(ProfileItem($$"""
            {
              "id": "seeker-1",
              "targetOccupations": ["{{SoftwareDeveloper}}", "J1501", "14153"],
              "skills": [
                {"uri": "{{CSharp}}", "evidence": "pastJob"},
                {"uri": "{{Sql}}"},
                {"uri": "{{FirstAid}}", "evidence": "adviserConfirmed"}
              ],
              "place": {"postcode": "69003"},
              "radiusKm": 15,
              "experienceYears": 4.5,
              "contractWishes": ["CDI", "FixedTerm"],
              "searchable": true
            }
            """));

        Assert.True(outcome.IsValid);
        var profile = outcome.Document;
        Assert.Equal("seeker-1", profile.Id);
        var aideSoignant = TaxonomyFixture.Taxonomy.Occupations[TaxonomyFixture.Taxonomy.RomeJob("J1501")!.Occupations[0]].Uri;
        // 14153 is the software developer again: targets are distinct.
        Assert.Equal([SoftwareDeveloper, aideSoignant], profile.TargetOccupationUris);
        Assert.Equal(["M1805", "J1501"], profile.TargetRomeCodes);
        Assert.Equal(
            [new OfferedSkill(CSharp, SkillEvidence.PastJob), new OfferedSkill(Sql, SkillEvidence.Declared), new OfferedSkill(FirstAid, SkillEvidence.AdviserConfirmed)],
            profile.Skills);
        Assert.Equal(Lyon3, profile.Place);
        Assert.Equal(15, profile.RadiusKm);
        Assert.Equal(4.5, profile.ExperienceYears);
        Assert.Equal([ContractType.Permanent, ContractType.FixedTerm], profile.ContractWishes);
        Assert.True(profile.Searchable);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void Defaults_apply_and_a_target_occupation_does_not_give_its_skills()
    {
        var outcome = _builder.Build(ProfileItem("""{"id":"seeker-2","targetOccupations":["M1805"]}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal(30, outcome.Document.RadiusKm);
        Assert.Equal(0, outcome.Document.ExperienceYears);
        Assert.False(outcome.Document.Searchable);
        Assert.Empty(outcome.Document.Skills);
        Assert.Empty(outcome.Document.ContractWishes);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("No skills", StringComparison.Ordinal));
    }

    [Fact]
    public void A_skill_listed_twice_keeps_the_strongest_evidence()
    {
        var outcome = _builder.Build(ProfileItem($$"""{"id":"s3","skills":[{"uri":"{{Sql}}","evidence":"adviserConfirmed"},{"uri":"{{Sql}}","evidence":"declared"}]}"""));

        Assert.Equal([new OfferedSkill(Sql, SkillEvidence.AdviserConfirmed)], outcome.Document!.Skills);
        Assert.Single(outcome.Warnings);
    }

    [Theory]
    [InlineData("""{"id":" "}""", "id")]
    [InlineData("""{"id":"IDLONG"}""", "id")]
    [InlineData("""{"id":"p","radiusKm":1001}""", "radiusKm")]
    [InlineData("""{"id":"p","radiusKm":-5}""", "radiusKm")]
    [InlineData("""{"id":"p","experienceYears":60.5}""", "experienceYears")]
    [InlineData("""{"id":"p","targetOccupations":["M1805","X0000"]}""", "targetOccupations[1]")]
    [InlineData("""{"id":"p","targetOccupations":[""]}""", "targetOccupations[0]")]
    [InlineData("""{"id":"p","skills":[{"uri":"http://data.europa.eu/esco/skill/unknown"}]}""", "skills[0].uri")]
    [InlineData("""{"id":"p","skills":[{"uri":"SQL","evidence":"rumour"}]}""", "skills[0].evidence")]
    [InlineData("""{"id":"p","skills":[{"uri":"SQL","evidence":"inferred"}]}""", "skills[0].evidence")]
    [InlineData("""{"id":"p","contractWishes":["CDI","part-time"]}""", "contractWishes[1]")]
    [InlineData("""{"id":"p","place":{"commune":"00000"}}""", "place.commune")]
    [InlineData("""{"id":"p","place":{"latitude":-91,"longitude":0}}""", "place.latitude")]
    public void Each_invalid_field_is_named_in_the_errors(string json, string field)
    {
        json = json.Replace("IDLONG", new string('i', 201), StringComparison.Ordinal).Replace("\"SQL\"", $"\"{Sql}\"", StringComparison.Ordinal);

        var outcome = _builder.Build(ProfileItem(json));

        Assert.False(outcome.IsValid);
        Assert.Equal([field], outcome.Errors.Keys);
    }

    [Fact]
    public async Task A_profiles_body_is_read_item_by_item()
    {
        var body = """
            {"id":"p1","skills":[{"uri":"http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"}]}
            {"id":"p2","radiusKm":"far"}
            {"id":"p3","place":{"commune":"31555"},"radiusKm":50}
            """;

        var outcomes = await ToListAsync(_builder.BuildAsync(Body(body)));

        Assert.Equal(["p1", "p2", "p3"], outcomes.Select(o => o.Id));
        Assert.True(outcomes[0].IsValid);
        Assert.Equal(["radiusKm"], outcomes[1].Errors!.Keys);
        Assert.Equal(Toulouse, outcomes[2].Document!.Place);
        Assert.Equal(50, outcomes[2].Document!.RadiusKm);
    }
}
