using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

/// <summary>France Travail "Offres d'emploi v2" items, read and built as a bulk feed would be.</summary>
public sealed class FranceTravailOfferTests
{
    // Shaped like the API's answers, with fields Coach ignores (accessibleTH, contact, ...) left in.
    private const string NursingAssistantOffer = """
        {
          "id": "183XKQW",
          "intitule": "Aide-soignant / Aide-soignante (H/F)",
          "description": "Au sein d'un service de médecine, vous assurez les soins d'hygiène et de confort des patients.",
          "dateCreation": "2026-11-18T09:12:31.000Z",
          "dateActualisation": "2026-11-19T10:01:02.000Z",
          "lieuTravail": { "libelle": "69 - Lyon 3e Arrondissement", "latitude": 45.759, "longitude": 4.8494, "codePostal": "69003", "commune": "69383" },
          "romeCode": "J1501",
          "romeLibelle": "Aide-soignant / Aide-soignante",
          "appellationlibelle": "Aide-soignant / Aide-soignante",
          "entreprise": { "nom": "CLINIQUE DU PARC", "entrepriseAdaptee": false },
          "typeContrat": "CDD",
          "typeContratLibelle": "Contrat à durée déterminée - 6 Mois",
          "natureContrat": "Contrat travail",
          "experienceExige": "D",
          "experienceLibelle": "Débutant accepté",
          "competences": [
            { "code": "107661", "libelle": "Réaliser des soins d'hygiène corporelle, de confort et de prévention", "exigence": "E" },
            { "code": "107660", "libelle": "Mesurer les paramètres vitaux du patient/résident, contrôler les dispositifs et appareillages médicaux et transmettre les informations à l'infirmier", "exigence": "S" },
            { "libelle": "Techniques de manipulation de patient", "exigence": "E" }
          ],
          "qualitesProfessionnelles": [
            { "libelle": "Avoir le sens du service", "description": "Capacité à identifier (voire anticiper) les besoins des usagers." }
          ],
          "formations": [ { "codeFormation": "43436", "domaineLibelle": "Aide-soignant", "niveauLibelle": "CAP, BEP et équivalents", "exigence": "E" } ],
          "permis": [],
          "salaire": { "libelle": "Mensuel de 1900.00 Euros sur 12 mois" },
          "dureeTravailLibelle": "35H Travail en équipe",
          "dureeTravailLibelleConverti": "Temps plein",
          "alternance": false,
          "contact": { "nom": "CLINIQUE DU PARC - Mme Martin" },
          "nombrePostes": 2,
          "accessibleTH": true,
          "qualificationCode": "6",
          "qualificationLibelle": "Employé qualifié",
          "codeNAF": "86.10Z",
          "secteurActivite": "86",
          "secteurActiviteLibelle": "Activités hospitalières",
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/183XKQW" }
        }
        """;

    private const string DeveloperOffer = """
        {
          "id": "184BCDE",
          "intitule": "Développeur .NET C# (H/F)",
          "dateCreation": "2026-11-20T14:00:00.000Z",
          "lieuTravail": { "libelle": "31 - Toulouse", "codePostal": "31000", "commune": "31555" },
          "romeCode": "M1805",
          "romeLibelle": "Études et développement informatique",
          "appellationlibelle": "Développeur / Développeuse informatique",
          "entreprise": { "nom": "ÉDITEUR LOGICIEL SUD" },
          "typeContrat": "CDI",
          "typeContratLibelle": "Contrat à durée indéterminée",
          "experienceExige": "E",
          "experienceLibelle": "2 An(s)",
          "competences": [
            { "code": "511414", "libelle": "Langage C#", "exigence": "E" },
            { "code": "109882", "libelle": "Gestion de bases de données NoSQL", "exigence": "S" }
          ],
          "salaire": { "libelle": "Annuel de 42000.00 Euros à 50000.00 Euros sur 12 mois" },
          "dureeTravailLibelleConverti": "Temps plein",
          "alternance": false,
          "nombrePostes": 1,
          "qualificationCode": "9"
        }
        """;

    private const string BrokenOffer = """
        { "id": "185ZZZZ", "romeCode": "M1805", "lieuTravail": { "libelle": "31 - Toulouse", "commune": "31555" }, "typeContrat": "CDI" }
        """;

    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private readonly OfferDocumentBuilder _builder = OfferBuilder();

    private Task<List<IngestOutcome<OfferDocument>>> IngestAsync(string ndjson) => ToListAsync(_builder.BuildAsync(Body(ndjson)));

    private static string Flat(string json) => json.ReplaceLineEndings(" ");

