using System.Globalization;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class CoachTextsTests
{
    [Fact]
    public void Every_key_exists_in_french_and_english_with_the_same_placeholders()
    {
        Assert.True(CoachTexts.Keys.Count > 200);
        Assert.All(CoachTexts.Keys, key =>
        {
            var fr = CoachTexts.Template(key, CoachTexts.French);
            var en = CoachTexts.Template(key, CoachTexts.English);
            Assert.False(string.IsNullOrWhiteSpace(fr), $"{key}: no French text");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{key}: no English text");
            Assert.True(CoachTexts.Placeholders(fr!).SetEquals(CoachTexts.Placeholders(en!)), $"{key}: placeholders differ between '{fr}' and '{en}'");
        });
    }

    [Fact]
    public void Every_module_category_and_strategy_has_its_texts()
    {
        var keys = CoachTexts.Keys.ToHashSet();
        foreach (var module in AdviceEngine.Modules)
        {
            Assert.Contains($"advice.{module.Id}.title", keys);
            Assert.Contains(keys, k => k.StartsWith($"advice.{module.Id}.reason.", StringComparison.Ordinal));
            for (var n = 1; n <= module.StepCount; n++)
            {
                Assert.Contains($"advice.{module.Id}.step.{n}", keys);
            }
            Assert.DoesNotContain($"advice.{module.Id}.step.{module.StepCount + 1}", keys);
        }
        Assert.All(DiagnosisCategories.InOrder, c => Assert.Contains($"category.{c.Id()}.title", keys));
        Assert.All(StrategyBuilder.Templates, t =>
        {
            Assert.Contains($"strategy.{t.Id}.title", keys);
            Assert.Contains($"strategy.{t.Id}.description", keys);
        });
        Assert.All(Enum.GetValues<DiplomaLevel>(), d => Assert.Contains(DiagnosisEngine.Diploma(d).Key, keys));
        Assert.All(Enum.GetValues<ContractType>(), c => Assert.Contains($"contract.{c.ToString().ToLowerInvariant()}", keys));
    }

    [Fact]
    public void English_and_french_files_hold_the_same_keys()
    {
        var english = CoachTexts.Keys.Where(k => CoachTexts.Template(k, CoachTexts.English) is not null);
        Assert.Equal(CoachTexts.Keys, english);
    }

    public static TheoryData<string> Cultures => ["fr-FR", "en-GB", "de-DE"];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_text_the_engines_emit_renders(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        SeekerProfile[] profiles =
        [
            Settled,
            YoungBeginner,
            YoungBeginner with { ProjectClear = false, WantsToCreateCompany = true, Mobility = Mobility.Country, TargetJobs = [new("aide-soignante", RomeCode: "J1501"), new("comptable", RomeCode: "M1203")] },
            Settled with { ApplicationsPerWeek = 20, ApplicationsSoFar = 100, InterviewsSoFar = 6, OffersReceived = 0, Frustrations = [Frustration.AgeDiscrimination], HighestDiploma = DiplomaLevel.None },
            Settled with { TargetJobs = null, ProjectClear = null, Skills = null, Commune = null, Postcode = null, Age = null, YearsOfExperienceInTarget = null, PassionateAboutTarget = null, SearchStarted = null, SearchStartDate = null, InterviewsSoFar = null, HighestDiploma = null, WantsToCreateCompany = null },
            Settled with { SearchStarted = false, SearchStartDate = null, Age = 55, YearsOfExperienceInTarget = 20 },
        ];
        MarketFacts[] markets = [Healthy, Tough, MarketFacts.Unknown, Healthy with { RequiredDiploma = DiplomaLevel.Bac5, OffersPerTenJobSeekers = null, LiveOffers = 10, LiveProfiles = 50 }];
        foreach (var profile in profiles)
        {
            foreach (var market in markets)
            {
                var diagnosis = DiagnosisEngine.Diagnose(profile, market, Today);
                var advice = AdviceEngine.Advise(profile, market, diagnosis, Today);
                var rendered = diagnosis.Localize(culture);
                Assert.All(rendered.Categories, c => Assert.All(c.Reasons, r => Assert.DoesNotContain("{", r)));
                Assert.All(rendered.Questions, q => Assert.Contains("?", q.Question, StringComparison.Ordinal));
                Assert.All(advice.Localize(culture), a => Assert.NotEmpty(a.Steps));
                Assert.NotNull(StrategyBuilder.Build(advice, diagnosis).Localize(culture));
            }
        }
    }

    [Fact]
    public void French_and_english_renderings_differ_and_format_numbers_in_their_culture()
    {
        var profile = Settled;
        var market = Healthy with { OffersPerTenJobSeekers = 2.5 };
        var diagnosis = DiagnosisEngine.Diagnose(profile, market, Today);
        var fr = diagnosis.Localize(CoachTexts.French);
        var en = diagnosis.Localize(CoachTexts.English);

        Assert.Equal("stuck-market", fr.MainChallenge);
        Assert.Equal("Un marché local difficile", fr.MainChallengeTitle);
        Assert.Equal("A tough local market", en.MainChallengeTitle);
        Assert.Contains("2,5 offres pour 10 demandeurs d'emploi", fr.Categories[2].Reasons[0]);
        Assert.Contains("2.5 offers for every 10 job seekers", en.Categories[2].Reasons[0]);
        Assert.Equal("Priorité", fr.Categories[2].StatusLabel);
        Assert.Equal("Main challenge", en.Categories[2].StatusLabel);
    }

    [Fact]
    public void Unknown_languages_fall_back_to_french()
    {
        var diagnosis = DiagnosisEngine.Diagnose(Settled, Healthy, Today);
        Assert.Equal(diagnosis.Localize(CoachTexts.French), diagnosis.Localize(CultureInfo.GetCultureInfo("de-DE")), new RenderedDiagnosisComparer());
    }

    [Fact]
    public void Advice_renders_named_skills_and_offer_counts()
    {
        var diagnosis = DiagnosisEngine.Diagnose(Settled, Tough, Today);
        var advice = AdviceEngine.Advise(Settled, Tough, diagnosis, Today).Single(a => a.ModuleId == "train-missing-skills");
        var en = advice.Localize(CoachTexts.English);
        Assert.Equal("Train for the missing skills", en.Title);
        Assert.Equal("administrer des médicaments: asked for by 42 offers near you.", en.Steps[0]);
        Assert.Equal("administrer des médicaments : demandée par 42 offres près de chez vous.", advice.Localize(CoachTexts.French).Steps[0]);
    }

    [Theory]
    [InlineData("fr", 0, "aucun entretien")]
    [InlineData("fr", 1, "1 entretien")]
    [InlineData("fr", 2, "2 entretiens")]
    // English says "no interviews", as "aucun entretien" is singular in French.
    [InlineData("en", 0, "no interviews")]
    [InlineData("en", 1, "1 interview")]
    [InlineData("en", 3, "3 interviews")]
    public void Counts_take_the_plural_of_their_language(string language, int count, string expected)
    {
        var culture = language == "fr" ? CoachTexts.French : CoachTexts.English;
        // Any sentence that cites a count renders it with its noun in the right form.
        Assert.EndsWith($" {expected}.", CoachTexts.Get(TextRef.Of("diagnosis.missing-answer", TextRef.Count("interview", count)), culture));
    }

    [Fact]
    public void Rendered_sentences_never_hedge_plurals_with_brackets()
    {
        Assert.All(CoachTexts.Keys, key => Assert.DoesNotContain("(s)", CoachTexts.Template(key, CoachTexts.French)!, StringComparison.Ordinal));
        Assert.All(CoachTexts.Keys, key => Assert.DoesNotContain("(s)", CoachTexts.Template(key, CoachTexts.English)!, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_key_is_a_clear_error()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => CoachTexts.Get("no.such.key", CoachTexts.French));
        Assert.Contains("no.such.key", error.Message);
    }

    private sealed class RenderedDiagnosisComparer : IEqualityComparer<RenderedDiagnosis>
    {
        public bool Equals(RenderedDiagnosis? x, RenderedDiagnosis? y) =>
            x is not null && y is not null && x.MainChallengeTitle == y.MainChallengeTitle
            && x.Categories.SelectMany(c => c.Reasons.Prepend(c.Title)).SequenceEqual(y.Categories.SelectMany(c => c.Reasons.Prepend(c.Title)));

        public int GetHashCode(RenderedDiagnosis obj) => 0;
    }
}

public sealed class CoachTextsCultureTests
{
    [Theory]
    [InlineData(null, "fr")]
    [InlineData("", "fr")]
    [InlineData("en-GB,en;q=0.9", "en-GB")]
    [InlineData("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7", "en")]
    [InlineData("fr-CA;q=0.5, en-US;q=0.4", "fr-CA")]
    [InlineData("en;q=0, fr;q=0.1", "fr")]
    [InlineData("de, es", "fr")]
    public void Accept_language_picks_the_first_supported_language_by_quality(string? header, string expected)
    {
        Assert.Equal(expected, CoachTexts.CultureFor(header).Name);
    }
}
