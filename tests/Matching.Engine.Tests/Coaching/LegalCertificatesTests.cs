using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// A regulated job practised, or its requirement said held: the licences and certificates the law names for it are not in the
/// seeker's gap. A lorry driver of one year read "nous en déduisons que vous avez ce qu'il exige" above a gap listing the C licence
/// and the FIMO (walked on the real France Travail offers).
/// </summary>
public sealed class LegalCertificatesTests : IAsyncLifetime
{
    private const int LicenceC = 491634;     // "Permis de conduire catégorie C", on the lorry driver's sheet N4101
    private const int LicenceCE = 126455;    // "Permis de conduire catégorie CE": the law does not ask it for N4101
    private const int Fimo = 120409;         // "Formation Initiale Minimum Obligatoire (FIMO)"
    private const int Adr = 120394;          // "Certificat de formation ADR - Formation de base ...": "peut être nécessaire, pas obligatoire"
    private static readonly DateOnly s_today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("coach-certificates-").FullName;
    private EmbeddedMatchIndex _index = default!;
    private SeekerCoach _coach = default!;
    private SkillsTaxonomy _taxonomy = default!;

    public async Task InitializeAsync()
    {
        var (provider, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _coach = new SeekerCoach(provider, index);
        _taxonomy = provider.Require().Taxonomy;
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private string Uri(int code) => _taxonomy.Rome4Skill(code)!.Uri;

    private static SeekerProfile Driver(double? years, bool? lacksRequirement = null) => new()
    {
        Id = "driver",
        TargetJobs = [new TargetJob(RomeCode: "N4101")],
        Commune = "69123",
        RadiusKm = 30,
        YearsOfExperienceInTarget = years,
        DiplomaRequiredForTarget = lacksRequirement,
    };

    [Theory]
    // A licence by "permis" and its category as written; a certificate by its acronym in capitals.
    [InlineData("Permis de conduire catégorie C", "Cependant le permis C ou C1 est obligatoire.", true)]
    [InlineData("Permis de conduire catégorie CE", "Cependant le permis C ou C1 est obligatoire.", false)]
    [InlineData("Permis de conduire catégorie B", "Le permis de conduire de catégorie B est exigé.", true)]
    [InlineData("Permis de conduire catégorie DE", "Le permis de conduire de catégorie B est exigé.", false)]
    [InlineData("Permis de conduire catégorie D", "Le permis de conduire de catégorie B est exigé.", false)]
    [InlineData("Formation Initiale Minimum Obligatoire (FIMO)", "ainsi qu'une formation initiale minimum obligatoire (FIMO) renouvelée", true)]
    // Not a degree's kind ("du secteur" is no DU), not a diploma or title.
    [InlineData("Responsable en logistique et transport (DU)", "un diplôme ou titre professionnel du secteur", false)]
    [InlineData("Diplôme d'Etat d'aide-soignant (DEAS)", "Le Diplôme d'Etat d'Aide-Soignant (DEAS) est obligatoire.", false)]
    public void A_certificate_is_named_by_its_licence_category_or_its_acronym(string label, string sentence, bool named)
    {
        var pattern = SeekerCoach.CertificatePattern(label);

        Assert.Equal(named, pattern?.IsMatch(sentence) == true);
    }

    [Fact]
    public async Task A_lorry_driver_of_one_year_is_not_told_he_lacks_the_licence_and_fimo_the_law_requires()
    {
        var place = _coach.ResolvePlace(Driver(1));
        var driver = _taxonomy.OccupationsForRome("N4101").First();
        await _index.UpsertOffersAsync([.. Enumerable.Range(0, 4).Select(i => new OfferDocument
        {
            Id = $"lorry-{i}", Title = "Conducteur poids lourd (H/F)", OccupationUri = driver.Uri, RomeCode = "N4101", Place = place,
            Skills = [.. new[] { LicenceC, Fimo, LicenceCE, Adr }.Select(c => new DemandedSkill(Uri(c), SkillImportance.Essential))],
        })]);

        var practised = await _coach.AssessAsync(Driver(1), s_today, "fr");
        var beginner = await _coach.AssessAsync(Driver(null), s_today, "fr");
        var saysHeld = await _coach.AssessAsync(Driver(null, lacksRequirement: false), s_today, "fr");

        Assert.True(practised.Facts.Regulated);
        var missing = practised.Facts.MissingSkills.Select(m => m.SkillUri).ToList();
        Assert.DoesNotContain(Uri(LicenceC), missing);
        Assert.DoesNotContain(Uri(Fimo), missing);
        // What the law does not name stays to acquire: the CE licence, the ADR certificate ("pas obligatoires").
        Assert.Contains(Uri(LicenceCE), missing);
        Assert.Contains(Uri(Adr), missing);
        // A beginner is not assumed to hold them; a seeker who says they have what the law requires is.
        Assert.Contains(Uri(LicenceC), beginner.Facts.MissingSkills.Select(m => m.SkillUri));
        Assert.DoesNotContain(Uri(Fimo), saysHeld.Facts.MissingSkills.Select(m => m.SkillUri));
    }

    private const int StateDiplomaCarer = 404157;   // "Diplôme d'Etat d'aide-soignant", a savoir of J1501 ("Certifications et habilitations")

    [Theory]
    // A diploma or title by its label in full, whatever the case, accents and apostrophes; never by a part of it.
    [InlineData("Diplôme d'Etat d'aide-soignant", "Cet emploi est accessible avec un Diplôme d''Etat d''Aide-Soignant, obligatoire pour exercer.", true)]
    [InlineData("Diplôme d'Etat d'aide-soignant", "Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer.", true)]
    [InlineData("Diplôme d'Etat d'infirmier", "Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer.", false)]
    [InlineData("Diplôme d'Etat", "Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer.", false)]
    [InlineData("Permis de conduire catégorie C", "Le permis de conduire catégorie C est obligatoire.", false)]
    public void A_diploma_is_named_by_its_label_in_full(string label, string sentence, bool named)
    {
        var words = SeekerCoach.DiplomaWords(label);

        Assert.Equal(named, words is not null && (" " + Matching.Engine.Text.TextNormalizer.Normalize(sentence) + " ").Contains(words, StringComparison.Ordinal));
    }

    private static SeekerProfile Carer(double? years, DiplomaLevel diploma = DiplomaLevel.CapBep, bool? lacksRequirement = null) => new()
    {
        Id = "carer",
        TargetJobs = [new TargetJob(Label: "aide-soignante", RomeCode: "J1501")],
        Commune = "74010",
        RadiusKm = 20,
        YearsOfExperienceInTarget = years,
        HighestDiploma = diploma,
        DiplomaRequiredForTarget = lacksRequirement,
    };

    [Fact]
    public async Task An_aide_soignante_of_three_years_is_not_told_she_lacks_the_state_diploma_the_diagnosis_deduces_she_holds()
    {
        var place = _coach.ResolvePlace(Carer(3));
        var carer = _taxonomy.OccupationsForRome("J1501").First();
        var usual = carer.EssentialSkills.Take(3).Select(id => _taxonomy.Skills[id].Uri).ToList();
        await _index.UpsertOffersAsync([.. Enumerable.Range(0, 6).Select(i => new OfferDocument
        {
            Id = $"carer-{i}", Title = "Aide-soignant (H/F)", Company = $"EHPAD {i}", OccupationUri = carer.Uri, RomeCode = "J1501", Place = place,
            Skills = [new DemandedSkill(Uri(StateDiplomaCarer), SkillImportance.Essential), .. usual.Select(u => new DemandedSkill(u, SkillImportance.Essential))],
        })]);
        var declared = usual.Select(u => new SeekerSkill(u)).ToList();

        var practised = await _coach.AssessAsync(Carer(3) with { Skills = declared }, s_today, "fr");
        var noDiploma = await _coach.AssessAsync(Carer(3, DiplomaLevel.None) with { Skills = declared }, s_today, "fr");
        var beginner = await _coach.AssessAsync(Carer(null) with { Skills = declared }, s_today, "fr");

        // The diagnosis deduces it from her three years; the gap and the offers' chips count it held.
        Assert.True(practised.Facts.Regulated);
        Assert.Equal(CategoryStatus.Fine, practised.Diagnosis[DiagnosisCategory.MissingDiploma].Status);
        Assert.Equal("diagnosis.missing-diploma.regulated-practised", practised.Diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0].Key);
        Assert.DoesNotContain(Uri(StateDiplomaCarer), practised.Facts.MissingSkills.Select(m => m.SkillUri));
        Assert.NotEmpty(practised.Matches.Hits);
        Assert.All(practised.Matches.Hits, hit =>
        {
            Assert.Contains(Uri(StateDiplomaCarer), hit.Explanation.Matched.Select(m => m.SkillUri));
            Assert.DoesNotContain(Uri(StateDiplomaCarer), hit.Explanation.MissingEssential);
        });
        // Without any diploma the diagnosis says she lacks it, and so do the gap and the chips; a beginner is not assumed to hold it.
        foreach (var lacking in new[] { noDiploma, beginner })
        {
            Assert.NotEqual(CategoryStatus.Fine, lacking.Diagnosis[DiagnosisCategory.MissingDiploma].Status);
            Assert.Contains(Uri(StateDiplomaCarer), lacking.Facts.MissingSkills.Select(m => m.SkillUri));
            Assert.All(lacking.Matches.Hits, hit => Assert.Contains(Uri(StateDiplomaCarer), hit.Explanation.MissingEssential));
        }
    }
}
