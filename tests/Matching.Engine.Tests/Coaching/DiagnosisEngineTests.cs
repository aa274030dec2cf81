using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
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
    public void Bravo_is_not_concluded_when_a_category_lacks_an_answer()
    {
        var early = Settled with { PassionateAboutTarget = null, YearsOfExperienceInTarget = 1, SearchStartDate = Today.AddMonths(-1), InterviewsSoFar = 2 };
        var diagnosis = Diagnose(early, Healthy with { OffersPerTenJobSeekers = 4 });
        Assert.Null(diagnosis.MainChallenge);
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
        Assert.Equal(TextRefOf("diagnosis.find-what-you-like.high-tension", 4), (reason.Key, string.Join("|", reason.Args)));
    }

    private static (string, string) TextRefOf(string key, params object[] args) => (key, string.Join("|", args));

    [Fact]
    public void Unanswered_target_jobs_and_project_clarity_become_questions_first()
    {
        var diagnosis = Diagnose(Settled with { TargetJobs = null });
        AssertStatus(diagnosis, DiagnosisCategory.UndefinedProject, CategoryStatus.NotEnoughData);
        Assert.Null(diagnosis.MainChallenge);
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
        Assert.Equal(perTen, figure.Args[0]);
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
        Assert.True(HasReason(diagnosis, DiagnosisCategory.StuckMarket, "diagnosis.market.live-only"));
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
        AssertStatus(diagnosis, DiagnosisCategory.Bravo, CategoryStatus.Fine);
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

    private static readonly MarketFacts s_needsBac2 = Healthy with { RequiredDiploma = DiplomaLevel.Bac2 };

    [Fact]
    public void Lacking_the_usual_diploma_is_the_main_challenge()
    {
        var diagnosis = Diagnose(Settled, s_needsBac2);
        Assert.Equal(DiagnosisCategory.MissingDiploma, diagnosis.MainChallenge);
        var reason = diagnosis[DiagnosisCategory.MissingDiploma].Reasons[0];
        Assert.Equal("diagnosis.missing-diploma.holds", reason.Key);
        AssertStatus(Diagnose(Settled with { HighestDiploma = DiplomaLevel.Bac2 }, s_needsBac2), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);
    }

    [Theory]
    [InlineData(49, 12, CategoryStatus.MainChallenge)]
    [InlineData(50, 12, CategoryStatus.Fine)]
    [InlineData(50, 10, CategoryStatus.Fine)]
    [InlineData(50, 9, CategoryStatus.MainChallenge)]
    public void From_fifty_with_ten_years_in_the_job_experience_replaces_the_diploma(int age, double years, CategoryStatus expected)
    {
        AssertStatus(Diagnose(Settled with { Age = age, YearsOfExperienceInTarget = years }, s_needsBac2), DiagnosisCategory.MissingDiploma, expected);
    }

    [Fact]
    public void Company_creators_do_not_need_the_diploma_and_unknown_intent_is_asked()
    {
        AssertStatus(Diagnose(Settled with { WantsToCreateCompany = true }, s_needsBac2), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);

        var unknown = Diagnose(Settled with { WantsToCreateCompany = null }, s_needsBac2);
        AssertStatus(unknown, DiagnosisCategory.MissingDiploma, CategoryStatus.NotEnoughData);
        Assert.Equal(ProfileFields.WantsToCreateCompany, Assert.Single(unknown.MissingAnswers).Field);
    }

    [Fact]
    public void Without_market_diploma_data_the_seekers_answer_decides()
    {
        var noData = Healthy with { DiplomaUsuallyRequired = null, RequiredDiploma = null };
        AssertStatus(Diagnose(Settled with { DiplomaRequiredForTarget = true }, noData), DiagnosisCategory.MissingDiploma, CategoryStatus.MainChallenge);
        AssertStatus(Diagnose(Settled with { DiplomaRequiredForTarget = false }, noData), DiagnosisCategory.MissingDiploma, CategoryStatus.Fine);
        var unknown = Diagnose(Settled with { DiplomaRequiredForTarget = null }, noData);
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

    [Fact]
    public void Diagnosis_is_deterministic()
    {
        var a = Diagnose(YoungBeginner, Personas.Tough);
        var b = Diagnose(YoungBeginner, Personas.Tough);
        Assert.Equal(a.MainChallenge, b.MainChallenge);
        Assert.Equal(a.Categories.Select(c => (c.Status, string.Join("|", c.Reasons))), b.Categories.Select(c => (c.Status, string.Join("|", c.Reasons))));
    }
}
