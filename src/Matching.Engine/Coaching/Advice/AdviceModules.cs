using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;
using C = Matching.Engine.Coaching.Diagnosis.DiagnosisCategory;

namespace Matching.Engine.Coaching.Advice;

// The advice modules (product.md "Advice modules"). Each rule documents its thresholds; the tests pin
// every boundary. Wording lives in CoachTexts: advice.{id}.title, .reason.{variant}, .step.{n}.
internal static class AdviceModules
{
    public static IReadOnlyList<AdviceModule> All { get; } =
    [
        new("spontaneous-application", C.StartYourSearch, 3, SpontaneousApplication),
        new("network", C.StartYourSearch, 3, Network),
        new("events", C.StartYourSearch, 3, Events),
        new("refresh-cv", C.StartYourSearch, 3, RefreshCv),
        new("improve-cv", C.EnhanceInterviews, 3, ImproveCv),
        new("prepare-interviews", C.EnhanceInterviews, 3, PrepareInterviews),
        new("apply-less-better", C.EnhanceInterviews, 3, ApplyLessBetter),
        new("follow-up", C.EnhanceInterviews, 2, FollowUp),
        new("other-work-environments", C.StuckMarket, 3, OtherWorkEnvironments),
        new("better-job-same-family", C.StuckMarket, 2, BetterJobSameFamily),
        new("commute", C.StuckMarket, 2, Commute),
        new("relocate", C.StuckMarket, 3, Relocate),
        new("reorient-close-job", C.StuckMarket, 2, ReorientCloseJob),
        new("driving-licence", C.StuckMarket, 3, DrivingLicence),
        new("create-company", C.StuckMarket, 3, CreateCompany),
        new("train-missing-skills", C.SkillsGap, 2, TrainMissingSkills),
        new("work-study", C.SkillsGap, 3, WorkStudy),
        new("vae", C.MissingDiploma, 3, Vae),
        new("volunteer", C.FindWhatYouLike, 2, Volunteer),
        new("explore-riasec", C.UndefinedProject, 3, ExploreRiasec),
        new("age-as-asset", C.EnhanceInterviews, 3, AgeAsAsset),
    ];

    /// <summary>3 when the job's main hiring channel is an unsolicited application (hiring_channels_rome.csv),
    /// 1 when the channel is unknown (it rarely hurts), silent when another channel dominates.</summary>
    private static ScoredAdvice? SpontaneousApplication(AdviceContext c, AdviceModule m) => c.Market.MainApplicationChannel switch
    {
        ApplicationChannel.SpontaneousVisit => m.Make(3, m.Reason("visit"), TextRef.Of("advice.spontaneous-application.visit-step")),
        ApplicationChannel.SpontaneousCvAndLetter => m.Make(3, m.Reason("letter")),
        ApplicationChannel.Unknown => m.Make(1, m.Reason("unknown")),
        _ => null,
    };

    /// <summary>Score = network strength (0-3): the stronger the network, the more it should be used. The reason says it in
    /// words, not as the questionnaire's scale ("force 1 sur 3" read as jargon, and a weak network called "your best way"
    /// contradicted the events advice next to it).</summary>
    private static ScoredAdvice? Network(AdviceContext c, AdviceModule m) => c.Profile.NetworkStrength switch
    {
        // Someone setting up on their own finds customers through the network as well as openings (the advice may sit in the
        // hidden job market's strategy or in the own business's).
        > 0 and var strength when c.Profile.WantsToCreateCompany == true => m.Make(strength, m.Reason("creator")),
        >= 3 and var strength => m.Make(strength, m.Reason("strong")),
        2 => m.Make(2, m.Reason("some")),
        1 => m.Make(1, m.Reason("weak")),
        _ => null,
    };

    /// <summary>Job fairs and events build the network that is missing: 3 with none, 2 with a weak one.</summary>
    private static ScoredAdvice? Events(AdviceContext c, AdviceModule m) => c.Profile.NetworkStrength switch
    {
        0 => m.Make(3, m.Reason("no-network")),
        1 => m.Make(2, m.Reason("weak-network")),
        _ => null,
    };