    [Fact]
    public async Task A_feed_of_three_gives_two_documents_and_one_error_for_the_offer_without_intitule()
    {
        var outcomes = await IngestAsync($"{Flat(NursingAssistantOffer)}\n{Flat(DeveloperOffer)}\n{Flat(BrokenOffer)}\n");

        Assert.Equal(3, outcomes.Count);
        Assert.True(outcomes[0].IsValid);
        Assert.True(outcomes[1].IsValid);
        var broken = outcomes[2];
        Assert.False(broken.IsValid);
        Assert.Equal("185ZZZZ", broken.Id);
        Assert.Equal(2, broken.Index);
        Assert.Equal(["intitule"], broken.Errors.Keys);
        Assert.Equal(IngestStatus.Invalid, broken.ToResult(IngestStatus.Created).Status);
    }

    [Fact]
    public async Task An_offer_repeated_in_a_feed_is_kept_twice_and_the_later_copy_is_flagged()
    {
        var outcomes = await IngestAsync($"{Flat(DeveloperOffer)}\n{Flat(NursingAssistantOffer)}\n{Flat(DeveloperOffer)}\n");

        Assert.All(outcomes, o => Assert.True(o.IsValid));
        Assert.DoesNotContain(outcomes[0].Warnings, w => w.StartsWith("id:", StringComparison.Ordinal));
        Assert.Contains("id: '184BCDE' is also item 0 of this body; this later item replaces it.", outcomes[2].Warnings);
    }

    [Fact]
    public void The_nursing_assistant_offer_is_resolved_mapped_and_located()
    {
        var outcome = _builder.Build(OfferItem(NursingAssistantOffer));

        Assert.True(outcome.IsValid);
        var offer = outcome.Document;
        Assert.Equal("183XKQW", offer.Id);
        Assert.Equal("Aide-soignant / Aide-soignante (H/F)", offer.Title);
        // The appellation is ROME title 10891, an exact crosswalk match of ESCO's "aide-soignant".
        Assert.Equal(NursingAssistant, offer.OccupationUri);
        Assert.Equal("J1501", offer.RomeCode);

        // Competences by code are the ROME 4.0 items themselves: E essential, S optional, neither must-have.
        Assert.Contains(new DemandedSkill("rome4:competence:107661", SkillImportance.Essential, Source: SkillSource.OfferCode), offer.Skills);
        Assert.Contains(new DemandedSkill("rome4:competence:107660", SkillImportance.Optional, Source: SkillSource.OfferCode), offer.Skills);
        // The professional quality is a ROME 4.0 savoir-être, from the offer's fields.
        var service = Taxonomy.Rome4.Items.Single(i => i.Label == "Avoir le sens du service");
        Assert.Contains(offer.Skills, s => s.SkillUri == service.SkillUri && s.Source == SkillSource.OfferFields);
        // Three skills of its own and more: the occupation adds none.
        Assert.True(offer.Skills.Count(s => s.Source != SkillSource.Occupation) >= OfferDocumentBuilder.MinOwnSkills);
        Assert.DoesNotContain(offer.Skills, s => s.Inferred);
        Assert.Equal(offer.Skills.Count, offer.Skills.Select(s => s.SkillUri).Distinct().Count());

        // The competence without a code is read as text: "manipulation de patient" names the ROME savoir.
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.OfferText && Taxonomy.SkillByUri(s.SkillUri)!.LabelFr == "Techniques de manipulation du patient");
        // One the reader cannot place is a warning that names it, not an error.
        var unplaced = _builder.Build(OfferItem("""{"id":"x1","intitule":"Aide-soignant","romeCode":"J1501","competences":[{"libelle":"zzz qqq","exigence":"E"}]}"""));
        Assert.Contains(unplaced.Warnings, w => w.StartsWith("competences[0]", StringComparison.Ordinal) && w.Contains("zzz qqq", StringComparison.Ordinal));

