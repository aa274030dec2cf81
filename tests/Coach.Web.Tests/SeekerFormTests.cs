using System.Globalization;
using Coach.Web.Seekers;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Seekers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Coach.Web.Tests;

/// <summary>The questionnaire's answers read against the real reference data (shared with the browser tests).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeekerFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly ReferenceData _data;
    private readonly JobReadings _readings;

    public SeekerFormTests(WebAppFixture app)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
        _data = app.Services.GetRequiredService<ReferenceDataProvider>().Current!;
        _readings = app.Services.GetRequiredService<JobReadings>();
    }

    /// <summary>The target job as the page reads it (<see cref="JobReadings.Target"/>).</summary>
    private TargetJob? Target(string job, string? choice) => _readings.Target(job, choice, "fr");

    private static SeekerForm Form(params (string Key, string[] Values)[] fields) =>
        SeekerForm.Read(new FormCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Values))));

    /// <summary>The questionnaire's skill field reads what was typed with the same autocomplete as the recruiter's tags, ROME 4.0 items included.</summary>
    [Fact]
    public void ATypedSkillIsTheSuggestedConceptWhateverItsTaxonomy()
    {
        var excel = Form(("job", ["comptable"]), ("place", ["Lyon"]), ("extraSkill", ["Microsoft Excel"])).ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);
        var python = Form(("job", ["développeur"]), ("place", ["Lyon"]), ("extraSkill", ["Programmation en Python"])).ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);

        Assert.Equal("Microsoft Excel", _data.Taxonomy.SkillByUri(Assert.Single(excel.Skills!).Uri!)!.LabelFr);
        // A ROME 4.0 savoir aligned to ESCO's Python gives ESCO's Python, as its suggestion does.
        Assert.Equal("Python (computer programming)", _data.Taxonomy.SkillByUri(Assert.Single(python.Skills!).Uri!)!.LabelEn);
        Assert.Empty(SeekerProfileValidator.Validate(excel, Today, _data.Taxonomy, _data.Geography));
    }

    [Fact]
    public void SkillsFromExperienceAreTickedUntilTheSeekerUnticksThemAndThenDeclined()
    {
        var (kept, unticked) = (_data.Taxonomy.Skills[1].Uri, _data.Taxonomy.Skills[2].Uri);
        var declared = _data.Taxonomy.Skills[3].Uri;

        // Before the skills step is posted, a skill from experience is ticked, any other is not.
        Assert.True(SeekerForm.Empty().Ticked(kept, fromExperience: true));
        Assert.False(SeekerForm.Empty().Ticked(declared, fromExperience: false));

        var form = Form(("job", ["aide soignante"]), ("place", ["Lyon"]), ("shownExperience", [kept, unticked]), ("skills", [kept, declared]));
        Assert.False(form.Ticked(unticked, fromExperience: true));
        var profile = form.ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);

        Assert.Equal([(kept, SkillEvidence.PastJob), (declared, SkillEvidence.Declared)], profile.Skills!.Select(s => (s.Uri, s.Evidence)).Order());
        Assert.Equal([unticked], profile.DeclinedSkills);

        // Reopened, the form shows the same ticks.
        var again = SeekerForm.From(profile, Today);
        Assert.True(again.Ticked(kept, fromExperience: true));
        Assert.False(again.Ticked(unticked, fromExperience: true));
    }

    [Theory]
    [InlineData("Lyon (69123)", "69123")]
    [InlineData("Lyon", "69123")]
    [InlineData("69003", "69383")]
    public void APlaceIsReadFromASuggestionAPostcodeOrAName(string typed, string insee)
    {
        Assert.Equal(insee, SeekerForm.ResolvePlace(_data, typed)?.InseeCode);
    }

    [Fact]
    public void AnUnknownPlaceIsNotGuessed()
    {
        Assert.Null(SeekerForm.ResolvePlace(_data, "Zzyzx-sur-Nowhere"));
        Assert.Null(SeekerForm.ResolvePlace(_data, ""));
    }

    [Fact]
    public void TheFirstStepNeedsAJobAndAKnownPlace()
    {
        var errors = Form(("job", [""]), ("place", ["Atlantis"]), ("radius", ["-5"])).Validate(1, _data);

        Assert.Equal(["job", "place", "radius"], errors.Keys.Order());
        Assert.Contains("Atlantis", errors["place"], StringComparison.Ordinal);
    }

    [Fact]
    public void AnswersBecomeTheProfileTheEngineReads()
    {
        var skill = _data.Taxonomy.Skills[0].Uri;
        var form = Form(
            ("job", ["aide soignante"]), ("place", ["Lyon"]), ("radius", ["25"]), ("age", ["41"]), ("diploma", ["Bac"]),
            ("searching", ["yes"]), ("searchMonths", ["5"]), ("applications", ["30"]), ("interviews", ["2"]),
            ("contracts", ["Permanent", "Nonsense"]), ("frustrations", ["NoAnswers"]), ("passionate", ["no"]),
            ("skills", [skill, "http://data.europa.eu/esco/skill/not-a-skill"]), ("consent", ["on"]));

        var profile = form.ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);

        // The job is saved as France Travail names it (the ROME 4.0 title understood first, in the seeker's gender form).
        Assert.Equal("Aide-soignante", profile.TargetJobs![0].Label);
        Assert.Equal("J1501", profile.TargetJobs[0].RomeCode);
        Assert.NotNull(_data.Taxonomy.OccupationByUri(profile.TargetJobs[0].OccupationUri!));
        Assert.Equal("69123", profile.Commune);
        Assert.Equal(25, profile.RadiusKm);
        Assert.Equal(41, profile.Age);
        Assert.Equal(DiplomaLevel.Bac, profile.HighestDiploma);
        Assert.Equal(5, profile.MonthsSearching(Today));
        Assert.Equal([ContractType.Permanent], profile.ContractWishes);
        Assert.Equal([Frustration.NoAnswers], profile.Frustrations);
        Assert.False(profile.PassionateAboutTarget);
        Assert.Equal([skill], profile.Skills!.Select(s => s.Uri));
        Assert.True(profile.SearchableByRecruiters);
        Assert.Empty(SeekerProfileValidator.Validate(profile, Today));
    }

    [Fact]
    public void TheReadingChosenOnTheSecondStepIsTheTargetSaved()
    {
        var choice = _readings.Read("serveuse", "fr").Single(r => r.Label == "Serveuse en restauration");

        var profile = Form(("job", ["serveuse"]), ("place", ["Lyon"]), ("jobReading", [choice.Value])).ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);

        Assert.Equal(new TargetJob("Serveuse en restauration", choice.Occupation?.Uri, "G1803"), profile.TargetJobs![0]);
    }

    [Fact]
    public void UnansweredQuestionsStayUnanswered()
    {
        var profile = Form(("job", ["boulanger"]), ("place", ["Lyon"])).ToProfile("web-0123456789abcdef", _data, Target, _ => (null, null), Today);

        Assert.Null(profile.Age);
        Assert.Null(profile.HighestDiploma);
        Assert.Null(profile.SearchStarted);
        Assert.Null(profile.PassionateAboutTarget);
        Assert.False(profile.SearchableByRecruiters);
    }

    [Fact]
    public void EarlierStepsAreCarriedInHiddenFields()
    {
        var form = Form(("job", ["boulanger"]), ("place", ["Lyon"]), ("age", ["30"]), ("contracts", ["Permanent", "FixedTerm"]));

        var carried = form.Carried(2).ToList();

        Assert.Contains(("job", "boulanger"), carried);
        Assert.Contains(("place", "Lyon"), carried);
        Assert.DoesNotContain(carried, c => c.Name == "age" || c.Name == "contracts");
        Assert.Equal(2, form.Carried(1).Count(c => c.Name == "contracts"));
    }

    [Theory]
    [InlineData("45", "50", "Avec 45 ans, vous ne pouvez pas avoir plus de 31 ans d'expérience")]
    [InlineData("20", "7", "Avec 20 ans, vous ne pouvez pas avoir plus de 6 ans d'expérience")]
    [InlineData("45", "31", null)]
    // Each number alone out of range says its own range, not the contradiction.
    [InlineData("200", "50", null)]
    public void YearsInTheJobBeyondTheAgeAreRefusedNamingBothNumbers(string age, string experience, string? error)
    {
        var errors = Form(("age", [age]), ("experience", [experience])).Validate(2, _data);

        if (error is null)
        {
            Assert.False(errors.TryGetValue("experience", out var said), said);
        }
        else
        {
            Assert.StartsWith(error, errors["experience"], StringComparison.Ordinal);
        }
    }
}