    /// <summary>3 before the search starts; 2 in a new search (under a month) or with fewer than 5 applications, unless
    /// they already brought an interview (the CV works).</summary>
    private static ScoredAdvice? RefreshCv(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.SearchStarted == false)
        {
            return m.Make(3, m.Reason("not-started"));
        }
        if (c.Profile.SearchStarted != true)
        {
            return null;
        }
        if (c.MonthsSearching is < 1 && c.Profile.InterviewsSoFar is null or 0)
        {
            return m.Make(2, m.Reason("new-search"));
        }
        // Few applications that already bring interviews need no new CV.
        return c.Profile.ApplicationsSoFar is { } applications and < 5 && c.Profile.InterviewsSoFar is null or 0
            ? m.Make(2, m.Reason("few-applications", TextRef.Count("application", applications)))
            : null;
    }

    /// <summary>One interview per 10 applications is expected. From 10 applications: 3 below half that
    /// rate (interviews &lt; applications / 20), 2 below it (interviews &lt; applications / 10).</summary>
    private static ScoredAdvice? ImproveCv(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.ApplicationsSoFar is not { } applications || c.Profile.InterviewsSoFar is not { } interviews || applications < 10)
        {
            return null;
        }
        // Said without a noun after it ("on en attendrait environ 1,5"): a fraction of an interview has no right plural.
        var expected = Math.Round(applications / 10.0, 1);
        var counts = new object[] { TextRef.Count("application", applications), TextRef.Count("interview", interviews), expected };
        return interviews < applications / 20.0 ? m.Make(3, m.Reason("far-below", counts))
            : interviews < applications / 10.0 ? m.Make(2, m.Reason("below", counts))
            : null;
    }

    /// <summary>Interviews without a job offer: 3 from 5 interviews, 2 from 3; 2 as well when the seeker says
    /// interviews fail (with at least one interview).</summary>
    private static ScoredAdvice? PrepareInterviews(AdviceContext c, AdviceModule m)
    {
        var interviews = c.Profile.InterviewsSoFar ?? 0;
        var score = (c.Profile.OffersReceived, interviews) switch
        {
            (0, >= 5) => 3,
            (0, >= 3) => 2,
            _ => 0,
        };
        if (c.Profile.Has(Frustration.InterviewsFail) && interviews >= 1)
        {
            score = Math.Max(score, 2);
        }
        return score > 0 ? m.Make(score, m.Reason("no-offer", TextRef.Count("interview", interviews))) : null;
    }

    /// <summary>Mass applying: 3 from 15 applications a week, 2 from 10.</summary>
    private static ScoredAdvice? ApplyLessBetter(AdviceContext c, AdviceModule m) => c.Profile.ApplicationsPerWeek switch
    {
        >= 15 and var perWeek => m.Make(3, m.Reason("many", perWeek)),
        >= 10 and var perWeek => m.Make(2, m.Reason("many", perWeek)),
        _ => null,
    };

    /// <summary>3 when the seeker says applications (at least 5) get no answer, 1 from 10 applications otherwise.
    /// The reason says what is known: no interview at all, or the seeker's own word that many go unanswered.</summary>
    private static ScoredAdvice? FollowUp(AdviceContext c, AdviceModule m) => c.Profile.ApplicationsSoFar switch
    {
        >= 5 and var n when c.Profile.Has(Frustration.NoAnswers) => m.Make(3, c.Profile.InterviewsSoFar is 0
            ? m.Reason("no-interview", TextRef.Count("application", n))
            : m.Reason("no-answers", TextRef.Count("application", n))),
        >= 10 and var n => m.Make(1, m.Reason("many", TextRef.Count("application", n))),
        _ => null,
    };

    /// <summary>Wishes restricted to a permanent contract (no fixed-term, temporary or seasonal one): 2, 3 when the
    /// market is not easy (under 5 offers per 10 seekers). Silent when any contract is accepted, and for a seeker
    /// who wants a work-study contract (it comes with their training) or to work freelance (create-company).</summary>
    private static ScoredAdvice? OtherWorkEnvironments(AdviceContext c, AdviceModule m)
    {
        if (!c.WantsOnly(w => w is ContractType.Permanent or ContractType.Other))
        {
            return null;
        }
        var contracts = c.Profile.ContractWishes!.Select(Contract).ToList();
        return c.OffersPerTen is < DiagnosisEngine.NotEasyMarketOffersPerTen
            ? m.Make(3, m.Reason("hard-market", contracts, TextRef.Count("offers-per-ten", c.OffersPerTen.Value)))
            : m.Make(2, m.Reason("restrictive", contracts));
    }

    /// <summary>When the target's market is not easy: a close job in the same ROME sub-domain with a better market,
    /// 2 from 1.5 times the target's offers per 10 seekers, 3 from twice. A job that recruits needs no detour.</summary>
    private static ScoredAdvice? BetterJobSameFamily(AdviceContext c, AdviceModule m)
    {
        if (c.TargetRome is not { Length: 5 } rome || c.OffersPerTen is not { } perTen || !c.MarketNotEasy)
        {
            return null;
        }
        var best = BetterCloseJobs(c, perTen).FirstOrDefault(j => SameFamily(j.RomeCode, rome));
        if (best is null)
        {
            return null;
        }
        var score = best.OffersPerTenJobSeekers >= 2 * perTen ? 3 : 2;
        var theirs = TextRef.Count("offers-per-ten", best.OffersPerTenJobSeekers!.Value);
        var reason = best.OffersPerTenScope is { } scope
            ? m.Reason("better-scope", best.Label, theirs, TextRef.Count("offers-per-ten", perTen), scope)
            : m.Reason("better", best.Label, theirs, TextRef.Count("offers-per-ten", perTen));
        return m.Make(score, reason, TextRef.Of("advice.better-job-same-family.job", best.Label, best.RomeCode));
    }

    /// <summary>When offers are scarce within the radius (under 10 offers of the job within it in December 2021; when
    /// that count is unknown, a stuck market): communes beyond the radius, up to 50 km, with at least twice the offers
    /// per inhabitant, 2, 3 from three times. Names up to three communes. A commune already within the radius is
    /// already searched, and hundreds of offers within it (Paris) leave nothing to gain by commuting.</summary>
    private static ScoredAdvice? Commute(AdviceContext c, AdviceModule m)
    {
        var scarce = c.Market.Offers2021WithinRadius is { } nearby
            ? nearby < DiagnosisEngine.FewOffersWithinRadius
            : c.OffersPerTen is < DiagnosisEngine.StuckMarketOffersPerTen;
        if (!scarce)
        {
            return null;
        }
        var radius = c.Profile.RadiusKm ?? c.Market.RadiusKm ?? 0;
        var communes = c.Market.BetterCommunes.Where(n => n.DistanceKm > radius && n.DistanceKm <= 50 && n.Ratio >= 2).OrderByDescending(n => n.Ratio).Take(3).ToList();
        if (communes.Count == 0)
        {
            return null;
        }
        var best = communes[0];
        return m.Make(
            best.Ratio >= 3 ? 3 : 2,
            m.Reason("better", best.Name, best.Ratio, best.DistanceKm),
            communes.Select(n => TextRef.Of("advice.commute.commune", n.Name, n.DistanceKm, n.Ratio)));
    }

    /// <summary>For seekers mobile at national scale: an area with at least 5 offers per 10 seekers and twice
    /// the local figure. 3 when the local market is stuck, 2 otherwise.</summary>
    private static ScoredAdvice? Relocate(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.Mobility != Mobility.Country)
        {
            return null;
        }
        var local = c.OffersPerTen;
        var best = c.Market.LessTenseAreas
            .Where(a => a.OffersPerTenJobSeekers >= DiagnosisEngine.NotEasyMarketOffersPerTen && (local is null || a.OffersPerTenJobSeekers >= 2 * local))
            .MaxBy(a => a.OffersPerTenJobSeekers);
        if (best is null)
        {
            return null;
        }
        var figure = TextRef.Count("offers-per-ten", best.OffersPerTenJobSeekers);
        return m.Make(local < DiagnosisEngine.StuckMarketOffersPerTen ? 3 : 2, m.Reason("area", best.AreaName, figure), TextRef.Of("advice.relocate.area", best.AreaName, figure));
    }

    /// <summary>When the target's market is not easy: a close job in another family with a better market (1.5 times
    /// the offers per 10 seekers), at any age: the old limit of 45 shut out the seekers of closing sectors who need
    /// it most; from 45 the steps lean on the experience that carries over. Stronger with the search length: 1,
    /// 2 from 6 months, 3 from 12.</summary>
    private static ScoredAdvice? ReorientCloseJob(AdviceContext c, AdviceModule m)
    {
        if (c.OffersPerTen is not { } perTen || !c.MarketNotEasy)
        {
            return null;
        }
        var best = BetterCloseJobs(c, perTen).FirstOrDefault(j => c.TargetRome is null || !SameFamily(j.RomeCode, c.TargetRome));
        if (best is null)
        {
            return null;
        }
        var score = c.MonthsSearching switch
        {
            >= 12 => 3,
            >= 6 => 2,
            _ => 1,
        };
        var theirs = TextRef.Count("offers-per-ten", best.OffersPerTenJobSeekers!.Value);
        var steps = new List<TextRef> { TextRef.Of("advice.reorient-close-job.job", best.Label, theirs) };
        if (best.SkillsToAdd.Count > 0)
        {
            steps.Add(TextRef.Of("advice.reorient-close-job.skills", best.SkillsToAdd.Take(5).ToList()));
        }
        if (c.Age >= ExperiencedReorientationFromAge)
        {
            steps.Add(TextRef.Of("advice.reorient-close-job.experienced", c.Age.Value));
        }
        // A close job's figure from a wider area than the seeker's (no figure for their employment area) says so.
        var reason = best.OffersPerTenScope is { } scope
            ? m.Reason("better-scope", best.Label, theirs, TextRef.Count("offers-per-ten", perTen), scope)
            : m.Reason("better", best.Label, theirs, TextRef.Count("offers-per-ten", perTen));
        return m.Make(score, reason, steps);
    }

    /// <summary>A commune of at least this many inhabitants has the public transport that rounds without a car can use.</summary>
    public const int LargeCityFromPopulation = 50_000;

    /// <summary>No licence while the job's offers ask for one (required or desired): 3 from half of them, 2 from a
    /// quarter, 1 from 10 %, measured on the offers nearby that say it (at least 5). Without them, the ROME sheet's
    /// access text when it makes the licence a condition of the job (3); else rounds from home to home across an area, as
    /// the sheet's work contexts say (<see cref="MarketFacts.TravellingWorkContexts"/>): 2, 1 in a large city; else 1 when
    /// the access text only mentions it.</summary>
    private static ScoredAdvice? DrivingLicence(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.HasDrivingLicence != false)
        {
            return null;
        }
        if (c.Market.DrivingLicenceBasis == DrivingLicenceBasis.LocalOffers && c.Market.DrivingLicenceShare is { } share)
        {
            var score = share >= 0.5 ? 3 : share >= 0.25 ? 2 : share >= 0.1 ? 1 : 0;
            return score > 0 ? m.Make(score, m.Reason("share", Math.Round(share * 100), TextRef.Count("offer", c.Market.DrivingLicenceOffers ?? 0))) : null;
        }
        if (c.Market.DrivingLicenceAccessText is { } sentence && c.Market.DrivingLicenceBasis == DrivingLicenceBasis.AccessText)
        {
            return m.Make(3, m.Reason("required-by-rome", sentence));
        }
        // Rounds from home to home across an area: going from one to the next takes a car, most of all outside a large city.
        if (c.Market.TravellingWorkContexts is [var homes, var area])
        {
            return m.Make(c.Market.CommunePopulation is >= LargeCityFromPopulation ? 1 : 2, m.Reason("travelling", homes, area));
        }
        return c.Market.DrivingLicenceAccessText is { } mention ? m.Make(1, m.Reason("mentioned-by-rome", mention)) : null;
    }

    /// <summary>3 when the seeker wants to create a company, 2 when freelance contracts are wished.</summary>
    private static ScoredAdvice? CreateCompany(AdviceContext c, AdviceModule m) =>
        c.Profile.WantsToCreateCompany == true ? m.Make(3, m.Reason("wants"))
        : c.Profile.ContractWishes?.Contains(ContractType.Freelance) == true ? m.Make(2, m.Reason("freelance"))
        : null;

    /// <summary>Missing skills: 2 from a 20 % gap, 3 from 50 %, naming up to three skills with the offers each
    /// unlocks nearby. Also 3 when the diploma is missing and VAE cannot deliver it (no year in the job, or a
    /// licence or a card the law requires): a qualifying training is then the way (POEI, AIF, CPF). Silent while the targets
    /// span unrelated families: which job to train for is the question first (explore-riasec).</summary>
    private static ScoredAdvice? TrainMissingSkills(AdviceContext c, AdviceModule m)
    {
        if (c.ScatteredProject)
        {
            return null;
        }
        var share = c.Market.SkillsGapShare;
        var skills = c.Market.MissingSkills.OrderByDescending(s => s.OffersUnlocked).Take(3).ToList();
        var skillSteps = skills.Select(s => s.OffersUnlocked > 0
            ? TextRef.Of("advice.train-missing-skills.skill", s.Label, TextRef.Count("offer", s.OffersUnlocked))
            : TextRef.Of("advice.train-missing-skills.skill-of-job", s.Label)).ToList();
        if (c.LacksRequiredDiploma && !c.VaeOpen)
        {
            var reason = c.Market.Regulated == true ? m.Reason("qualify-regulated") : m.Reason("qualify");
            // A qualifying training, not "a short course" (the module's first fixed step): the two read as contradicting.
            return m.MakeWithSteps(3, reason, [TextRef.Of("advice.train-missing-skills.qualify-step"), .. skillSteps, .. m.FixedSteps().Skip(1)]);
        }
        if (share is not { } gap || gap < 0.2 || skills.Count == 0)
        {
            return null;
        }
        return m.Make(
            gap >= DiagnosisEngine.SkillsGapThreshold ? 3 : 2,
            m.Reason(c.Market.SkillsGapBasis == SkillsGapBasis.JobReference ? "gap-reference" : "gap", Math.Round(gap * 100), skills.Count),
            skillSteps);
    }

    /// <summary>A work-study contract is a way to get qualified, so only for a seeker who lacks the diploma or half of
    /// the job's skills (a qualified seeker needs a job, not a training): under 30 an apprenticeship, 3; from 30 a
    /// professionalisation contract, open to job seekers of any age from 26, 2; silent when VAE can give the diploma
    /// from experience (going back to training would waste it). Also 2 for a beginner under 26 without any diploma.
    /// Age unknown, or targets spanning unrelated families (no job chosen to train for): silent.</summary>
    private static ScoredAdvice? WorkStudy(AdviceContext c, AdviceModule m)
    {
        if (c.Age is not { } age || c.ScatteredProject)
        {
            return null;
        }
        if (c.LacksRequiredDiploma || c.Market.SkillsGapShare >= DiagnosisEngine.SkillsGapThreshold)
        {
            return c.VaeOpen ? null
                : age < ApprenticeshipBelowAge ? m.Make(3, m.Reason("qualify", age))
                : m.Make(2, m.Reason("professionalisation", age));
        }
        return age < 26 && c.Profile.HighestDiploma == DiplomaLevel.None && c.Profile.YearsOfExperienceInTarget is < DiagnosisEngine.JuniorBelowYears
            ? m.Make(2, m.Reason("beginner", age))
            : null;
    }

    /// <summary>VAE needs one year of experience related to the diploma: 3 with the required diploma missing, at
    /// least one year in the job, and a diploma or title to get (VAE delivers no licence or card).</summary>
    private static ScoredAdvice? Vae(AdviceContext c, AdviceModule m) =>
        c.VaeOpen ? m.Make(3, m.Reason("experience", TextRef.Count("year", c.Profile.YearsOfExperienceInTarget!.Value))) : null;

    /// <summary>Volunteering keeps a long search active where the job does not recruit, and tests a job one is
    /// unsure of: 1 from 12 months of search in a market that is not easy, 1 to try a job never done that the
    /// seeker is not sure of; one more when motivation is a struggle. Never a priority: a qualified seeker in a
    /// job that recruits needs applications that work, not unpaid work.</summary>
    private static ScoredAdvice? Volunteer(AdviceContext c, AdviceModule m)
    {
        var (score, reason) = c.MonthsSearching is >= 12 and var months && c.MarketNotEasy ? (1, m.Reason("long-search", TextRef.Count("month", months)))
            : c.Profile.YearsOfExperienceInTarget is < 1 && c.Profile.PassionateAboutTarget == false
                ? (1, m.Reason(c.Profile.TargetJobs is { Count: > 0 } ? "try-the-job" : "try-a-job"))
            : (0, null);
        if (reason is null)
        {
            return null;
        }
        return m.Make(c.Profile.Has(Frustration.Motivation) ? score + 1 : score, reason);
    }

    /// <summary>Interests (RIASEC) to find jobs that fit: 3 when the project is unclear or absent, 2 when the
    /// targets are scattered, 1 when the seeker is not passionate about the target.</summary>
    private static ScoredAdvice? ExploreRiasec(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.ProjectClear == false || c.Profile.TargetJobs is { Count: 0 })
        {
            return m.Make(3, m.Reason("unclear"));
        }
        return c.ScatteredProject ? m.Make(2, m.Reason("scattered"))
            : c.Profile.PassionateAboutTarget == false ? m.Make(1, m.Reason("not-passionate"))
            : null;
    }

    /// <summary>Turning age into an asset at interviews: 3 when the seeker reports age discrimination, 1 from 50
    /// years old with at least 10 years of experience.</summary>
    private static ScoredAdvice? AgeAsAsset(AdviceContext c, AdviceModule m) =>
        c.Profile.Has(Frustration.AgeDiscrimination) ? m.Make(3, m.Reason("discrimination"))
        : c.Age >= DiagnosisEngine.SeniorFromAge && c.Profile.YearsOfExperienceInTarget >= DiagnosisEngine.LongExperienceFromYears
            ? m.Make(1, m.Reason("senior", c.Age.Value))
            : null;

    /// <summary>Reorientation: from this age, the steps lean on the experience that carries over.</summary>
    public const int ExperiencedReorientationFromAge = 45;

    /// <summary>Work-study: an apprenticeship is open up to 29 (the professionalisation contract after).</summary>
    public const int ApprenticeshipBelowAge = 30;

    /// <summary>Close jobs with a clearly better market that the seeker can reach: half of their core skills held
    /// already ("few new skills" must be true), and not a regulated job (it takes a diploma, not a few skills). In
    /// the close jobs' own order, which already weighs the skills held against the market.</summary>
    private static IEnumerable<CloseJob> BetterCloseJobs(AdviceContext c, double perTen) =>
        c.Market.CloseJobs
            .Where(j => j.OffersPerTenJobSeekers is { } theirs && theirs >= 1.5 * perTen && theirs > perTen && j.RomeCode != c.TargetRome
                && j.WithinReach && j.Regulated != true);

    private static bool SameFamily(string a, string b) => a.Length >= 3 && b.Length >= 3 && string.CompareOrdinal(a, 0, b, 0, 3) == 0;

    internal static TextRef Contract(ContractType contract) => TextRef.Of($"contract.{contract.ToString().ToLowerInvariant()}");
}