        Assert.Equal(new Place(45.759, 4.8494, "69383", "69 - Lyon 3e Arrondissement"), offer.Place);
        Assert.Equal(ContractType.FixedTerm, offer.Contract);
        Assert.Equal(ExperienceRequirement.BeginnerAccepted, offer.Experience);
        Assert.Null(offer.ExperienceYears);
        Assert.True(offer.FullTime);
        // An empty "permis" is France Travail saying no licence is asked.
        Assert.Equal(LicenceRequirement.NotAsked, offer.DrivingLicence);
        Assert.Equal("35H Travail en équipe", offer.Hours);
        Assert.Equal("Mensuel de 1900.00 Euros sur 12 mois", offer.Salary);
        Assert.Equal("CLINIQUE DU PARC", offer.Company);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 9, 12, 31, TimeSpan.Zero), offer.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 10, 1, 2, TimeSpan.Zero), offer.UpdatedAt);
        Assert.Equal("https://candidat.francetravail.fr/offres/recherche/detail/183XKQW", offer.Source);
    }

    [Fact]
    public void The_developer_offer_maps_contract_experience_languages_and_commune()
    {
        var outcome = _builder.Build(OfferItem(DeveloperOffer));

        Assert.True(outcome.IsValid);
        var offer = outcome.Document;
        Assert.Equal(SoftwareDeveloper, offer.OccupationUri);
        Assert.Equal("M1805", offer.RomeCode);
        // The competences by code are ROME 4.0 savoirs; C# meets ESCO's C# through the alignment.
        Assert.Contains(new DemandedSkill("rome4:savoir:511414", SkillImportance.Essential), offer.Skills);
        Assert.Contains(new DemandedSkill("rome4:savoir:109882", SkillImportance.Optional), offer.Skills);
        Assert.Contains(Taxonomy.SkillByUri(CSharp)!.Id, Taxonomy.SkillByUri("rome4:savoir:511414")!.Aligned);
        // ".NET C#" in the title names ESCO's C#, from the text.
        Assert.Contains(new DemandedSkill(CSharp, SkillImportance.Essential, Source: SkillSource.OfferText), offer.Skills);
        Assert.Equal(ContractType.Permanent, offer.Contract);
        Assert.Equal(ExperienceRequirement.Required, offer.Experience);
        Assert.Equal(2, offer.ExperienceYears);
        Assert.Equal(Toulouse with { Label = "31 - Toulouse" }, offer.Place);
        Assert.Equal("france-travail", offer.Source);
        Assert.DoesNotContain(outcome.Warnings, w => w.StartsWith("competences", StringComparison.Ordinal));
    }

    [Fact]
    public void Alternance_makes_a_work_study_contract_whatever_the_contract_type()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"a1","intitule":"Apprenti développeur","romeCode":"M1805","typeContrat":"CDD","alternance":true}"""));

        Assert.Equal(ContractType.WorkStudy, outcome.Document!.Contract);
    }

    [Theory]
    [InlineData("FRA", ContractType.Other)]
    [InlineData("XYZ", ContractType.Other)]
    [InlineData("MIS", ContractType.Temporary)]
    [InlineData("SAI", ContractType.Seasonal)]
    [InlineData("LIB", ContractType.Freelance)]
    public void Contract_codes_are_mapped_and_unknown_ones_are_other(string code, ContractType expected)
    {
        var outcome = _builder.Build(OfferItem($$"""{"id":"a2","intitule":"x","romeCode":"M1805","typeContrat":"{{code}}"}"""));

        Assert.Equal(expected, outcome.Document!.Contract);
    }

    [Fact]
    public void An_appellation_written_differently_still_finds_its_rome_title()
    {
        // Accents, case and the gendered pair in another order: still title 14153.
        var outcome = _builder.Build(OfferItem("""{"id":"a3","intitule":"Dev","romeCode":"M1805","appellationlibelle":"developpeuse / DEVELOPPEUR informatique"}"""));

        Assert.Equal(SoftwareDeveloper, outcome.Document!.OccupationUri);
        Assert.DoesNotContain(outcome.Warnings, w => w.StartsWith("appellationlibelle", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_rome_code_is_a_warning_and_without_a_classifier_the_occupation_stays_unknown()
    {
        var outcome = _builder.Build(OfferItem("""{"id":"a4","intitule":"Métier nouveau","romeCode":"Z9999"}"""));

        Assert.True(outcome.IsValid);
        Assert.Null(outcome.Document.OccupationUri);
        Assert.Null(outcome.Document.RomeCode);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("romeCode: unknown ROME code 'Z9999'", StringComparison.Ordinal));
        Assert.Contains(outcome.Warnings, w => w.StartsWith("No skills", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_commune_with_coordinates_is_a_warning_without_them_an_error()
    {
        var located = _builder.Build(OfferItem("""{"id":"a5","intitule":"x","romeCode":"M1805","lieuTravail":{"commune":"75056","latitude":48.85,"longitude":2.35}}"""));
        var lost = _builder.Build(OfferItem("""{"id":"a6","intitule":"x","romeCode":"M1805","lieuTravail":{"commune":"75056"}}"""));

        Assert.Equal(new Place(48.85, 2.35), located.Document!.Place);
        Assert.Contains(located.Warnings, w => w.StartsWith("lieuTravail.commune", StringComparison.Ordinal));
        Assert.Equal(["lieuTravail.commune"], lost.Errors!.Keys);
    }

    [Theory]
    [InlineData("""{"intitule":"x","romeCode":"M1805"}""", "id")]
    [InlineData("""{"id":"b","intitule":"","romeCode":"M1805"}""", "intitule")]
    [InlineData("""{"id":"b","intitule":"x","lieuTravail":{"latitude":200,"longitude":2}}""", "lieuTravail.latitude")]
    [InlineData("""{"id":"b","intitule":"x","lieuTravail":{"codePostal":"00000"}}""", "lieuTravail.codePostal")]
    public void Invalid_france_travail_fields_are_named_in_their_own_schema(string json, string field)
    {
        var outcome = _builder.Build(OfferItem(json));

        Assert.Equal([field], outcome.Errors!.Keys);
    }
}
