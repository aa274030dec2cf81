using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class DiagnosisEngineTests
{
    private static SeekerDiagnosis Diagnose(SeekerProfile? profile = null, MarketFacts? market = null) =>
        DiagnosisEngine.Diagnose(profile ?? Settled, market ?? Healthy, Today);

    private static void AssertStatus(SeekerDiagnosis diagnosis, DiagnosisCategory category, CategoryStatus status) =>
        Assert.True(diagnosis[category].Status == status, $"{category}: expected {status}, got {diagnosis[category].Status} ({string.Join("; ", diagnosis[category].Reasons)})");

    private static bool HasReason(SeekerDiagnosis diagnosis, DiagnosisCategory category, string key) =>
        diagnosis[category].Reasons.Any(r => r.Key == key);

    [Fact]
    public void Lists_the_eight_categories_in_product_order()
    {
        var diagnosis = Diagnose();
        Assert.Equal(
            ["undefined-project", "skills-gap", "stuck-market", "find-what-you-like", "missing-diploma", "start-your-search", "enhance-interviews", "bravo"],
            diagnosis.Categories.Select(c => c.Id.Id()));
    }

    // Bravo

    [Fact]
    public void A_settled_seeker_gets_bravo_with_every_other_category_fine()
    {
        var diagnosis = Diagnose();
        Assert.Equal(DiagnosisCategory.Bravo, diagnosis.MainChallenge);
        Assert.All(diagnosis.Categories.SkipLast(1), c => Assert.Equal(CategoryStatus.Fine, c.Status));
        Assert.Empty(diagnosis.MissingAnswers);
    }

    [Fact]
    public void A_known_answer_that_decides_a_rule_spares_the_question()
    {
        // Junior but in an easy market: whether the job is a passion no longer matters.
        var diagnosis = Diagnose(Settled with { PassionateAboutTarget = null, YearsOfExperienceInTarget = 1 });
        Assert.Equal(DiagnosisCategory.Bravo, diagnosis.MainChallenge);
        Assert.Empty(diagnosis.MissingAnswers);
    }

    [Fact]
    public void Bravo_is_not_concluded_when_a_category_lacks_an_answer_which_is_then_the_provisional_main_challenge()
    {
        var early = Settled with { PassionateAboutTarget = null, YearsOfExperienceInTarget = 1, SearchStartDate = Today.AddMonths(-1), InterviewsSoFar = 2 };
        var diagnosis = Diagnose(early, Healthy with { OffersPerTenJobSeekers = 4 });
        Assert.Equal(DiagnosisCategory.FindWhatYouLike, diagnosis.MainChallenge);
        Assert.True(diagnosis.Provisional);
        AssertStatus(diagnosis, DiagnosisCategory.FindWhatYouLike, CategoryStatus.NotEnoughData);
        AssertStatus(diagnosis, DiagnosisCategory.Bravo, CategoryStatus.NotEnoughData);
        var question = Assert.Single(diagnosis.MissingAnswers);
        Assert.Equal(ProfileFields.PassionateAboutTarget, question.Field);
        Assert.Equal(AnswerImpact.ChangesMainChallenge, question.Impact);
    }

    // 1. Undefined project

    [Fact]
    public void No_target_job_is_an_undefined_project()
    {
        var diagnosis = Diagnose(Settled with { TargetJobs = [] });
        Assert.Equal(DiagnosisCategory.UndefinedProject, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.UndefinedProject, "diagnosis.undefined-project.no-target"));
        // Rules about the target job wait for one instead of guessing, without asking again.
        AssertStatus(diagnosis, DiagnosisCategory.StuckMarket, CategoryStatus.NotEnoughData);
        Assert.DoesNotContain(diagnosis.MissingAnswers, q => q.Field == ProfileFields.TargetJobs);
    }

    [Fact]
    public void A_project_the_seeker_calls_unclear_is_undefined()
    {
        var diagnosis = Diagnose(Settled with { ProjectClear = false });
        Assert.Equal(DiagnosisCategory.UndefinedProject, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.UndefinedProject, "diagnosis.undefined-project.not-clear"));
    }

    [Fact]
    public void Targets_in_unrelated_rome_domains_are_scattered()
    {
        var diagnosis = Diagnose(Settled with { TargetJobs = [new("aide-soignante", RomeCode: "J1501"), new("comptable", RomeCode: "M1203")] });
        Assert.Equal(DiagnosisCategory.UndefinedProject, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.UndefinedProject, "diagnosis.undefined-project.scattered"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_a_target_job_the_wish_category_names_no_job(bool leftOut)
    {
        // "Votre envie pour ce métier" for a seeker who named none; the questionnaire page leaves the list out (null) when the job is blank.
        var diagnosis = Diagnose(Settled with { TargetJobs = leftOut ? null : [] });
        Assert.Equal("Ce que vous avez envie de faire", CoachTexts.Get(diagnosis[DiagnosisCategory.FindWhatYouLike].Title, CoachTexts.French));
        Assert.Equal("What you want to do", CoachTexts.Get(diagnosis[DiagnosisCategory.FindWhatYouLike].Title, CoachTexts.English));
        Assert.Equal("Votre envie pour ce métier", CoachTexts.Get(Diagnose(Settled)[DiagnosisCategory.FindWhatYouLike].Title, CoachTexts.French));
    }

    [Fact]
    public void A_scattered_project_says_the_categories_that_read_the_target_job_measure_its_first_target()
    {
        // "Le diplôme : Vous avez le diplôme que ce métier demande." held for the aide-soignante, not for the accountant.
        var scattered = Settled with { TargetJobs = [new("aide-soignante", RomeCode: "J1501"), new("comptable", RomeCode: "M1203")] };
        var diagnosis = Diagnose(scattered);

        DiagnosisCategory[] ofTheJob = [DiagnosisCategory.SkillsGap, DiagnosisCategory.StuckMarket, DiagnosisCategory.FindWhatYouLike, DiagnosisCategory.MissingDiploma];
        Assert.All(ofTheJob, c => Assert.Equal(
            "Ici, Coach regarde le premier de vos métiers visés : « aide-soignante ».",
            CoachTexts.Get(diagnosis[c].Reasons[0], CoachTexts.French)));
        Assert.Equal("Here Coach looks at the first of your target jobs: “aide-soignante”.", CoachTexts.Get(diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0], CoachTexts.English));
        // What does not read the job, and a project of one family, say nothing of it.
        Assert.All(diagnosis.Categories.Where(c => !ofTheJob.Contains(c.Id)), c => Assert.DoesNotContain(c.Reasons, r => r.Key == "diagnosis.first-target"));
        Assert.DoesNotContain(Diagnose(Settled).Categories.SelectMany(c => c.Reasons), r => r.Key == "diagnosis.first-target");
    }

    [Fact]
    public void Two_neighbouring_families_of_one_domain_are_a_clear_project_but_three_are_not()
    {
        TargetJob[] two = [new("aide-soignante", RomeCode: "J1501"), new("auxiliaire de puériculture", RomeCode: "J1304")];
        AssertStatus(Diagnose(Settled with { TargetJobs = two }), DiagnosisCategory.UndefinedProject, CategoryStatus.Fine);

        TargetJob[] three = [.. two, new("pharmacie", RomeCode: "J1408")];
        AssertStatus(Diagnose(Settled with { TargetJobs = three }), DiagnosisCategory.UndefinedProject, CategoryStatus.MainChallenge);
    }

    [Fact]
    public void The_caller_can_say_targets_span_unrelated_families()
    {
        var diagnosis = Diagnose(market: Healthy with { TargetsSpanUnrelatedFamilies = true });
        Assert.Equal(DiagnosisCategory.UndefinedProject, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.UndefinedProject, "diagnosis.undefined-project.unrelated"));

        // And that they do not, whatever the ROME codes say.
        var scattered = Settled with { TargetJobs = [new("aide-soignante", RomeCode: "J1501"), new("comptable", RomeCode: "M1203")] };
        AssertStatus(Diagnose(scattered, Healthy with { TargetsSpanUnrelatedFamilies = false }), DiagnosisCategory.UndefinedProject, CategoryStatus.Fine);
    }

    [Fact]
    public void An_easy_market_known_only_by_its_tension_is_explained_by_the_tension()
    {
        var diagnosis = Diagnose(s_unsureYoung, Healthy with { OffersPerTenJobSeekers = null, LiveOffers = null, TensionIndicator = 4 });
        AssertStatus(diagnosis, DiagnosisCategory.FindWhatYouLike, CategoryStatus.Fine);
        var reason = Assert.Single(diagnosis[DiagnosisCategory.FindWhatYouLike].Reasons);
        // The seeker said the job does not excite them: the reason says it heard them before saying the market makes up for it.
        Assert.Equal(TextRefOf("diagnosis.find-what-you-like.high-tension.not-passionate", 4, DiagnosisEngine.MainTargetLabel(s_unsureYoung)),
            (reason.Key, string.Join("|", reason.Args)));
    }

    [Fact]
    public void An_easy_market_for_an_unexcited_newcomer_says_both()
    {
        var diagnosis = Diagnose(s_unsureYoung, Healthy);

        AssertStatus(diagnosis, DiagnosisCategory.FindWhatYouLike, CategoryStatus.Fine);
        var reason = Assert.Single(diagnosis[DiagnosisCategory.FindWhatYouLike].Reasons);
        Assert.Equal("diagnosis.find-what-you-like.easy-market.not-passionate", reason.Key);
        Assert.Equal(DiagnosisEngine.MainTargetLabel(s_unsureYoung), reason.Args[1]);
        // One who did not say keeps the market alone.
        var unsaid = Diagnose(s_unsureYoung with { PassionateAboutTarget = null, YearsOfExperienceInTarget = 5, Age = 40 }, Healthy);
        Assert.DoesNotContain(unsaid[DiagnosisCategory.FindWhatYouLike].Reasons, r => r.Key.EndsWith(".not-passionate", StringComparison.Ordinal));
    }

    private static (string, string) TextRefOf(string key, params object[] args) => (key, string.Join("|", args));

    [Fact]
    public void Unanswered_target_jobs_and_project_clarity_become_questions_first()
    {
        var diagnosis = Diagnose(Settled with { TargetJobs = null });
        AssertStatus(diagnosis, DiagnosisCategory.UndefinedProject, CategoryStatus.NotEnoughData);
        Assert.Equal(DiagnosisCategory.UndefinedProject, diagnosis.MainChallenge);
        Assert.True(diagnosis.Provisional);
        var first = diagnosis.MissingAnswers[0];
        Assert.Equal(ProfileFields.TargetJobs, first.Field);
        Assert.Equal("question.targetJobs", first.Question.Key);
        Assert.Contains(DiagnosisCategory.MissingDiploma, first.Categories);

        var unsure = Diagnose(Settled with { ProjectClear = null });
        Assert.Equal(ProfileFields.ProjectClear, Assert.Single(unsure.MissingAnswers).Field);
    }

    // 2. Skills gap

    [Theory]
    [InlineData(0.5, CategoryStatus.MainChallenge)]
    [InlineData(0.49, CategoryStatus.Fine)]
    public void Lacking_half_of_the_local_essential_skills_is_a_skills_gap(double share, CategoryStatus expected)
    {
        var diagnosis = Diagnose(market: Healthy with { SkillsGapShare = share });
        AssertStatus(diagnosis, DiagnosisCategory.SkillsGap, expected);
    }

    [Fact]
    public void A_skills_gap_names_the_most_requested_missing_skills()
    {
        var diagnosis = Diagnose(market: Personas.Tough with { OffersPerTenJobSeekers = 6 });
        Assert.Equal(DiagnosisCategory.SkillsGap, diagnosis.MainChallenge);
        var top = diagnosis[DiagnosisCategory.SkillsGap].Reasons.Single(r => r.Key == "diagnosis.skills-gap.top-missing");
        var names = Assert.IsType<List<string>>(top.Args[0]);
        Assert.Equal(["administrer des médicaments", "aider les patients à se déplacer", "mesurer les signes vitaux"], names);
    }

    [Fact]
    public void Unknown_skills_are_asked_and_unknown_market_is_not_guessed()
    {
        var noSkills = Diagnose(Settled with { Skills = null });
        AssertStatus(noSkills, DiagnosisCategory.SkillsGap, CategoryStatus.NotEnoughData);
        Assert.Equal(ProfileFields.Skills, Assert.Single(noSkills.MissingAnswers).Field);

        var noMarket = Diagnose(market: Healthy with { SkillsGapShare = null });
        AssertStatus(noMarket, DiagnosisCategory.SkillsGap, CategoryStatus.NotEnoughData);
        Assert.Empty(noMarket.MissingAnswers);
    }

    // 3. Stuck market

    [Theory]
    [InlineData(2.9, CategoryStatus.MainChallenge)]
    [InlineData(3.0, CategoryStatus.Fine)]
    [InlineData(3.1, CategoryStatus.Fine)]
    public void Fewer_than_three_offers_per_ten_seekers_is_a_stuck_market(double perTen, CategoryStatus expected)
    {
        var diagnosis = Diagnose(market: Healthy with { OffersPerTenJobSeekers = perTen });
        AssertStatus(diagnosis, DiagnosisCategory.StuckMarket, expected);
        var figure = diagnosis[DiagnosisCategory.StuckMarket].Reasons[0];
        Assert.Equal(perTen, ((CountRef)figure.Args[0]).Value);
        Assert.Equal("Lyon", figure.Args[1]);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.tension"));
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.live"));
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.difficulty"));
    }

    [Fact]
    public void Without_dares_figures_the_live_index_counts_decide()
    {
        var diagnosis = Diagnose(market: Healthy with { OffersPerTenJobSeekers = null, TensionIndicator = null, LiveOffers = 29, LiveProfiles = 100 });
        AssertStatus(diagnosis, DiagnosisCategory.StuckMarket, CategoryStatus.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.figure.live.low"));
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.live"));
    }

    [Fact]
    public void A_seeker_without_a_place_is_asked_for_one()
    {
        var diagnosis = Diagnose(Settled with { Commune = null, Postcode = null });
        AssertStatus(diagnosis, DiagnosisCategory.StuckMarket, CategoryStatus.NotEnoughData);
        Assert.Equal(ProfileFields.Commune, Assert.Single(diagnosis.MissingAnswers).Field);
    }

    [Fact]
    public void A_later_holding_category_needs_attention_behind_the_main_challenge()
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = 2 }, Healthy with { OffersPerTenJobSeekers = 2 });
        Assert.Equal(DiagnosisCategory.StuckMarket, diagnosis.MainChallenge);
        AssertStatus(diagnosis, DiagnosisCategory.EnhanceInterviews, CategoryStatus.NeedsAttention);
        AssertStatus(diagnosis, DiagnosisCategory.Bravo, CategoryStatus.NotYet);
    }

    // 4. Find what you like

    private static readonly SeekerProfile s_unsureYoung = Settled with
    {
        Age = 24,
        PassionateAboutTarget = false,
        SearchStartDate = Today.AddMonths(-1),
        InterviewsSoFar = 2,
    };

    private static readonly MarketFacts s_middling = Healthy with { OffersPerTenJobSeekers = 4, TensionIndicator = 3 };

    [Fact]
    public void A_young_unpassionate_seeker_early_in_a_middling_market_should_find_what_they_like()
    {
        var diagnosis = Diagnose(s_unsureYoung, s_middling);
        Assert.Equal(DiagnosisCategory.FindWhatYouLike, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.FindWhatYouLike, "diagnosis.find-what-you-like.young"));
    }

    [Fact]
    public void At_25_with_experience_the_seeker_is_not_new_to_the_job()
    {
        AssertStatus(Diagnose(s_unsureYoung with { Age = 25 }, s_middling), DiagnosisCategory.FindWhatYouLike, CategoryStatus.Fine);
    }

    [Theory]
    [InlineData(1.9, CategoryStatus.MainChallenge)]
    [InlineData(2.0, CategoryStatus.Fine)]
    public void A_junior_is_under_two_years_in_the_job(double years, CategoryStatus expected)
    {
        AssertStatus(Diagnose(s_unsureYoung with { Age = 30, YearsOfExperienceInTarget = years }, s_middling), DiagnosisCategory.FindWhatYouLike, expected);
    }

    [Fact]
    public void Reorienting_from_another_family_counts_as_new_to_the_job()
    {
        var reorienting = s_unsureYoung with { Age = 40, PastJobs = [new PastJob("comptable", RomeCode: "M1203", Years: 10)] };
        Assert.True(HasReason(Diagnose(reorienting, s_middling), DiagnosisCategory.FindWhatYouLike, "diagnosis.find-what-you-like.reorienting"));
    }

    [Theory]
    [InlineData(1, CategoryStatus.MainChallenge)]
    [InlineData(2, CategoryStatus.Fine)]
    public void Only_searches_under_two_months_are_concerned(int months, CategoryStatus expected)
    {
        AssertStatus(Diagnose(s_unsureYoung with { SearchStartDate = Today.AddMonths(-months) }, s_middling), DiagnosisCategory.FindWhatYouLike, expected);
    }

    [Theory]
    [InlineData(4.9, 3, CategoryStatus.MainChallenge)]
    [InlineData(5.0, 3, CategoryStatus.Fine)]
    [InlineData(6.0, 2, CategoryStatus.MainChallenge)]
    public void The_market_is_not_easy_under_five_offers_per_ten_or_at_tension_two(double perTen, int tension, CategoryStatus expected)
    {
        AssertStatus(Diagnose(s_unsureYoung, Healthy with { OffersPerTenJobSeekers = perTen, TensionIndicator = tension }), DiagnosisCategory.FindWhatYouLike, expected);
    }

    [Fact]
    public void A_passionate_seeker_is_fine_and_an_unanswered_passion_is_asked()
    {
        AssertStatus(Diagnose(s_unsureYoung with { PassionateAboutTarget = true }, s_middling), DiagnosisCategory.FindWhatYouLike, CategoryStatus.Fine);

        var unknown = Diagnose(s_unsureYoung with { PassionateAboutTarget = null }, s_middling);
        AssertStatus(unknown, DiagnosisCategory.FindWhatYouLike, CategoryStatus.NotEnoughData);
        Assert.Contains(unknown.MissingAnswers, q => q.Field == ProfileFields.PassionateAboutTarget);
    }

    // 5. Missing diploma

    private static readonly MarketFacts s_needsBac2 = Healthy with { RequiredDiploma = DiplomaLevel.Bac2, Regulated = false };

    /// <summary>Has the bac, one year in the job, no answer on the diploma: the ROME level decides.</summary>
    private static readonly SeekerProfile s_newcomer = Settled with { YearsOfExperienceInTarget = 1, DiplomaRequiredForTarget = null };

    private static readonly MarketFacts s_careAssistant = Healthy with
    {
        Regulated = true,
        LegalRequirements = ["Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer."],
        LegalRequirementByVae = true,
    };

    [Fact]
    public void Lacking_the_usual_diploma_is_the_main_challenge()
    {
        var diagnosis = Diagnose(s_newcomer, s_needsBac2);
        Assert.Equal(DiagnosisCategory.MissingDiploma, diagnosis.MainChallenge);
        var reason = diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0];
        Assert.Equal("diagnosis.missing-diploma.holds", reason.Key);
        AssertStatus(Diagnose(s_newcomer with { HighestDiploma = DiplomaLevel.Bac2 }, s_needsBac2), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);
    }

    [Theory]
    [InlineData(1.9, CategoryStatus.MainChallenge)]
    [InlineData(2.0, CategoryStatus.Fine)]
    public void From_two_years_in_a_job_the_law_does_not_regulate_experience_weighs_over_the_diploma(double years, CategoryStatus expected)
    {
        AssertStatus(Diagnose(s_newcomer with { Age = 30, YearsOfExperienceInTarget = years }, s_needsBac2), DiagnosisCategory.MissingDiploma, expected);
    }

    [Theory]
    [InlineData(55, 12)]
    [InlineData(30, 3)]
    public void Experience_never_waives_what_the_law_requires(int age, double years)
    {
        // A carer practising without the state diploma: no age, no experience makes up for it.
        var diagnosis = Diagnose(Settled with { Age = age, YearsOfExperienceInTarget = years, DiplomaRequiredForTarget = true }, s_careAssistant);
        Assert.Equal(DiagnosisCategory.MissingDiploma, diagnosis.MainChallenge);
        var reason = Assert.Single(diagnosis[DiagnosisCategory.MissingDiploma].Reasons);
        Assert.Equal("diagnosis.missing-diploma.regulated-holds", reason.Key);
    }

    [Fact]
    public void A_regulated_job_practised_for_a_year_is_taken_as_held_and_said_so_without_a_question()
    {
        var diagnosis = Diagnose(Settled with { YearsOfExperienceInTarget = 2, DiplomaRequiredForTarget = null }, s_careAssistant);
        AssertStatus(diagnosis, DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);
        Assert.Equal("diagnosis.missing-diploma.regulated-practised", diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0].Key);
        Assert.Empty(diagnosis.MissingAnswers);
    }

    [Fact]
    public void A_newcomer_to_a_regulated_job_is_asked_whether_they_lack_what_it_requires_named_from_rome()
    {
        var diagnosis = Diagnose(Settled with { YearsOfExperienceInTarget = 0, DiplomaRequiredForTarget = null }, s_careAssistant);
        AssertStatus(diagnosis, DiagnosisCategory.MissingDiploma, CategoryStatus.NotEnoughData);
        var question = Assert.Single(diagnosis.MissingAnswers);
        Assert.Equal(ProfileFields.DiplomaRequiredForTarget, question.Field);
        Assert.Equal("question.diplomaRequiredForTarget.regulated", question.Question.Key);
        var rendered = diagnosis.Localize(CoachTexts.French).Questions[0].Question;
        Assert.Contains("Diplôme d'Etat d'Aide-Soignant", rendered);
        Assert.EndsWith("?", rendered);
    }

    [Fact]
    public void A_newcomer_with_no_diploma_at_all_lacks_the_diploma_a_regulated_job_requires_and_is_not_asked()
    {
        // An aide-soignante of Bourg-en-Bresse who answered "Aucun diplôme" was asked whether she lacked the DEAS, and read
        // "Le diplôme : il nous manque des réponses".
        var none = Settled with { YearsOfExperienceInTarget = 0, HighestDiploma = DiplomaLevel.None, DiplomaRequiredForTarget = null };
        var diagnosis = Diagnose(none, s_careAssistant);
        AssertStatus(diagnosis, DiagnosisCategory.MissingDiploma, CategoryStatus.MainChallenge);
        Assert.Equal("diagnosis.missing-diploma.regulated-no-diploma", diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0].Key);
        Assert.DoesNotContain(diagnosis.MissingAnswers, q => q.Field == ProfileFields.DiplomaRequiredForTarget);
        Assert.Contains("Diplôme d'Etat d'Aide-Soignant", diagnosis.Localize(CoachTexts.French).Categories.Single(c => c.Id == DiagnosisCategory.MissingDiploma.Id()).Reasons[0]);

        // A licence or a card is no diploma: having none says nothing of it.
        AssertStatus(Diagnose(none, s_careAssistant with { LegalRequirementByVae = false }), DiagnosisCategory.MissingDiploma, CategoryStatus.NotEnoughData);
        // Years in the job ("faisant fonction") do not deliver the diploma the law asks: with none at all, still lacking, not "deduced".
        var practised = Diagnose(none with { YearsOfExperienceInTarget = 2 }, s_careAssistant);
        Assert.Equal("diagnosis.missing-diploma.regulated-no-diploma", practised[DiagnosisCategory.MissingDiploma].Reasons[0].Key);
    }

    [Fact]
    public void The_seekers_own_answer_that_a_diploma_is_missing_is_never_ignored()
    {
        // The ROME level (CAP) says the bac is enough; the seeker knows their bac is in another field.
        var diagnosis = Diagnose(s_newcomer with { YearsOfExperienceInTarget = 0, DiplomaRequiredForTarget = true }, Healthy with { Regulated = null });
        AssertStatus(diagnosis, DiagnosisCategory.MissingDiploma, CategoryStatus.MainChallenge);
        Assert.Equal("diagnosis.missing-diploma.seeker-says-yes", diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0].Key);
    }

    [Fact]
    public void Company_creators_do_not_need_the_diploma_and_are_never_asked_about_it_for_the_diploma()
    {
        AssertStatus(Diagnose(s_newcomer with { WantsToCreateCompany = true }, s_needsBac2), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);

        var unknown = Diagnose(s_newcomer with { WantsToCreateCompany = null }, s_needsBac2);
        AssertStatus(unknown, DiagnosisCategory.MissingDiploma, CategoryStatus.MainChallenge);
        Assert.DoesNotContain(unknown.MissingAnswers, q => q.Field == ProfileFields.WantsToCreateCompany);
    }

    [Fact]
    public void Without_market_diploma_data_the_seekers_answer_decides()
    {
        var noData = Healthy with { DiplomaUsuallyRequired = null, RequiredDiploma = null };
        AssertStatus(Diagnose(s_newcomer with { DiplomaRequiredForTarget = true }, noData), DiagnosisCategory.MissingDiploma, CategoryStatus.MainChallenge);
        AssertStatus(Diagnose(s_newcomer with { DiplomaRequiredForTarget = false }, noData), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);
        var unknown = Diagnose(s_newcomer with { DiplomaRequiredForTarget = null }, noData);
        Assert.Equal(ProfileFields.DiplomaRequiredForTarget, Assert.Single(unknown.MissingAnswers).Field);
    }

    // 6. Start your search

    [Fact]
    public void A_search_not_started_is_the_main_challenge()
    {
        var diagnosis = Diagnose(Settled with { SearchStarted = false, SearchStartDate = null });
        Assert.Equal(DiagnosisCategory.StartYourSearch, diagnosis.MainChallenge);
        AssertStatus(diagnosis, DiagnosisCategory.EnhanceInterviews, CategoryStatus.Fine);
    }

    [Fact]
    public void An_unanswered_search_start_is_asked_before_later_questions()
    {
        var diagnosis = Diagnose(Settled with { SearchStarted = null, SearchStartDate = null });
        AssertStatus(diagnosis, DiagnosisCategory.StartYourSearch, CategoryStatus.NotEnoughData);
        var question = diagnosis.MissingAnswers[0];
        Assert.Equal(ProfileFields.SearchStarted, question.Field);
        Assert.Equal([DiagnosisCategory.StartYourSearch, DiagnosisCategory.EnhanceInterviews], question.Categories);
        // An experienced seeker is not new to the job: find-what-you-like is decided without the answer.
        AssertStatus(diagnosis, DiagnosisCategory.FindWhatYouLike, CategoryStatus.Fine);
    }

    // 7. Enhance interviews

    [Theory]
    [InlineData(4, CategoryStatus.MainChallenge)]
    [InlineData(5, CategoryStatus.Fine)]
    public void At_most_one_interview_per_month_of_search_needs_better_methods(int interviews, CategoryStatus expected)
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = interviews });
        AssertStatus(diagnosis, DiagnosisCategory.EnhanceInterviews, expected);
    }

    [Fact]
    public void Months_of_search_are_whole_calendar_months()
    {
        var started = Settled with { SearchStartDate = new DateOnly(2026, 7, 24), InterviewsSoFar = 3 };
        // 24 July to 23 November is 3 whole months: 3 interviews are at most one a month.
        AssertStatus(Diagnose(started), DiagnosisCategory.EnhanceInterviews, CategoryStatus.MainChallenge);
        AssertStatus(Diagnose(started with { SearchStartDate = new DateOnly(2026, 7, 23) }), DiagnosisCategory.EnhanceInterviews, CategoryStatus.MainChallenge);
        AssertStatus(Diagnose(started with { InterviewsSoFar = 4 }), DiagnosisCategory.EnhanceInterviews, CategoryStatus.Fine);
    }

    [Fact]
    public void Less_than_a_month_of_search_is_too_early_to_judge()
    {
        var diagnosis = Diagnose(Settled with { SearchStartDate = Today.AddDays(-20), InterviewsSoFar = 0 });
        AssertStatus(diagnosis, DiagnosisCategory.EnhanceInterviews, CategoryStatus.Fine);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.EnhanceInterviews, "diagnosis.enhance-interviews.too-early"));
    }

    [Fact]
    public void Unknown_interviews_and_start_date_are_asked_not_guessed()
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = null, SearchStartDate = null });
        AssertStatus(diagnosis, DiagnosisCategory.EnhanceInterviews, CategoryStatus.NotEnoughData);
        Assert.Equal([ProfileFields.SearchStartDate, ProfileFields.InterviewsSoFar], diagnosis.MissingAnswers.Select(q => q.Field));
    }

    [Fact]
    public void Questions_behind_the_main_challenge_only_change_their_category()
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = null }, Healthy with { OffersPerTenJobSeekers = 1 });
        Assert.Equal(DiagnosisCategory.StuckMarket, diagnosis.MainChallenge);
        Assert.Equal(AnswerImpact.ChangesCategory, Assert.Single(diagnosis.MissingAnswers).Impact);
    }

    [Theory]
    [InlineData(3, 3, "diagnosis.enhance-interviews.one-a-month", "3 entretiens en 3 mois de recherche, soit un par mois : pas davantage.")]
    [InlineData(1, 14, "diagnosis.enhance-interviews.holds", "1 entretien en 14 mois de recherche, soit 0,1 par mois : moins d'un par mois.")]
    [InlineData(0, 6, "diagnosis.enhance-interviews.none", "Aucun entretien en 6 mois de recherche.")]
    [InlineData(6, 4, "diagnosis.enhance-interviews.fine", "6 entretiens en 4 mois de recherche, soit 1,5 par mois : vos candidatures retiennent l'attention.")]
    public void The_interview_sentence_is_true_for_the_rate_it_cites(int interviews, int months, string key, string french)
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = interviews, SearchStartDate = Today.AddMonths(-months) });
        var reason = Assert.Single(diagnosis[DiagnosisCategory.EnhanceInterviews].Reasons);
        Assert.Equal(key, reason.Key);
        Assert.Equal(french, CoachTexts.Get(reason, CoachTexts.French));
    }

    [Fact]
    public void Titles_agree_with_statuses()
    {
        var diagnosis = Diagnose(Settled with { InterviewsSoFar = 2 }, Healthy with { OffersPerTenJobSeekers = 28 });
        var fr = diagnosis.Localize(CoachTexts.French);
        // A fine market is "Le marché local", never "Un marché local difficile".
        Assert.Equal(("fine", "Le marché local"), (fr.Categories[2].Status, fr.Categories[2].Title));
        Assert.Equal(("main-challenge", "Décrocher plus d'entretiens"), (fr.Categories[6].Status, fr.Categories[6].Title));
        // Bravo does not hold: "not yet" on the right track, not "fine".
        Assert.Equal(("not-yet", "Pas encore"), (fr.Categories[7].Status, fr.Categories[7].StatusLabel));
        Assert.All(diagnosis.Categories.SkipLast(1), c => Assert.Equal(
            c.Status is CategoryStatus.MainChallenge or CategoryStatus.NeedsAttention ? $"category.{c.Id.Id()}.title" : $"category.{c.Id.Id()}.subject",
            c.Title.Key));
    }

    [Fact]
    public void A_seeker_with_no_skill_and_no_experience_is_asked_for_skills_not_told_they_lack_them_all()
    {
        var beginner = Settled with { Skills = [], PastJobs = [], YearsOfExperienceInTarget = 0 };
        var diagnosis = Diagnose(beginner, Healthy with { SeekerSkillCount = 0, SkillsGapShare = null });
        AssertStatus(diagnosis, DiagnosisCategory.SkillsGap, CategoryStatus.NotEnoughData);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.SkillsGap, "diagnosis.skills-gap.no-skills"));
        Assert.Contains(diagnosis.MissingAnswers, q => q.Field == ProfileFields.Skills);
    }

    [Fact]
    public void Skills_from_experience_count_and_are_said_to()
    {
        var diagnosis = Diagnose(Settled with { Skills = [] }, Healthy with { SeekerSkillCount = 24, SkillsGapShare = 0, ExperienceJobs = ["aide-soignante en EHPAD"] });
        AssertStatus(diagnosis, DiagnosisCategory.SkillsGap, CategoryStatus.Fine);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.SkillsGap, "diagnosis.skills-gap.fine-all"));
        Assert.True(HasReason(diagnosis, DiagnosisCategory.SkillsGap, "diagnosis.skills-gap.from-experience"));
    }

    [Fact]
    public void Without_local_offers_the_gap_is_said_to_be_measured_on_the_jobs_essential_skills()
    {
        var diagnosis = Diagnose(market: Healthy with { SkillsGapShare = 0.7, SkillsGapBasis = SkillsGapBasis.JobReference });
        Assert.Equal(DiagnosisCategory.SkillsGap, diagnosis.MainChallenge);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.SkillsGap, "diagnosis.skills-gap.holds-reference"));
    }

    [Theory]
    [InlineData(MarketScope.Departement, "diagnosis.market.figure.departement")]
    [InlineData(MarketScope.Region, "diagnosis.market.figure.region")]
    [InlineData(MarketScope.Country, "diagnosis.market.figure.country")]
    public void A_figure_from_a_wider_scope_says_so(MarketScope scope, string key)
    {
        var diagnosis = Diagnose(market: Healthy with { OffersPerTenScope = scope, OffersPerTenScopeName = "Creuse", TensionIndicator = 5 });
        var reasons = diagnosis[DiagnosisCategory.StuckMarket].Reasons;
        Assert.Equal(key, reasons[0].Key);
        // The DARES indicator is the area's: not shown beside another scope's figure.
        Assert.DoesNotContain(reasons, r => r.Key == "diagnosis.market.tension");
    }

    [Theory]
    [InlineData(MarketScope.Region, 9, CategoryStatus.MainChallenge)]
    [InlineData(MarketScope.Region, 10, CategoryStatus.Fine)]
    [InlineData(MarketScope.Area, 2, CategoryStatus.Fine)]
    public void A_wide_scopes_good_figure_gives_way_to_few_offers_within_the_radius(MarketScope scope, int nearby, CategoryStatus expected)
    {
        // Aurillac: the région's ratio is Lyon's as much as hers; two offers within 30 km tell her market.
        var market = Healthy with { OffersPerTenJobSeekers = 10.7, OffersPerTenScope = scope, Offers2021WithinRadius = nearby, RadiusKm = 30 };
        var diagnosis = Diagnose(market: market);
        AssertStatus(diagnosis, DiagnosisCategory.StuckMarket, expected);
        Assert.Equal(expected == CategoryStatus.MainChallenge, HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.stuck-market.thin"));
    }

    [Fact]
    public void No_offer_within_the_radius_in_2021_is_a_stuck_market_when_no_ratio_is_known()
    {
        var market = Healthy with { OffersPerTenJobSeekers = null, TensionIndicator = null, LiveOffers = 0, LiveProfiles = 0, Offers2021WithinRadius = 0, RadiusKm = 30 };
        AssertStatus(Diagnose(market: market), DiagnosisCategory.StuckMarket, CategoryStatus.MainChallenge);
        AssertStatus(Diagnose(market: market with { Offers2021WithinRadius = 12 }), DiagnosisCategory.StuckMarket, CategoryStatus.NotEnoughData);
    }

    [Fact]
    public void Market_data_it_lacks_never_stands_between_an_answered_seeker_and_a_conclusion()
    {
        var diagnosis = Diagnose(Settled, MarketFacts.Unknown with { SeekerSkillCount = 12 });
        Assert.Equal(DiagnosisCategory.Bravo, diagnosis.MainChallenge);
        Assert.False(diagnosis.Provisional);
        Assert.Empty(diagnosis.MissingAnswers);
        Assert.True(HasReason(diagnosis, DiagnosisCategory.Bravo, "diagnosis.bravo.without-market-data"));
    }

    private static readonly string[] s_fields = [.. typeof(ProfileFields).GetFields().Select(f => (string)f.GetValue(null)!)];

    public static TheoryData<string> Fields => [.. s_fields];

    /// <summary>
    /// A rule never needs an answer it does not ask for: take away any one answer, and every category left
    /// undecided says why (a question, or market data we lack), every question names undecided categories only,
    /// and the main challenge is there whenever the seeker gave a job and a place.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fields))]
    public void Taking_away_any_answer_leaves_every_undecided_category_asking_for_it(string field)
    {
        foreach (var (profile, market) in new[] { (Settled, Healthy), (YoungBeginner, Personas.Tough), (s_newcomer, s_needsBac2), (Settled with { DiplomaRequiredForTarget = null, YearsOfExperienceInTarget = 0 }, s_careAssistant) })
        {
            var without = Without(profile, field);
            var diagnosis = Diagnose(without, market);
            var asked = diagnosis.MissingAnswers.ToDictionary(q => q.Field, q => q.Categories);
            foreach (var category in diagnosis.Categories.SkipLast(1).Where(c => c.Status == CategoryStatus.NotEnoughData))
            {
                var waits = asked.Where(q => q.Value.Contains(category.Id)).Select(q => q.Key).ToList();
                Assert.True(waits.Count > 0 || category.Reasons.Any(r => r.Key.StartsWith("diagnosis.no-market-data", StringComparison.Ordinal) || r.Key == "diagnosis.needs-target"),
                    $"{field}: {category.Id} is undecided and asks nothing");
            }
            Assert.All(diagnosis.MissingAnswers, q => Assert.All(q.Categories, c => AssertStatus(diagnosis, c, CategoryStatus.NotEnoughData)));
            if (without.TargetJobs is { Count: > 0 } && (without.Commune ?? without.Postcode) is not null)
            {
                Assert.NotNull(diagnosis.MainChallenge);
            }
            Assert.All(diagnosis.MissingAnswers, q => Assert.Contains(q.Field, s_fields));
        }
    }

    private static SeekerProfile Without(SeekerProfile p, string field) => field switch
    {
        ProfileFields.TargetJobs => p with { TargetJobs = null },
        ProfileFields.ProjectClear => p with { ProjectClear = null },
        ProfileFields.Commune => p with { Commune = null },
        ProfileFields.Postcode => p with { Postcode = null },
        ProfileFields.RadiusKm => p with { RadiusKm = null },
        ProfileFields.Mobility => p with { Mobility = null },
        ProfileFields.YearsOfExperienceInTarget => p with { YearsOfExperienceInTarget = null },
        ProfileFields.Age => p with { Age = null },
        ProfileFields.BirthYear => p with { BirthYear = null },
        ProfileFields.HighestDiploma => p with { HighestDiploma = null },
        ProfileFields.DiplomaRequiredForTarget => p with { DiplomaRequiredForTarget = null },
        ProfileFields.SearchStarted => p with { SearchStarted = null, SearchStartDate = null },
        ProfileFields.SearchStartDate => p with { SearchStartDate = null },
        ProfileFields.ApplicationsSoFar => p with { ApplicationsSoFar = null },
        ProfileFields.InterviewsSoFar => p with { InterviewsSoFar = null },
        ProfileFields.ApplicationsPerWeek => p with { ApplicationsPerWeek = null },
        ProfileFields.OffersReceived => p with { OffersReceived = null },
        ProfileFields.ContractWishes => p with { ContractWishes = null },
        ProfileFields.Frustrations => p with { Frustrations = null },
        ProfileFields.PassionateAboutTarget => p with { PassionateAboutTarget = null },
        ProfileFields.NetworkStrength => p with { NetworkStrength = null },
        ProfileFields.WantsToCreateCompany => p with { WantsToCreateCompany = null },
        ProfileFields.HasDrivingLicence => p with { HasDrivingLicence = null },
        ProfileFields.Skills => p with { Skills = null },
        ProfileFields.DeclinedSkills => p with { DeclinedSkills = null },
        ProfileFields.PastJobs => p with { PastJobs = null },
        _ => p,
    };

    [Fact]
    public void Diagnosis_is_deterministic()
    {
        var a = Diagnose(YoungBeginner, Personas.Tough);
        var b = Diagnose(YoungBeginner, Personas.Tough);
        Assert.Equal(a.MainChallenge, b.MainChallenge);
        Assert.Equal(a.Categories.Select(c => (c.Status, string.Join("|", c.Reasons))), b.Categories.Select(c => (c.Status, string.Join("|", c.Reasons))));
    }
    [Fact]
    public void A_job_practised_that_is_also_the_target_is_named_once_among_the_skills_from_experience()
    {
        // "Nous comptons les compétences de base de votre expérience : développeur informatique, développeur informatique".
        var diagnosis = Diagnose(Settled with { Skills = [] }, Healthy with { SeekerSkillCount = 24, SkillsGapShare = 0, ExperienceJobs = ["développeur informatique", "Développeur informatique"] });
        var reason = diagnosis[DiagnosisCategory.SkillsGap].Reasons.Single(r => r.Key == "diagnosis.skills-gap.from-experience");
        Assert.Equal("Nous comptons les compétences de base de votre expérience : développeur informatique (décochez celles que vous n'avez pas dans « Modifier mes réponses »).", CoachTexts.Get(reason, CoachTexts.French));
    }

    [Fact]
    public void A_clear_project_of_two_linked_jobs_names_both()
    {
        // An aide-soignante who also asks auxiliaire de vie (one project): "Votre projet est clair : aide-soignante." left one out.
        var both = Settled with { TargetJobs = [new TargetJob("aide-soignante", null, "J1501"), new TargetJob("auxiliaire de vie", null, "K1302"), new TargetJob("Aide-soignante", null, "J1501")] };
        var reason = Diagnose(both, Healthy with { TargetsSpanUnrelatedFamilies = false })[DiagnosisCategory.UndefinedProject].Reasons.Single();
        Assert.Equal("Votre projet est clair : aide-soignante, auxiliaire de vie.", CoachTexts.Get(reason, CoachTexts.French));
        Assert.Equal("Your project is clear: aide-soignante, auxiliaire de vie.", CoachTexts.Get(reason, CoachTexts.English));
    }

    [Fact]
    public void Most_essential_skills_held_is_not_said_the_essential_of_the_essential_skills()
    {
        var diagnosis = Diagnose(market: Healthy with { SkillsGapShare = 0.22, SkillsGapBasis = SkillsGapBasis.JobReference });
        var reason = diagnosis[DiagnosisCategory.SkillsGap].Reasons.Single(r => r.Key == "diagnosis.skills-gap.fine-reference");
        Assert.Equal("Vous avez la plupart des compétences essentielles du métier « aide-soignante » : il ne vous en manque que 22 %.", CoachTexts.Get(reason, CoachTexts.French).Replace('\u00a0', ' ').Replace('\u202f', ' '));
    }

    [Fact]
    public void Thousands_of_offers_are_grouped_as_the_language_writes_them()
    {
        // "France Travail publiait 3357 offres": French writes 3 357, English 3,357.
        var diagnosis = Diagnose(market: Healthy with { Offers2021WithinRadius = 3357 });
        var reason = diagnosis[DiagnosisCategory.StuckMarket].Reasons.Single(r => r.Key == "diagnosis.market.offers-2021");
        // The group separator as the culture data gives it (a narrow no-break space on recent ICU, a no-break space on older).
        Assert.Contains(3357.ToString("N0", CoachTexts.French) + " offres", CoachTexts.Get(reason, CoachTexts.French), StringComparison.Ordinal);
        Assert.DoesNotContain("3357", CoachTexts.Get(reason, CoachTexts.French), StringComparison.Ordinal);
        Assert.Contains("3,357 offers", CoachTexts.Get(reason, CoachTexts.English), StringComparison.Ordinal);
    }
    [Fact]
    public void With_nothing_holding_the_seeker_back_bravo_is_not_labelled_a_priority()
    {
        // An adviser read "Priorité — Vous êtes sur la bonne voie": a status for what to work on, put on the encouragement.
        var diagnosis = Diagnose();
        Assert.Equal(DiagnosisCategory.Bravo, diagnosis.MainChallenge);
        Assert.Equal("Bravo", diagnosis.Localize(CoachTexts.French).Categories.Single(c => c.Id == "bravo").StatusLabel);
        Assert.Equal("Well done", diagnosis.Localize(CoachTexts.English).Categories.Single(c => c.Id == "bravo").StatusLabel);
        // Another main challenge keeps its "Priorité".
        var stuck = Diagnose(market: Healthy with { OffersPerTenJobSeekers = 2 }).Localize(CoachTexts.French);
        Assert.Equal("Priorité", stuck.Categories.Single(c => c.Status == "main-challenge").StatusLabel);
    }
}
