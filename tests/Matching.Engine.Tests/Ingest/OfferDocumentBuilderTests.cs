using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

public sealed class OfferDocumentBuilderTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private readonly OfferDocumentBuilder _builder = OfferBuilder();

    [Fact]
    public void A_coach_offer_with_explicit_skills_keeps_them_and_infers_none()
    {
        var outcome = _builder.Build(OfferItem($$"""
            {
              "id": "acme-42", "title": "Développeur C# / .NET", "occupation": "{{SoftwareDeveloper}}",
              "skills": [
                {"uri": "{{CSharp}}", "importance": "essential", "mustHave": true},
                {"uri": "{{Sql}}", "importance": "optional"}
              ],
              "place": {"commune": "69383"},
              "contract": "CDI", "experience": "required", "experienceYears": 3,
              "fullTime": true, "salary": "45 k€", "company": "Acme",
              "createdAt": "2026-11-20T08:00:00Z"
            }
            """));

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors?.Select(e => $"{e.Key}: {string.Join(",", e.Value)}") ?? []));
        var offer = outcome.Document;
        Assert.Equal("acme-42", offer.Id);
        Assert.Equal(SoftwareDeveloper, offer.OccupationUri);
        Assert.Equal("M1805", offer.RomeCode);
        Assert.Equal(
            [new DemandedSkill(CSharp, SkillImportance.Essential, MustHave: true), new DemandedSkill(Sql, SkillImportance.Optional)],
            offer.Skills);
        Assert.Equal(Lyon3, offer.Place);
        Assert.Equal(ContractType.Permanent, offer.Contract);
        Assert.Equal(ExperienceRequirement.Required, offer.Experience);
        Assert.Equal(3, offer.ExperienceYears);
        Assert.True(offer.FullTime);
        Assert.Equal("Acme", offer.Company);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), offer.CreatedAt);
        Assert.Equal("coach", offer.Source);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void An_offer_with_only_an_occupation_gets_its_skills_inferred()
    {
        var outcome = _builder.Build(OfferItem($$"""{"id":"o1","title":"Aide-soignante de nuit","occupation":"{{NursingAssistant}}"}"""));

        Assert.True(outcome.IsValid);
        var occupation = Taxonomy.OccupationByUri(NursingAssistant)!;
        var skills = outcome.Document.Skills;
        Assert.Equal(occupation.EssentialSkills.Length + occupation.OptionalSkills.Length, skills.Count);
        Assert.All(skills, s => Assert.True(s.Inferred));
        Assert.All(skills, s => Assert.False(s.MustHave));
        Assert.Equal(
            occupation.EssentialSkills.Select(id => Taxonomy.Skills[id].Uri).Order(),
            skills.Where(s => s.Importance == SkillImportance.Essential).Select(s => s.SkillUri).Order());
        Assert.Contains(skills, s => s.SkillUri == InfectionControl && s.Importance == SkillImportance.Optional);
    }

    [Fact]
    public void A_rome_code_alone_resolves_to_the_best_crosswalked_occupation()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"o2","title":"Aide-soignant","occupation":"J1501"}"""));

        Assert.True(outcome.IsValid);
        var best = Taxonomy.Occupations[Taxonomy.RomeJob("J1501")!.Occupations[0]];
        Assert.Equal(best.Uri, outcome.Document.OccupationUri);
        Assert.Equal("J1501", outcome.Document.RomeCode);
        Assert.Equal(best.EssentialSkills.Length + best.OptionalSkills.Length, outcome.Document.Skills.Count);
    }

    [Fact]
    public void A_rome_title_code_resolves_through_its_own_crosswalk_link()
    {
        // 14153 "Développeur / Développeuse informatique" links to the ESCO software developer.
        var outcome = _builder.Build(OfferItem("""{"id":"o3","title":"Dev","occupation":"14153"}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal(SoftwareDeveloper, outcome.Document.OccupationUri);
        Assert.Equal("M1805", outcome.Document.RomeCode);
    }

    [Fact]
    public void A_rome_title_code_that_rome4_moved_gets_its_rome4_sheet()
    {
        // 10858 "Aide monteur d'installations en télécommunications et courants faibles" was in I1307 in ROME v3;
        // ROME 4.0, which today's offers use, put it in F1623 (its v3 parent stays I1307).
        var outcome = _builder.Build(OfferItem("""{"id":"o5","title":"Aide monteur","occupation":"10858"}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal("F1623", outcome.Document.RomeCode);
        Assert.NotNull(outcome.Document.OccupationUri);
    }

    [Fact]
    public void The_rome_code_field_alone_is_enough_and_sets_the_occupation()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"o4","title":"Dev","romeCode":"M1805","contract":"alternance"}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal("M1805", outcome.Document.RomeCode);
        Assert.NotNull(outcome.Document.OccupationUri);
        Assert.Equal(ContractType.WorkStudy, outcome.Document.Contract);
    }

    [Fact]
    public void Coordinates_and_a_postcode_give_the_stated_coordinates_with_the_commune()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"o5","title":"t","occupation":"M1805","place":{"postcode":"31000","latitude":43.61,"longitude":1.44}}"""));

        Assert.True(outcome.IsValid);
        Assert.Equal(new Place(43.61, 1.44, "31555", "Toulouse"), outcome.Document.Place);
    }

    [Fact]
    public void A_skill_listed_twice_is_merged_keeping_the_stronger_demand_with_a_warning()
    {
        var outcome = _builder.Build(OfferItem($$"""
            {"id":"o6","title":"t","skills":[{"uri":"{{Sql}}","importance":"optional"},{"uri":"{{Sql}}","mustHave":true}]}
            """));

        Assert.True(outcome.IsValid);
        Assert.Equal([new DemandedSkill(Sql, SkillImportance.Essential, MustHave: true)], outcome.Document.Skills);
        Assert.Contains("skills[1]", Assert.Single(outcome.Warnings));
    }

    [Theory]
    [InlineData("""{"id":"","title":"t","occupation":"M1805"}""", "id")]
    [InlineData("""{"title":"t","occupation":"M1805"}""", "id")]
    [InlineData("""{"id":"IDLONG","title":"t","occupation":"M1805"}""", "id")]
    [InlineData("""{"id":"a\u0000b","title":"t","occupation":"M1805"}""", "id")]
    [InlineData("""{"id":"a","title":" ","occupation":"M1805"}""", "title")]
    [InlineData("""{"id":"a","title":"TITLELONG","occupation":"M1805"}""", "title")]
    [InlineData("""{"id":"a","title":"t","occupation":"http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000"}""", "occupation")]
    [InlineData("""{"id":"a","title":"t","occupation":"Z9999"}""", "occupation")]
    [InlineData("""{"id":"a","title":"t","occupation":"99999999"}""", "occupation")]
    [InlineData("""{"id":"a","title":"t","occupation":"développeur"}""", "occupation")]
    [InlineData("""{"id":"a","title":"t"}""", "occupation")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","romeCode":"M9999"}""", "romeCode")]
    [InlineData("""{"id":"a","title":"t","skills":[{"uri":"SQL"},{"uri":"SQL"},{"uri":"SQL"},{"uri":"http://data.europa.eu/esco/skill/nope"}]}""", "skills[3].uri")]
    [InlineData("""{"id":"a","title":"t","skills":[{"uri":"SQL"},{"importance":"optional"}]}""", "skills[1].uri")]
    [InlineData("""{"id":"a","title":"t","skills":[{"uri":"SQL","importance":"critical"}]}""", "skills[0].importance")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","place":{"commune":"99999"}}""", "place.commune")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","place":{"postcode":"00000"}}""", "place.postcode")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","place":{"latitude":200,"longitude":2.3}}""", "place.latitude")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","place":{"latitude":48.8,"longitude":-181}}""", "place.longitude")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","place":{"latitude":48.8}}""", "place.longitude")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","contract":"CDX"}""", "contract")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","experience":"expert"}""", "experience")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","experienceYears":61}""", "experienceYears")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","experienceYears":-1}""", "experienceYears")]
    [InlineData("""{"id":"a","title":"t","occupation":"M1805","drivingLicence":"maybe"}""", "drivingLicence")]
    public void Each_invalid_field_is_named_in_the_errors(string json, string field)
    {
        json = json.Replace("IDLONG", new string('i', 201), StringComparison.Ordinal)
            .Replace("TITLELONG", new string('t', 501), StringComparison.Ordinal)
            .Replace("\"SQL\"", $"\"{Sql}\"", StringComparison.Ordinal);

        var outcome = _builder.Build(OfferItem(json));

        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Document);
        Assert.Equal([field], outcome.Errors.Keys);
        Assert.All(outcome.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
        Assert.Equal(IngestStatus.Invalid, outcome.ToResult(IngestStatus.Created).Status);
    }

    [Fact]
    public void All_the_errors_of_an_offer_are_reported_at_once()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"","title":"","occupation":"M1805","place":{"latitude":200,"longitude":0},"contract":"?"}"""));

        Assert.Equal(["contract", "id", "place.latitude", "title"], outcome.Errors!.Keys.Order());
    }

    [Fact]
    public void An_item_that_could_not_be_read_stays_invalid_with_its_reader_errors()
    {
        var item = OfferItem("""{"id":"x","title":"t","experienceYears":"many"}""");

        var outcome = _builder.Build(item);

        Assert.False(outcome.IsValid);
        Assert.Equal("x", outcome.Id);
        Assert.Equal(["experienceYears"], outcome.Errors.Keys);
    }

    [Fact]
    public void A_valid_outcome_becomes_the_status_the_index_reported()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"o7","title":"t","occupation":"M1805"}"""));

        var result = outcome.ToResult(IngestStatus.Updated);

        Assert.Equal(new IngestItemResult("o7", 0, IngestStatus.Updated, null, outcome.Warnings), result);
    }
}
