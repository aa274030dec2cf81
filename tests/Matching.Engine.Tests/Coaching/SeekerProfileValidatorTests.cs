using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class SeekerProfileValidatorTests
{
    private static IReadOnlyDictionary<string, string[]> Validate(SeekerProfile profile) => SeekerProfileValidator.Validate(profile, Today);

    [Fact]
    public void A_complete_profile_is_valid()
    {
        Assert.Empty(Validate(Settled));
    }

    /// <summary>The skill autocomplete suggests ROME 4.0 competences and savoirs too ("Microsoft Excel"): a seeker may hold them.</summary>
    [Fact]
    public void Rome4_skills_are_skill_uris_and_other_uris_are_not()
    {
        var rome4 = Settled with { Skills = [new SeekerSkill("rome4:savoir:403039"), new SeekerSkill("rome4:competence:300306")], DeclinedSkills = ["rome4:savoir:403114"] };
        var other = Settled with { Skills = [new SeekerSkill("http://example.org/skill/1")], DeclinedSkills = ["rome4:metier:1"] };

        Assert.Empty(Validate(rome4));
        Assert.True(Validate(other).ContainsKey($"{ProfileFields.Skills}[0].uri"));
        Assert.True(Validate(other).ContainsKey($"{ProfileFields.DeclinedSkills}[0]"));
    }

    [Fact]
    public void Unanswered_fields_are_not_errors()
    {
        Assert.Empty(Validate(new SeekerProfile { Id = "s" }));
    }

    [Theory]
    [InlineData(-0.1, true)]
    [InlineData(0, false)]
    [InlineData(1000, false)]
    [InlineData(1000.1, true)]
    [InlineData(double.NaN, true)]
    public void The_radius_is_between_0_and_1000_km(double radius, bool error)
    {
        Assert.Equal(error, Validate(Settled with { RadiusKm = radius }).ContainsKey(ProfileFields.RadiusKm));
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(14, false)]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void The_age_is_between_14_and_80(int age, bool error)
    {
        Assert.Equal(error, Validate(Settled with { Age = age }).ContainsKey(ProfileFields.Age));
    }

    [Fact]
    public void A_birth_year_must_agree_with_the_age()
    {
        Assert.Empty(Validate(Settled with { Age = 35, BirthYear = 1991 }));
        Assert.Contains("1980", Validate(Settled with { Age = 35, BirthYear = 1980 })[ProfileFields.BirthYear][0]);
        Assert.True(Validate(Settled with { Age = null, BirthYear = 2020 }).ContainsKey(ProfileFields.BirthYear));
    }

    [Fact]
    public void Each_wrong_field_is_named_with_its_path()
    {
        var profile = Settled with
        {
            Id = "",
            TargetJobs = [new TargetJob(new string('x', 201)), new TargetJob(RomeCode: "Z9999"), new TargetJob()],
            Commune = "7505",
            Postcode = "ABCDE",
            YearsOfExperienceInTarget = -1,
            ApplicationsSoFar = -3,
            NetworkStrength = 4,
            HighestDiploma = (DiplomaLevel)42,
            Mobility = (Mobility)9,
            ContractWishes = [ContractType.Permanent, (ContractType)77],
            Frustrations = [(Frustration)99],
            Skills = [new SeekerSkill("skill-1")],
            PastJobs = [new PastJob(Years: -2)],
            SearchStartDate = Today.AddDays(1),
        };
        var errors = Validate(profile);
        Assert.Equal(
            [
                "applicationsSoFar", "commune", "contractWishes[1]", "frustrations[0]", "highestDiploma", "id", "mobility", "networkStrength",
                "pastJobs[0].years", "postcode", "searchStartDate", "skills[0].uri", "targetJobs[0].label", "targetJobs[1].romeCode", "targetJobs[2]",
                "yearsOfExperienceInTarget",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("bac", errors[ProfileFields.HighestDiploma][0], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void At_most_twenty_target_jobs(int count, bool error)
    {
        var targets = Enumerable.Range(0, count).Select(i => new TargetJob($"job {i}")).ToList();
        Assert.Equal(error, Validate(Settled with { TargetJobs = targets }).ContainsKey(ProfileFields.TargetJobs));
    }

    [Fact]
    public void A_start_date_without_a_started_search_is_contradictory()
    {
        var errors = Validate(Settled with { SearchStarted = false });
        Assert.Contains("searchStarted", errors[ProfileFields.SearchStartDate][0]);
    }

    [Theory]
    [InlineData("2A004", false)]
    [InlineData("69381", false)]
    [InlineData("2C004", true)]
    public void Corsican_commune_codes_are_accepted(string commune, bool error)
    {
        Assert.Equal(error, Validate(Settled with { Commune = commune }).ContainsKey(ProfileFields.Commune));
    }

    [Fact]
    public void The_profile_round_trips_through_camel_case_json_with_readable_enums()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var json = JsonSerializer.Serialize(Settled with { HighestDiploma = DiplomaLevel.Bac2, Frustrations = [Frustration.NoAnswers] }, options);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            Assert.Equal("bac+2", root.GetProperty("highestDiploma").GetString());
            Assert.Equal("no_answers", root.GetProperty("frustrations")[0].GetString());
            Assert.Equal("2026-07-23", root.GetProperty("searchStartDate").GetString());
            Assert.Equal("pastJob", root.GetProperty("skills")[0].GetProperty("evidence").GetString());
        }

        var back = JsonSerializer.Deserialize<SeekerProfile>(json, options)!;
        Assert.Equal(DiplomaLevel.Bac2, back.HighestDiploma);
        Assert.Equal("J1501", back.TargetJobs![0].RomeCode);
        Assert.Equal(SkillEvidence.PastJob, back.Skills![0].Evidence);

        var typed = JsonSerializer.Deserialize<SeekerProfile>("""{"id":"x","mobility":"country","highestDiploma":"cap_bep","networkStrength":1}""", options)!;
        Assert.Equal(Mobility.Country, typed.Mobility);
        Assert.Equal(DiplomaLevel.CapBep, typed.HighestDiploma);
        Assert.Null(typed.SearchStarted);
    }

    [Fact]
    public void An_unknown_enum_name_in_json_is_rejected_by_the_serializer()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SeekerProfile>("""{"id":"x","highestDiploma":"bac+4"}""", options));
    }
}
