using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class AdviceEngineTests
{
    private static IReadOnlyList<ScoredAdvice> Advise(SeekerProfile profile, MarketFacts market) =>
        AdviceEngine.Advise(profile, market, DiagnosisEngine.Diagnose(profile, market, Today), Today);

    /// <summary>The module's score, 0 when it stays silent.</summary>
    private static int Score(string module, SeekerProfile? profile = null, MarketFacts? market = null) =>
        Advise(profile ?? Settled, market ?? Healthy).SingleOrDefault(a => a.ModuleId == module)?.Score ?? 0;

    private static ScoredAdvice Get(string module, SeekerProfile profile, MarketFacts market) =>
        Advise(profile, market).Single(a => a.ModuleId == module);

    [Fact]
    public void There_are_at_least_twenty_modules_with_unique_ids()
    {
        Assert.True(AdviceEngine.Modules.Count >= 20);
        Assert.Equal(AdviceEngine.Modules.Count, AdviceEngine.Modules.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Advice_comes_highest_score_first_with_steps_and_never_scores_zero()
    {
        var advice = Advise(YoungBeginner, Personas.Tough);
        Assert.True(advice.Count >= 10);
        Assert.All(advice, a => Assert.InRange(a.Score, 1, 3));
        Assert.All(advice, a => Assert.NotEmpty(a.Steps));
        Assert.Equal(advice.OrderByDescending(a => a.Score).Select(a => a.Score), advice.Select(a => a.Score));
    }

    [Fact]
    public void A_settled_seeker_gets_little_advice()
    {
        Assert.Equal(["network", "follow-up"], Advise(Settled, Healthy).Select(a => a.ModuleId));
    }

    [Theory]
    [InlineData(ApplicationChannel.SpontaneousVisit, 3)]
    [InlineData(ApplicationChannel.SpontaneousCvAndLetter, 3)]
    [InlineData(ApplicationChannel.Unknown, 1)]
    [InlineData(ApplicationChannel.Other, 0)]
    public void Spontaneous_application_follows_the_main_hiring_channel(ApplicationChannel channel, int expected)
    {
        Assert.Equal(expected, Score("spontaneous-application", market: Healthy with { MainApplicationChannel = channel }));
    }

    [Fact]
    public void Application_channels_map_from_the_csv_contact_modes()
    {
        Assert.Equal(ApplicationChannel.SpontaneousVisit, ApplicationChannels.FromContactMode("Se présenter spontanément"));
        Assert.Equal(ApplicationChannel.SpontaneousCvAndLetter, ApplicationChannels.FromContactMode("Envoyer un CV et une lettre de motivation"));
        Assert.Equal(ApplicationChannel.Unknown, ApplicationChannels.FromContactMode(""));
        Assert.Equal(ApplicationChannel.Other, ApplicationChannels.FromContactMode("Postuler en ligne"));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(null, 0)]
    public void Network_scores_by_network_strength(int? strength, int expected)
    {
        Assert.Equal(expected, Score("network", Settled with { NetworkStrength = strength }));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 2)]
    [InlineData(2, 0)]
    [InlineData(null, 0)]
    public void Events_build_a_missing_network(int? strength, int expected)
    {
        Assert.Equal(expected, Score("events", Settled with { NetworkStrength = strength }));
    }

    [Fact]
    public void Refresh_cv_before_a_search_in_a_new_one_or_with_few_applications()
    {
        Assert.Equal(3, Score("refresh-cv", Settled with { SearchStarted = false, SearchStartDate = null }));
        Assert.Equal(2, Score("refresh-cv", Settled with { SearchStartDate = Today.AddDays(-10), InterviewsSoFar = 0 }));
        Assert.Equal(2, Score("refresh-cv", Settled with { ApplicationsSoFar = 4, InterviewsSoFar = 0 }));
        // Four applications, two interviews: the CV works.
        Assert.Equal(0, Score("refresh-cv", Settled with { ApplicationsSoFar = 4, InterviewsSoFar = 2 }));
        Assert.Equal(0, Score("refresh-cv", Settled with { ApplicationsSoFar = 5 }));
        Assert.Equal(0, Score("refresh-cv", Settled with { SearchStarted = null, SearchStartDate = null }));
    }

    [Theory]
    [InlineData(20, 0, 3)]
    [InlineData(20, 1, 2)]
    [InlineData(20, 2, 0)]
    [InlineData(9, 0, 0)]
    public void Improve_cv_when_interviews_fall_short_of_one_per_ten_applications(int applications, int interviews, int expected)
    {
        Assert.Equal(expected, Score("improve-cv", Settled with { ApplicationsSoFar = applications, InterviewsSoFar = interviews }));
    }

    [Theory]
    [InlineData(5, 0, 3)]
    [InlineData(3, 0, 2)]
    [InlineData(2, 0, 0)]
    [InlineData(8, 1, 0)]
    public void Prepare_interviews_after_interviews_without_an_offer(int interviews, int offers, int expected)
    {
        Assert.Equal(expected, Score("prepare-interviews", Settled with { InterviewsSoFar = interviews, OffersReceived = offers }));
    }

    [Fact]
    public void Prepare_interviews_when_the_seeker_says_interviews_fail()
    {
        Assert.Equal(2, Score("prepare-interviews", Settled with { Frustrations = [Frustration.InterviewsFail] }));
        Assert.Equal(0, Score("prepare-interviews", Settled with { Frustrations = [Frustration.InterviewsFail], InterviewsSoFar = 0 }));
    }

    [Theory]
    [InlineData(15, 3)]
    [InlineData(14.9, 2)]
    [InlineData(10, 2)]
    [InlineData(9.9, 0)]
    public void Apply_less_better_when_applying_massively(double perWeek, int expected)
    {
        Assert.Equal(expected, Score("apply-less-better", Settled with { ApplicationsPerWeek = perWeek }));
    }

    [Theory]
    [InlineData(5, true, 3)]
    [InlineData(4, true, 0)]
    [InlineData(10, false, 1)]
    [InlineData(9, false, 0)]
    public void Follow_up_applications_left_unanswered(int applications, bool noAnswers, int expected)
    {
        var profile = Settled with { ApplicationsSoFar = applications, InterviewsSoFar = 0, Frustrations = noAnswers ? [Frustration.NoAnswers] : [] };
        Assert.Equal(expected, Score("follow-up", profile));
    }

    [Fact]
    public void Follow_up_says_only_what_is_known_of_the_answers()
    {
        var silent = Get("follow-up", Settled with { ApplicationsSoFar = 30, InterviewsSoFar = 0, Frustrations = [Frustration.NoAnswers] }, Healthy);
        Assert.Equal("advice.follow-up.reason.no-interview", silent.Reason.Key);
        // After an interview, "your 30 applications get no answer" would be false: the seeker's own word is quoted.
        var some = Get("follow-up", Settled with { ApplicationsSoFar = 30, InterviewsSoFar = 1, Frustrations = [Frustration.NoAnswers] }, Healthy);
        Assert.Equal("advice.follow-up.reason.no-answers", some.Reason.Key);
    }

    [Fact]
    public void Other_work_environments_when_only_permanent_contracts_are_wished()
    {
        Assert.Equal(2, Score("other-work-environments", Settled with { ContractWishes = [ContractType.Permanent] }));
        Assert.Equal(3, Score("other-work-environments", Settled with { ContractWishes = [ContractType.Permanent] }, Healthy with { OffersPerTenJobSeekers = 4.9 }));
        Assert.Equal(0, Score("other-work-environments", Settled with { ContractWishes = [ContractType.Permanent, ContractType.Temporary] }));
        Assert.Equal(0, Score("other-work-environments", Settled with { ContractWishes = [] }));
        // A work-study contract comes with a training: "accept temp work" would be beside the point.
        Assert.Equal(0, Score("other-work-environments", Settled with { ContractWishes = [ContractType.WorkStudy] }));
        Assert.Equal(0, Score("other-work-environments", Settled with { ContractWishes = [ContractType.Permanent, ContractType.WorkStudy] }));
        Assert.Equal(0, Score("other-work-environments", Settled with { ContractWishes = [ContractType.Permanent, ContractType.Seasonal] }));
    }

    [Theory]
    [InlineData(4.0, 3)]
    [InlineData(3.9, 2)]
    [InlineData(3.0, 2)]
    [InlineData(2.9, 0)]
    public void Better_job_in_the_same_family_from_one_and_a_half_times_the_market(double theirs, int expected)
    {
        var market = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("infirmier", "J1506", theirs, []) { CoreSkills = 10 }] };
        Assert.Equal(expected, Score("better-job-same-family", market: market));
    }

    [Fact]
    public void Better_job_in_the_same_family_ignores_other_families_and_names_the_job()
    {
        Assert.Equal(0, Score("better-job-same-family", market: Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("agent d'entretien", "K2204", 9, []) { CoreSkills = 10 }] }));
        var advice = Get("better-job-same-family", Settled, Personas.Tough);
        Assert.Equal("infirmier", advice.Reason.Args[0]);
    }

    [Theory]
    [InlineData(3.0, 35, 3)]
    [InlineData(2.9, 35, 2)]
    [InlineData(2.0, 50, 2)]
    [InlineData(1.9, 35, 0)]
    [InlineData(5.0, 51, 0)]
    [InlineData(5.0, 30, 0)] // within the seeker's 30 km: already searched
    public void Commute_beyond_the_radius_to_a_commune_with_many_more_offers_per_inhabitant(double ratio, double km, int expected)
    {
        var market = Healthy with { Offers2021WithinRadius = 6, BetterCommunes = [new BetterCommune("Villeurbanne", "69266", km, ratio)] };
        Assert.Equal(expected, Score("commute", market: market));
    }

    [Fact]
    public void Commute_only_where_offers_are_scarce_within_the_radius()
    {
        // Paris with hundreds of offers around: a commune with more offers per inhabitant is no reason to commute.
        var communes = new[] { new BetterCommune("Nanterre", "92050", 35, 4) };
        Assert.Equal(0, Score("commute", market: Healthy with { BetterCommunes = communes, Offers2021WithinRadius = 416 }));
        Assert.Equal(0, Score("commute", market: Healthy with { BetterCommunes = communes, Offers2021WithinRadius = null }));
        // An easy market on paper, but fewer than 10 offers of the job within the radius: worth the trip.
        Assert.Equal(3, Score("commute", market: Healthy with { BetterCommunes = communes, Offers2021WithinRadius = 9 }));
        Assert.Equal(0, Score("commute", market: Healthy with { BetterCommunes = communes, Offers2021WithinRadius = 10 }));
    }

    [Fact]
    public void Commute_names_the_communes_best_first()
    {
        var advice = Get("commute", Settled, Personas.Tough);
        var communes = advice.Steps.Where(s => s.Key == "advice.commute.commune").Select(s => s.Args[0]).ToList();
        Assert.Equal(["Villeurbanne", "Vénissieux"], communes);
    }

    [Fact]
    public void Relocate_only_for_seekers_mobile_nationwide_towards_a_much_better_area()
    {
        var national = Settled with { Mobility = Mobility.Country };
        var areas = new[] { new BetterArea("5301", "Rennes", 8.2) };
        Assert.Equal(3, Score("relocate", national, Healthy with { OffersPerTenJobSeekers = 2.9, LessTenseAreas = areas }));
        Assert.Equal(2, Score("relocate", national, Healthy with { OffersPerTenJobSeekers = 4.1, LessTenseAreas = areas }));
        Assert.Equal(0, Score("relocate", national, Healthy with { OffersPerTenJobSeekers = 4.2, LessTenseAreas = areas }));
        Assert.Equal(0, Score("relocate", Settled with { Mobility = Mobility.Region }, Healthy with { OffersPerTenJobSeekers = 2.9, LessTenseAreas = areas }));
    }

    [Theory]
    [InlineData(45, 13, 3)]
    [InlineData(45, 6, 2)]
    [InlineData(30, 5, 1)]
    [InlineData(46, 13, 3)]
    [InlineData(56, 13, 3)] // a 56-year-old in a closing sector needs it most
    public void Reorient_to_a_close_job_at_any_age_stronger_with_search_length(int age, int months, int expected)
    {
        var profile = Settled with { Age = age, SearchStartDate = Today.AddMonths(-months), InterviewsSoFar = 20 };
        var market = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("agent d'entretien", "K2204", 3, ["nettoyage"]) { CoreSkills = 10 }] };
        Assert.Equal(expected, Score("reorient-close-job", profile, market));
    }

    [Fact]
    public void Reorientation_only_towards_a_job_within_reach_of_the_seekers_skills_and_open_without_a_diploma()
    {
        // "Needs few new skills" must be true: half of the job's core skills held at least.
        var far = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("technicien", "I1305", 9, ["électronique", "alarmes", "câblage", "capteurs", "plans", "normes"]) { CoreSkills = 10 }] };
        Assert.Equal(0, Score("reorient-close-job", Settled, far));
        var regulated = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("infirmier", "K2204", 9, []) { CoreSkills = 10, Regulated = true }] };
        Assert.Equal(0, Score("reorient-close-job", Settled, regulated));
    }

    [Fact]
    public void From_45_reorientation_leans_on_the_experience_that_carries_over()
    {
        var market = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("agent d'entretien", "K2204", 3, ["nettoyage"]) { CoreSkills = 10 }] };
        Assert.Contains(Get("reorient-close-job", Settled with { Age = 56 }, market).Steps, s => s.Key == "advice.reorient-close-job.experienced");
        Assert.DoesNotContain(Get("reorient-close-job", Settled with { Age = 44 }, market).Steps, s => s.Key == "advice.reorient-close-job.experienced");
    }

    [Fact]
    public void Reorient_needs_a_clearly_better_close_job_and_a_market_that_is_not_easy()
    {
        var market = Healthy with { OffersPerTenJobSeekers = 2, CloseJobs = [new CloseJob("agent d'entretien", "K2204", 2.9, []) { CoreSkills = 10 }] };
        Assert.Equal(0, Score("reorient-close-job", Settled, market));
        var better = market with { CloseJobs = [new CloseJob("agent d'entretien", "K2204", 3, []) { CoreSkills = 10 }] };
        Assert.Equal(1, Score("reorient-close-job", Settled with { Age = null }, better));
        // The target recruits (6.5 offers per 10, tension 4): no reason to leave it, however good the other market.
        Assert.Equal(0, Score("reorient-close-job", Settled, Healthy with { CloseJobs = [new CloseJob("agent d'entretien", "K2204", 20, []) { CoreSkills = 10 }] }));
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(0.49, 2)]
    [InlineData(0.25, 2)]
    [InlineData(0.1, 1)]
    [InlineData(0.09, 0)]
    public void Driving_licence_by_the_share_of_offers_asking_for_it(double share, int expected)
    {
        var market = Healthy with { DrivingLicenceShare = share, DrivingLicenceBasis = DrivingLicenceBasis.LocalOffers, DrivingLicenceOffers = 40 };
        Assert.Equal(expected, Score("driving-licence", Settled with { HasDrivingLicence = false }, market));
    }

    [Fact]
    public void Without_offers_that_say_it_the_rome_access_text_decides_the_driving_licence()
    {
        var noLicence = Settled with { HasDrivingLicence = false };
        var required = Healthy with { DrivingLicenceShare = 1, DrivingLicenceBasis = DrivingLicenceBasis.AccessText, DrivingLicenceAccessText = "Cet emploi est accessible avec un permis B, obligatoire pour la conduite." };
        Assert.Equal(3, Score("driving-licence", noLicence, required));
        var mentioned = Healthy with { DrivingLicenceShare = null, DrivingLicenceAccessText = "Le permis B peut être exigé pour l'intervention à domicile." };
        var advice = Get("driving-licence", noLicence, mentioned);
        Assert.Equal(1, advice.Score);
        Assert.Equal("Le permis B peut être exigé pour l'intervention à domicile.", advice.Reason.Args[0]);
        Assert.Equal(0, Score("driving-licence", noLicence, Healthy with { DrivingLicenceShare = null, DrivingLicenceAccessText = null }));
    }

    [Fact]
    public void Rounds_from_home_to_home_call_for_the_licence_when_no_offer_nearby_says_it_less_in_a_large_city()
    {
        var noLicence = Settled with { HasDrivingLicence = false };
        var rounds = Healthy with
        {
            DrivingLicenceShare = null,
            TravellingWorkContexts = ["Au domicile d'un particulier", "Zone départementale"],
            CommunePopulation = 6_500,
        };
        var advice = Get("driving-licence", noLicence, rounds);
        Assert.Equal(2, advice.Score);
        Assert.Equal("advice.driving-licence.reason.travelling", advice.Reason.Key);
        Assert.Equal(["Au domicile d'un particulier", "Zone départementale"], advice.Reason.Args);
        // A large city's public transport: worth a look only.
        Assert.Equal(1, Score("driving-licence", noLicence, rounds with { CommunePopulation = AdviceModules.LargeCityFromPopulation }));
        Assert.Equal(2, Score("driving-licence", noLicence, rounds with { CommunePopulation = AdviceModules.LargeCityFromPopulation - 1 }));
        // Above a mere mention in the access text; below a condition of it; and offers nearby that say it decide.
        Assert.Equal(2, Score("driving-licence", noLicence, rounds with { DrivingLicenceAccessText = "Le permis B peut être exigé." }));
        Assert.Equal(3, Score("driving-licence", noLicence, rounds with
        {
            DrivingLicenceShare = 1,
            DrivingLicenceBasis = DrivingLicenceBasis.AccessText,
            DrivingLicenceAccessText = "Le permis B est obligatoire.",
        }));
        Assert.Equal(0, Score("driving-licence", noLicence, rounds with { DrivingLicenceShare = 0.05, DrivingLicenceBasis = DrivingLicenceBasis.LocalOffers, DrivingLicenceOffers = 40 }));
        Assert.Equal(0, Score("driving-licence", Settled with { HasDrivingLicence = true }, rounds));
        // No rounds, no mention: nothing.
        Assert.Equal(0, Score("driving-licence", noLicence, Healthy with { DrivingLicenceShare = null, DrivingLicenceAccessText = null }));
    }

    [Fact]
    public void Driving_licence_is_silent_for_licence_holders_and_unknown_answers()
    {
        Assert.Equal(0, Score("driving-licence", Settled with { HasDrivingLicence = true }, Healthy with { DrivingLicenceShare = 0.9 }));
        Assert.Equal(0, Score("driving-licence", Settled with { HasDrivingLicence = null }, Healthy with { DrivingLicenceShare = 0.9 }));
    }

    [Fact]
    public void Create_company_for_would_be_founders_and_freelancers()
    {
        Assert.Equal(3, Score("create-company", Settled with { WantsToCreateCompany = true }));
        Assert.Equal(2, Score("create-company", Settled with { ContractWishes = [ContractType.Freelance] }));
        Assert.Equal(0, Score("create-company", Settled with { WantsToCreateCompany = null }));
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(0.2, 2)]
    [InlineData(0.19, 0)]
    public void Train_missing_skills_from_a_fifth_of_the_skills_missing(double share, int expected)
    {
        Assert.Equal(expected, Score("train-missing-skills", market: Personas.Tough with { SkillsGapShare = share }));
    }

    [Fact]
    public void Train_missing_skills_names_three_skills_with_the_offers_they_unlock()
    {
        var advice = Get("train-missing-skills", Settled, Personas.Tough);
        var skills = advice.Steps.Where(s => s.Key == "advice.train-missing-skills.skill").Select(s => (s.Args[0], ((CountRef)s.Args[1]).Value)).ToList();
        Assert.Equal([("administrer des médicaments", 42.0), ("aider les patients à se déplacer", 30), ("mesurer les signes vitaux", 12)], skills);
        Assert.Equal(0, Score("train-missing-skills", market: Personas.Tough with { MissingSkills = [] }));
    }

    [Theory]
    [InlineData(25, 0.6, 3)]
    [InlineData(29, 0.6, 3)] // apprenticeship up to 29
    [InlineData(30, 0.6, 2)] // then the professionalisation contract, open to job seekers from 26
    [InlineData(52, 0.6, 2)]
    [InlineData(25, 0.1, 0)] // qualified: a job, not a training
    public void Work_study_to_get_qualified_apprenticeship_under_30_then_professionalisation(int age, double gap, int expected)
    {
        var profile = Settled with { Age = age, YearsOfExperienceInTarget = 1 };
        Assert.Equal(expected, Score("work-study", profile, Healthy with { SkillsGapShare = gap }));
    }

    [Fact]
    public void Work_study_is_silent_for_qualified_beginners_and_speaks_to_young_seekers_without_any_diploma()
    {
        // A 24-year-old nurse, state diploma in hand, six months of placements: qualified.
        var nurse = Settled with { Age = 24, YearsOfExperienceInTarget = 0.5, HighestDiploma = DiplomaLevel.Bac3, DiplomaRequiredForTarget = false };
        Assert.Equal(0, Score("work-study", nurse, Healthy with { Regulated = true, SkillsGapShare = 0 }));
        Assert.Equal(0, Score("work-study", Settled with { Age = 24, YearsOfExperienceInTarget = 2 }));
        var noDiploma = Settled with { Age = 19, YearsOfExperienceInTarget = 0, HighestDiploma = DiplomaLevel.None, DiplomaRequiredForTarget = false };
        Assert.Equal(2, Score("work-study", noDiploma, Healthy with { DiplomaUsuallyRequired = false }));
    }

    [Fact]
    public void Work_study_gives_way_to_vae_when_experience_can_give_the_diploma()
    {
        var practising = Settled with { Age = 29, YearsOfExperienceInTarget = 3, DiplomaRequiredForTarget = true };
        var regulated = Healthy with { Regulated = true, LegalRequirementByVae = true, LegalRequirements = ["Cet emploi est accessible avec un diplôme d'Etat, obligatoire pour exercer."] };
        Assert.Equal(0, Score("work-study", practising, regulated));
        Assert.Equal(3, Score("vae", practising, regulated));
    }

    [Theory]
    [InlineData(1.0, DiplomaLevel.Bac, 3)]
    [InlineData(0.9, DiplomaLevel.Bac, 0)]
    [InlineData(5.0, DiplomaLevel.Bac2, 0)]
    public void Vae_with_a_year_of_experience_and_the_diploma_missing(double years, DiplomaLevel has, int expected)
    {
        var profile = Settled with { YearsOfExperienceInTarget = years, HighestDiploma = has, DiplomaRequiredForTarget = null };
        Assert.Equal(expected, Score("vae", profile, Healthy with { RequiredDiploma = DiplomaLevel.Bac2 }));
    }

    [Fact]
    public void Vae_follows_the_diagnosis_and_never_delivers_a_licence()
    {
        // Experience makes the diploma secondary in a job the law does not regulate: nothing to validate.
        var senior = Settled with { Age = 55, YearsOfExperienceInTarget = 20, DiplomaRequiredForTarget = null };
        var market = Healthy with { RequiredDiploma = DiplomaLevel.Bac2, Regulated = false };
        Assert.Equal(CategoryStatus.Fine, DiagnosisEngine.Diagnose(senior, market, Today)[DiagnosisCategory.MissingDiploma].Status);
        Assert.Equal(0, Score("vae", senior, market));

        // A regulated job practised for 3 years without the state diploma: VAE. Without the truck licence: training.
        var practising = Settled with { YearsOfExperienceInTarget = 3, DiplomaRequiredForTarget = true };
        var diploma = Healthy with { Regulated = true, LegalRequirementByVae = true };
        Assert.Equal(3, Score("vae", practising, diploma));
        var licence = Healthy with { Regulated = true, LegalRequirementByVae = false, LegalRequirements = ["Cependant le permis C ou C1 est obligatoire."] };
        Assert.Equal(0, Score("vae", practising, licence));
        Assert.Equal(3, Score("train-missing-skills", practising, licence with { SkillsGapShare = 0 }));
    }

    [Theory]
    [InlineData(12, 5.0, true, false, 3.5, 1)]
    [InlineData(12, 5.0, true, true, 3.5, 2)]
    [InlineData(11, 5.0, true, false, 3.5, 0)]
    [InlineData(14, 5.0, true, false, 28, 0)] // a carer in a shortage job needs applications that work, not unpaid work
    [InlineData(4, 0.5, false, false, 6.5, 1)]
    [InlineData(4, 0.5, false, true, 6.5, 2)]
    [InlineData(4, 0.5, true, false, 6.5, 0)]
    public void Volunteer_in_long_searches_where_the_job_does_not_recruit_or_to_try_a_job_one_is_unsure_of(
        int months, double years, bool passionate, bool motivation, double perTen, int expected)
    {
        var profile = Settled with
        {
            SearchStartDate = Today.AddMonths(-months),
            YearsOfExperienceInTarget = years,
            InterviewsSoFar = 20,
            PassionateAboutTarget = passionate,
            Frustrations = motivation ? [Frustration.Motivation] : [],
        };
        Assert.Equal(expected, Score("volunteer", profile, Healthy with { OffersPerTenJobSeekers = perTen, TensionIndicator = 3 }));
    }

    [Fact]
    public void Explore_riasec_for_unclear_scattered_or_unloved_projects()
    {
        Assert.Equal(3, Score("explore-riasec", Settled with { ProjectClear = false }));
        Assert.Equal(3, Score("explore-riasec", Settled with { TargetJobs = [] }));
        Assert.Equal(2, Score("explore-riasec", Settled with { TargetJobs = [new("aide-soignante", RomeCode: "J1501"), new("comptable", RomeCode: "M1203")] }));
        Assert.Equal(1, Score("explore-riasec", Settled with { PassionateAboutTarget = false }));
        Assert.Equal(0, Score("explore-riasec", Settled));
    }

    [Theory]
    [InlineData(50, 10, false, 1)]
    [InlineData(49, 10, false, 0)]
    [InlineData(50, 9, false, 0)]
    [InlineData(30, 2, true, 3)]
    public void Age_as_asset_for_experienced_seniors_and_reported_age_discrimination(int age, double years, bool discrimination, int expected)
    {
        var profile = Settled with { Age = age, YearsOfExperienceInTarget = years, Frustrations = discrimination ? [Frustration.AgeDiscrimination] : [] };
        Assert.Equal(expected, Score("age-as-asset", profile));
    }

    [Fact]
    public void Every_module_fires_for_some_persona()
    {
        SeekerProfile[] profiles =
        [
            YoungBeginner,
            YoungBeginner with { ProjectClear = false, WantsToCreateCompany = true, Mobility = Mobility.Country },
            Settled with { ApplicationsPerWeek = 20, ApplicationsSoFar = 100, InterviewsSoFar = 6, OffersReceived = 0, Frustrations = [Frustration.AgeDiscrimination], YearsOfExperienceInTarget = 3, HighestDiploma = DiplomaLevel.None },
            Settled with { YearsOfExperienceInTarget = 1.5, DiplomaRequiredForTarget = true },
        ];
        var fired = profiles.SelectMany(p => Advise(p, Personas.Tough)).Select(a => a.ModuleId).ToHashSet();
        Assert.Equal(AdviceEngine.Modules.Select(m => m.Id).Order(), fired.Order());
    }
    // What an adviser reads (3 Dec 2026, read on a running Coach): the sentences below, rendered in French and English.

    private static string Fr(ScoredAdvice advice) => CoachTexts.Get(advice.Reason, CoachTexts.French);

    [Theory]
    [InlineData(1, "Votre réseau est encore mince, mais chaque contact peut vous signaler un poste avant tout le monde.")]
    [InlineData(2, "Vous avez quelques contacts : ils peuvent vous signaler des postes avant tout le monde.")]
    [InlineData(3, "Votre réseau est solide : c'est votre meilleur moyen d'apprendre les postes avant tout le monde.")]
    public void The_network_is_said_in_words_and_a_weak_one_is_not_called_the_best_way(int strength, string expected)
    {
        // "Votre réseau (force 1 sur 3) est votre meilleur moyen..." read as jargon, and contradicted "Votre réseau est encore mince".
        var advice = Get("network", Settled with { NetworkStrength = strength }, Healthy);
        Assert.Equal(expected, Fr(advice));
        Assert.DoesNotContain("sur 3", Fr(advice), StringComparison.Ordinal);
        Assert.DoesNotContain("out of 3", CoachTexts.Get(advice.Reason, CoachTexts.English), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seeker_setting_up_on_their_own_hears_of_customers_through_the_network_as_well_as_of_jobs()
    {
        var advice = Get("network", Settled with { NetworkStrength = 3, WantsToCreateCompany = true }, Healthy);
        Assert.Equal(3, advice.Score);
        Assert.Equal("Vos contacts dans le métier vous signaleront les postes à pourvoir, et seront aussi vos premiers clients.", Fr(advice));
    }

    [Fact]
    public void A_fraction_of_an_interview_expected_is_said_without_a_wrong_plural()
    {
        // 15 applications and 1 interview: "un peu moins que les 1,5 entretiens attendus" (French is singular below 2).
        var advice = Get("improve-cv", Settled with { ApplicationsSoFar = 15, InterviewsSoFar = 1 }, Healthy);
        Assert.Equal(2, advice.Score);
        Assert.Equal("15 candidatures et 1 entretien : on en attendrait environ 1,5, c'est un peu en dessous.", Fr(advice));
        Assert.Equal("15 applications and 1 interview: about 1.5 would be expected, a little below.", CoachTexts.Get(advice.Reason, CoachTexts.English));
    }

    [Fact]
    public void Training_for_a_required_diploma_is_a_qualifying_one_not_a_short_course()
    {
        // A beginner without the diploma the job requires: "formation qualifiante" then "formation courte" read as contradicting.
        var beginner = Settled with { YearsOfExperienceInTarget = 0, DiplomaRequiredForTarget = true, PastJobs = [] };
        var advice = Get("train-missing-skills", beginner, Healthy);
        var steps = advice.Steps.Select(s => CoachTexts.Get(s, CoachTexts.French)).ToList();
        Assert.Contains(steps, s => s.Contains("formation qualifiante", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("formation courte", StringComparison.Ordinal));
        Assert.Contains(advice.Steps, s => s.Key == "advice.train-missing-skills.step.2");
        // A mere gap in skills keeps its short course.
        Assert.Contains(Get("train-missing-skills", Settled, Personas.Tough).Steps, s => s.Key == "advice.train-missing-skills.step.1");
    }

    [Fact]
    public void Volunteering_to_try_a_job_without_a_target_does_not_speak_of_this_job()
    {
        // No target job, never worked in one, not passionate: "d'essayer ce métier" named no job.
        var undecided = Settled with { TargetJobs = [], YearsOfExperienceInTarget = 0, PassionateAboutTarget = false, InterviewsSoFar = 20 };
        Assert.Equal("Le bénévolat vous permet d'essayer un métier avant de vous engager.", Fr(Get("volunteer", undecided, Healthy)));
        var unsure = undecided with { TargetJobs = Settled.TargetJobs };
        Assert.Equal("Le bénévolat vous permet d'essayer ce métier avant de vous engager.", Fr(Get("volunteer", unsure, Healthy)));
    }

    public static TheoryData<string> NoTargetSeekers => ["young-beginner", "settled", "not-started", "no-network", "thin-network"];

    [Theory]
    [MemberData(nameof(NoTargetSeekers))]
    public void Advice_for_a_seeker_without_a_target_job_never_speaks_of_this_job(string who)
    {
        // "Listez 15 personnes … liées à ce métier", "Dressez une liste de 10 entreprises proches qui emploient ce métier": no job named.
        var seeker = who switch
        {
            "young-beginner" => YoungBeginner,
            "not-started" => Settled with { SearchStarted = false, SearchStartDate = null, ApplicationsSoFar = 0, InterviewsSoFar = 0, OffersReceived = 0 },
            "no-network" => Settled with { NetworkStrength = 0, YearsOfExperienceInTarget = 0, PassionateAboutTarget = false },
            "thin-network" => Settled with { NetworkStrength = 1, InterviewsSoFar = 1 },
            _ => Settled,
        };
        var profile = seeker with { TargetJobs = [], ProjectClear = false };
        var advice = AdviceEngine.Advise(profile, MarketFacts.Unknown, DiagnosisEngine.Diagnose(profile, MarketFacts.Unknown, Today), Today);

        var french = advice.SelectMany(a => a.Steps.Prepend(a.Reason)).Select(t => CoachTexts.Get(t, CoachTexts.French)).ToList();
        var english = advice.SelectMany(a => a.Steps.Prepend(a.Reason)).Select(t => CoachTexts.Get(t, CoachTexts.English)).ToList();

        Assert.NotEmpty(french);
        Assert.All(french, t => Assert.DoesNotMatch(@"ce métier|métier visé|du métier\b|\ble métier\b", t));
        Assert.All(english, t => Assert.DoesNotMatch(@"\bthis job\b|target job|\bthe job\b", t));
    }

    [Fact]
    public void A_close_jobs_market_figure_from_a_wider_area_says_so_next_to_the_local_one()
    {
        // "compte 18,5 offres pour 10 demandeurs d'emploi, contre 0,3" compared France's figure with the employment area's.
        var profile = Settled with { SearchStartDate = Today.AddMonths(-13), InterviewsSoFar = 20 };
        var market = Healthy with { OffersPerTenJobSeekers = 0.3, CloseJobs = [new CloseJob("Sellier-garnisseur / Sellière-garnisseuse", "B1811", 18.5, ["outils de rembourrage"]) { CoreSkills = 13, OffersPerTenScope = "France" }] };
        Assert.Equal(
            "« Sellier-garnisseur / Sellière-garnisseuse » demande peu de nouvelles compétences et compte 18,5 offres pour 10 demandeurs d'emploi (France, pas de chiffre fiable pour votre bassin), contre 0,3 offre pour 10 demandeurs d'emploi pour votre métier actuel.",
            Fr(Get("reorient-close-job", profile, market)));
        var local = market with { CloseJobs = [market.CloseJobs[0] with { OffersPerTenScope = null }] };
        Assert.DoesNotContain("bassin", Fr(Get("reorient-close-job", profile, local)), StringComparison.Ordinal);
        var sameFamily = market with { CloseJobs = [new CloseJob("Monteur / Monteuse", "H2902", 9, []) { CoreSkills = 10, OffersPerTenScope = "Doubs" }] };
        Assert.Contains("(Doubs, pas de chiffre fiable pour votre bassin)", Fr(Get("better-job-same-family", profile with { TargetJobs = [new TargetJob("monteur", null, "H2909")] }, sameFamily with { RomeCode = "H2909" })), StringComparison.Ordinal);
    }
}
