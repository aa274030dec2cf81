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

    /// <summary>Score = network strength (0-3): the stronger the network, the more it should be used.</summary>
    private static ScoredAdvice? Network(AdviceContext c, AdviceModule m) =>
        c.Profile.NetworkStrength is { } strength and > 0 ? m.Make(strength, m.Reason("strength", strength)) : null;

    /// <summary>Job fairs and events build the network that is missing: 3 with none, 2 with a weak one.</summary>
    private static ScoredAdvice? Events(AdviceContext c, AdviceModule m) => c.Profile.NetworkStrength switch
    {
        0 => m.Make(3, m.Reason("no-network")),
        1 => m.Make(2, m.Reason("weak-network")),
        _ => null,
    };

    /// <summary>3 before the search starts; 2 in a new search (under a month) or with fewer than 5 applications.</summary>
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
        if (c.MonthsSearching is < 1)
        {
            return m.Make(2, m.Reason("new-search"));
        }
        return c.Profile.ApplicationsSoFar is { } applications and < 5 ? m.Make(2, m.Reason("few-applications", applications)) : null;
    }

    /// <summary>One interview per 10 applications is expected. From 10 applications: 3 below half that
    /// rate (interviews &lt; applications / 20), 2 below it (interviews &lt; applications / 10).</summary>
    private static ScoredAdvice? ImproveCv(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.ApplicationsSoFar is not { } applications || c.Profile.InterviewsSoFar is not { } interviews || applications < 10)
        {
            return null;
        }
        var expected = applications / 10.0;
        return interviews < applications / 20.0 ? m.Make(3, m.Reason("far-below", applications, interviews, expected))
            : interviews < expected ? m.Make(2, m.Reason("below", applications, interviews, expected))
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
        return score > 0 ? m.Make(score, m.Reason("no-offer", interviews)) : null;
    }

    /// <summary>Mass applying: 3 from 15 applications a week, 2 from 10.</summary>
    private static ScoredAdvice? ApplyLessBetter(AdviceContext c, AdviceModule m) => c.Profile.ApplicationsPerWeek switch
    {
        >= 15 and var perWeek => m.Make(3, m.Reason("many", perWeek)),
        >= 10 and var perWeek => m.Make(2, m.Reason("many", perWeek)),
        _ => null,
    };

    /// <summary>3 when applications (at least 5) get no answer; 1 from 10 applications otherwise.</summary>
    private static ScoredAdvice? FollowUp(AdviceContext c, AdviceModule m) => c.Profile.ApplicationsSoFar switch
    {
        >= 5 and var n when c.Profile.Has(Frustration.NoAnswers) => m.Make(3, m.Reason("no-answers", n)),
        >= 10 and var n => m.Make(1, m.Reason("many", n)),
        _ => null,
    };

    /// <summary>Wishes that exclude fixed-term and temporary contracts: 2, 3 when the market is not easy
    /// (under 5 offers per 10 seekers). Any contract accepted: silent.</summary>
    private static ScoredAdvice? OtherWorkEnvironments(AdviceContext c, AdviceModule m)
    {
        if (!c.WantsOnly(w => w is not (ContractType.FixedTerm or ContractType.Temporary or ContractType.Unspecified)))
        {
            return null;
        }
        var contracts = c.Profile.ContractWishes!.Select(Contract).ToList();
        return c.OffersPerTen is < DiagnosisEngine.NotEasyMarketOffersPerTen
            ? m.Make(3, m.Reason("hard-market", contracts, c.OffersPerTen.Value))
            : m.Make(2, m.Reason("restrictive", contracts));
    }

    /// <summary>A close job in the same ROME sub-domain with a better market: 2 from 1.5 times the target's
    /// offers per 10 seekers, 3 from twice.</summary>
    private static ScoredAdvice? BetterJobSameFamily(AdviceContext c, AdviceModule m)
    {
        if (c.TargetRome is not { Length: 5 } rome || c.OffersPerTen is not { } perTen)
        {
            return null;
        }
        var best = BetterCloseJobs(c, perTen).FirstOrDefault(j => SameFamily(j.RomeCode, rome));
        if (best is null)
        {
            return null;
        }
        var score = best.OffersPerTenJobSeekers >= 2 * perTen ? 3 : 2;
        return m.Make(score, m.Reason("better", best.Label, best.OffersPerTenJobSeekers!.Value, perTen), TextRef.Of("advice.better-job-same-family.job", best.Label, best.RomeCode));
    }

    /// <summary>Nearby communes (up to 50 km) with at least twice the offers per inhabitant: 2, 3 from three times.
    /// Names up to three communes.</summary>
    private static ScoredAdvice? Commute(AdviceContext c, AdviceModule m)
    {
        var communes = c.Market.BetterCommunes.Where(n => n.DistanceKm <= 50 && n.Ratio >= 2).OrderByDescending(n => n.Ratio).Take(3).ToList();
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
        return m.Make(local < DiagnosisEngine.StuckMarketOffersPerTen ? 3 : 2, m.Reason("area", best.AreaName, best.OffersPerTenJobSeekers), TextRef.Of("advice.relocate.area", best.AreaName, best.OffersPerTenJobSeekers));
    }

    /// <summary>A close job in another family with a better market (1.5 times the offers per 10 seekers), up to
    /// 45 years old (age unknown: silent). Stronger with the search length: 1, 2 from 6 months, 3 from 12.</summary>
    private static ScoredAdvice? ReorientCloseJob(AdviceContext c, AdviceModule m)
    {
        if (c.Age is not <= 45 || c.OffersPerTen is not { } perTen)
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
        var steps = new List<TextRef> { TextRef.Of("advice.reorient-close-job.job", best.Label, best.OffersPerTenJobSeekers!.Value) };
        if (best.SkillsToAdd.Count > 0)
        {
            steps.Add(TextRef.Of("advice.reorient-close-job.skills", best.SkillsToAdd.Take(5).ToList()));
        }
        return m.Make(score, m.Reason("better", best.Label, best.OffersPerTenJobSeekers.Value, perTen), steps);
    }

    /// <summary>No licence while local offers ask for one: 3 from half the offers, 2 from a quarter, 1 from 10 %.</summary>
    private static ScoredAdvice? DrivingLicence(AdviceContext c, AdviceModule m)
    {
        if (c.Profile.HasDrivingLicence != false || c.Market.DrivingLicenceShare is not { } share)
        {
            return null;
        }
        var score = share >= 0.5 ? 3 : share >= 0.25 ? 2 : share >= 0.1 ? 1 : 0;
        return score > 0 ? m.Make(score, m.Reason("share", Math.Round(share * 100))) : null;
    }

    /// <summary>3 when the seeker wants to create a company, 2 when freelance contracts are wished.</summary>
    private static ScoredAdvice? CreateCompany(AdviceContext c, AdviceModule m) =>
        c.Profile.WantsToCreateCompany == true ? m.Make(3, m.Reason("wants"))
        : c.Profile.ContractWishes?.Contains(ContractType.Freelance) == true ? m.Make(2, m.Reason("freelance"))
        : null;

    /// <summary>Missing skills asked by local offers: 2 from a 20 % gap, 3 from 50 %. Names up to three skills
    /// with the offers each unlocks.</summary>
    private static ScoredAdvice? TrainMissingSkills(AdviceContext c, AdviceModule m)
    {
        if (c.Market.SkillsGapShare is not { } share || share < 0.2 || c.Market.MissingSkills.Count == 0)
        {
            return null;
        }
        var skills = c.Market.MissingSkills.OrderByDescending(s => s.OffersUnlocked).Take(3).ToList();
        return m.Make(
            share >= DiagnosisEngine.SkillsGapThreshold ? 3 : 2,
            m.Reason("gap", Math.Round(share * 100), skills.Count),
            skills.Select(s => TextRef.Of("advice.train-missing-skills.skill", s.Label, s.OffersUnlocked)));
    }

    /// <summary>Under 26: 3 when a required diploma or half the skills are missing, 2 for beginners (under
    /// 2 years in the job). 26 and over, or age unknown: silent.</summary>
    private static ScoredAdvice? WorkStudy(AdviceContext c, AdviceModule m)
    {
        if (c.Age is not < 26)
        {
            return null;
        }
        if (c.LacksRequiredDiploma || c.Market.SkillsGapShare >= DiagnosisEngine.SkillsGapThreshold)
        {
            return m.Make(3, m.Reason("qualify", c.Age.Value));
        }
        return c.Profile.YearsOfExperienceInTarget is < DiagnosisEngine.JuniorBelowYears ? m.Make(2, m.Reason("beginner", c.Age.Value)) : null;
    }

    /// <summary>VAE needs one year of experience related to the diploma: 3 with the required diploma missing
    /// and at least one year in the job.</summary>
    private static ScoredAdvice? Vae(AdviceContext c, AdviceModule m) =>
        c.LacksRequiredDiploma && c.Profile.YearsOfExperienceInTarget is >= 1 and var years
            ? m.Make(3, m.Reason("experience", years))
            : null;

    /// <summary>Volunteering keeps a long search active and tests a job never done: 2 from 12 months of search,
    /// 1 with under a year in the job; one more when motivation is a struggle.</summary>
    private static ScoredAdvice? Volunteer(AdviceContext c, AdviceModule m)
    {
        var (score, reason) = c.MonthsSearching is >= 12 and var months ? (2, m.Reason("long-search", months))
            : c.Profile.YearsOfExperienceInTarget is < 1 ? (1, m.Reason("try-the-job"))
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
        var scattered = c.Diagnosis[C.UndefinedProject].Reasons.Any(r => r.Key is DiagnosisEngine.ScatteredTargetsKey or DiagnosisEngine.UnrelatedTargetsKey);
        return scattered ? m.Make(2, m.Reason("scattered"))
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

    private static IEnumerable<CloseJob> BetterCloseJobs(AdviceContext c, double perTen) =>
        c.Market.CloseJobs
            .Where(j => j.OffersPerTenJobSeekers is { } theirs && theirs >= 1.5 * perTen && theirs > perTen && j.RomeCode != c.TargetRome)
            .OrderByDescending(j => j.OffersPerTenJobSeekers);

    private static bool SameFamily(string a, string b) => a.Length >= 3 && b.Length >= 3 && string.CompareOrdinal(a, 0, b, 0, 3) == 0;

    internal static TextRef Contract(ContractType contract) => TextRef.Of($"contract.{contract.ToString().ToLowerInvariant()}");
}
