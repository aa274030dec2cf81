using System.Text.RegularExpressions;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using F = Matching.Engine.Coaching.Questionnaire.ProfileFields;

namespace Matching.Engine.Coaching.Diagnosis;

/// <summary>
/// Diagnoses a seeker: the eight categories are checked in order and the first whose conditions hold is
/// the main challenge. Pure and deterministic: everything comes from the profile, the market facts and
/// <c>today</c>. A rule that needs a missing answer reports <see cref="CategoryStatus.NotEnoughData"/>
/// and a question, never a guess.
/// </summary>
public static partial class DiagnosisEngine
{
    /// <summary>Skills gap: the seeker lacks at least half of the essential skills local offers ask for.</summary>
    public const double SkillsGapThreshold = 0.5;

    /// <summary>Stuck market: fewer than 3 offers per 10 job seekers (2.9 is stuck, 3.0 is not).</summary>
    public const double StuckMarketOffersPerTen = 3;

    /// <summary>Find what you like: the market is "not easy" below 5 offers per 10 seekers or at DARES tension 1-2.</summary>
    public const double NotEasyMarketOffersPerTen = 5;

    public const int NotEasyMarketMaxTension = 2;

    /// <summary>Find what you like: "young" is under 25.</summary>
    public const int YoungBelowAge = 25;

    /// <summary>Find what you like: "junior" is under 2 years in the target job (0 = never did it).</summary>
    public const double JuniorBelowYears = 2;

    /// <summary>Find what you like: only for searches shorter than 2 months.</summary>
    public const int EarlySearchBelowMonths = 2;

    /// <summary>Missing diploma does not apply from 50 years old with at least 10 years in the job:
    /// employers then weigh the experience over the diploma (and VAE is the better path).</summary>
    public const int SeniorFromAge = 50;

    public const double LongExperienceFromYears = 10;

    /// <summary>Enhance interviews: at most this many interviews per whole month of search.</summary>
    public const double InterviewsPerMonthAtMost = 1;

    internal const string ScatteredTargetsKey = "diagnosis.undefined-project.scattered";

    internal const string UnrelatedTargetsKey = "diagnosis.undefined-project.unrelated";

    public static SeekerDiagnosis Diagnose(SeekerProfile profile, MarketFacts market, DateOnly today)
    {
        var rules = new Func<SeekerProfile, MarketFacts, DateOnly, Outcome>[]
        {
            UndefinedProject, SkillsGap, StuckMarket, FindWhatYouLike, MissingDiploma, StartYourSearch, EnhanceInterviews,
        };
        var outcomes = rules.Select(rule => rule(profile, market, today)).ToList();

        var mainIndex = outcomes.FindIndex(o => o.Holds == true);
        var allFine = outcomes.TrueForAll(o => o.Holds == false);
        DiagnosisCategory? main = mainIndex >= 0 ? (DiagnosisCategory)mainIndex : allFine ? DiagnosisCategory.Bravo : null;

        var categories = new List<CategoryDiagnosis>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            var status = o.Holds switch
            {
                true when i == mainIndex => CategoryStatus.MainChallenge,
                true => CategoryStatus.NeedsAttention,
                false => CategoryStatus.Fine,
                null => CategoryStatus.NotEnoughData,
            };
            categories.Add(new((DiagnosisCategory)i, status, o.Reasons));
        }
        categories.Add(Bravo(main, allFine));

        return new(main, categories, Questions(outcomes, main));
    }

    private static CategoryDiagnosis Bravo(DiagnosisCategory? main, bool allFine) => main switch
    {
        DiagnosisCategory.Bravo => new(DiagnosisCategory.Bravo, CategoryStatus.MainChallenge, [TextRef.Of("diagnosis.bravo.holds")]),
        null => new(DiagnosisCategory.Bravo, CategoryStatus.NotEnoughData, [TextRef.Of("diagnosis.bravo.not-enough-data")]),
        { } other when !allFine => new(DiagnosisCategory.Bravo, CategoryStatus.Fine, [TextRef.Of("diagnosis.bravo.other-first", other.Title())]),
        _ => throw new InvalidOperationException("Unreachable: a main challenge other than bravo implies a holding rule."),
    };

    private static List<MissingAnswer> Questions(List<Outcome> outcomes, DiagnosisCategory? main)
    {
        var mainIndex = main is { } m ? (int)m : int.MaxValue;
        return outcomes
            .SelectMany((o, i) => o.Holds is null ? o.Missing.Select((field, rank) => (field, category: i, rank)) : [])
            .GroupBy(q => q.field)
            .Select(g => (
                g.Key,
                first: g.Min(q => q.category),
                rank: g.Min(q => q.rank),
                categories: g.Select(q => (DiagnosisCategory)q.category).Distinct().ToList()))
            .Select(q => (q.first, q.rank, answer: new MissingAnswer(
                q.Key,
                TextRef.Of($"question.{q.Key}"),
                q.first < mainIndex ? AnswerImpact.ChangesMainChallenge : AnswerImpact.ChangesCategory,
                q.categories)))
            // Questions that can change the main challenge first, then the earliest category, then the rule's own order.
            .OrderBy(q => q.answer.Impact)
            .ThenByDescending(q => q.answer.Categories.Count)
            .ThenBy(q => q.first)
            .ThenBy(q => q.rank)
            .Select(q => q.answer)
            .ToList();
    }

    // 1. Undefined project: no target, targets over unrelated families, or the seeker says it is not clear.
    private static Outcome UndefinedProject(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (p.TargetJobs is null)
        {
            return Outcome.Unknown([F.TargetJobs]);
        }
        if (p.TargetJobs.Count == 0)
        {
            return Outcome.Yes(TextRef.Of("diagnosis.undefined-project.no-target"));
        }
        var reasons = new List<TextRef>();
        if (p.ProjectClear == false)
        {
            reasons.Add(TextRef.Of("diagnosis.undefined-project.not-clear"));
        }
        var families = RomeFamilies(p.TargetJobs);
        if (market.TargetsSpanUnrelatedFamilies is { } unrelated)
        {
            // The caller knows the families better (ISCO, ROME): its word, without our counts.
            if (unrelated)
            {
                reasons.Add(TextRef.Of(UnrelatedTargetsKey));
            }
        }
        else if (SpansUnrelatedFamilies(families))
        {
            reasons.Add(TextRef.Of(ScatteredTargetsKey, p.TargetJobs.Count, families.Count));
        }
        if (reasons.Count > 0)
        {
            return Outcome.Yes([.. reasons]);
        }
        return p.ProjectClear is null
            ? Outcome.Unknown([F.ProjectClear])
            : Outcome.No(TextRef.Of("diagnosis.undefined-project.fine", MainTargetLabel(p)));
    }

    /// <summary>ROME sub-domains (letter + 2 digits, e.g. J15) of the targets' codes.</summary>
    internal static HashSet<string> RomeFamilies(IEnumerable<TargetJob> targets) =>
        targets.Select(t => t.RomeCode?.Trim().ToUpperInvariant())
            .Where(c => c is not null && RomeCodePattern().IsMatch(c))
            .Select(c => c![..3])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Unrelated job families: targets in different ROME domains (first letter: J health vs M support
    /// functions), or in more than two sub-domains of one domain. Two neighbouring sub-domains (J13
    /// childcare and J15 care) are a coherent project.
    /// </summary>
    internal static bool SpansUnrelatedFamilies(IReadOnlyCollection<string> families) =>
        families.Select(f => f[0]).Distinct().Count() > 1 || families.Count > 2;

    // 2. Skills gap: the seeker lacks a large share of the essential skills local offers ask for.
    private static Outcome SkillsGap(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        if (p.Skills is null)
        {
            return Outcome.Unknown([F.Skills]);
        }
        if (market.SkillsGapShare is not { } share)
        {
            return Outcome.UnknownMarket(TextRef.Of("diagnosis.no-market-data.skills"));
        }
        var percent = Math.Round(share * 100);
        if (share < SkillsGapThreshold)
        {
            return Outcome.No(TextRef.Of("diagnosis.skills-gap.fine", percent, MainTargetLabel(p)));
        }
        var reasons = new List<TextRef> { TextRef.Of("diagnosis.skills-gap.holds", percent, MainTargetLabel(p)) };
        if (market.MissingSkills.Count > 0)
        {
            reasons.Add(TextRef.Of("diagnosis.skills-gap.top-missing", market.MissingSkills.Take(3).Select(s => s.Label).ToList()));
        }
        return Outcome.Yes([.. reasons]);
    }

    // 3. Stuck market: fewer than 3 offers per 10 seekers locally (DARES, else the live index counts).
    private static Outcome StuckMarket(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        if (p.Commune is null && p.Postcode is null)
        {
            return Outcome.Unknown([F.Commune]);
        }
        if (market.EffectiveOffersPerTen is not { } perTen)
        {
            return Outcome.UnknownMarket(TextRef.Of("diagnosis.no-market-data.market"));
        }
        var area = market.AreaName ?? market.AreaCode ?? p.Commune ?? p.Postcode!;
        var reasons = new List<TextRef>
        {
            TextRef.Of(perTen < StuckMarketOffersPerTen ? "diagnosis.stuck-market.holds" : "diagnosis.stuck-market.fine", perTen, area),
        };
        if (market.OffersPerTenJobSeekers is null)
        {
            reasons.Add(TextRef.Of("diagnosis.market.live-only"));
        }
        if (market.TensionIndicator is { } tension)
        {
            reasons.Add(TextRef.Of("diagnosis.market.tension", tension));
        }
        if (market.LiveOffers is { } offers && market.LiveProfiles is { } profiles)
        {
            reasons.Add(TextRef.Of("diagnosis.market.live", offers, profiles));
        }
        if (market.RecruitmentDifficultyPercent is { } difficult)
        {
            reasons.Add(TextRef.Of("diagnosis.market.difficulty", Math.Round(difficult)));
        }
        return new(perTen < StuckMarketOffersPerTen, reasons, []);
    }

    // 4. Find what you like: new to the job, not passionate, market not easy, early in the search.
    private static Outcome FindWhatYouLike(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        var age = p.AgeOn(today);
        var young = age is { } a ? Condition.Of(a < YoungBelowAge) : Condition.Ask(F.Age);
        var junior = Condition.On(p.YearsOfExperienceInTarget, F.YearsOfExperienceInTarget, y => y < JuniorBelowYears);
        var reorienting = Condition.Of(IsReorienting(p));
        var newToJob = Condition.Any(young, junior, reorienting);
        var notPassionate = Condition.On(p.PassionateAboutTarget, F.PassionateAboutTarget, passionate => !passionate);
        var notEasy = MarketNotEasy(market);
        var early = p.SearchStarted switch
        {
            false => Condition.True,
            true => p.MonthsSearching(today) is { } months ? Condition.Of(months < EarlySearchBelowMonths) : Condition.Ask(F.SearchStartDate),
            null => Condition.Ask(F.SearchStarted),
        };

        var all = Condition.All(newToJob, notPassionate, notEasy, early);
        if (all.Value == true)
        {
            var reasons = new List<TextRef>();
            if (young.Value == true)
            {
                reasons.Add(TextRef.Of("diagnosis.find-what-you-like.young", age!.Value));
            }
            if (junior.Value == true)
            {
                reasons.Add(TextRef.Of("diagnosis.find-what-you-like.junior", p.YearsOfExperienceInTarget!.Value));
            }
            if (reorienting.Value == true)
            {
                reasons.Add(TextRef.Of("diagnosis.find-what-you-like.reorienting"));
            }
            reasons.Add(TextRef.Of("diagnosis.find-what-you-like.not-passionate", MainTargetLabel(p)));
            reasons.Add(MarketReason(market));
            return Outcome.Yes([.. reasons]);
        }
        if (all.Value == false)
        {
            var why = newToJob.Value == false ? TextRef.Of("diagnosis.find-what-you-like.experienced")
                : notPassionate.Value == false ? TextRef.Of("diagnosis.find-what-you-like.passionate")
                : notEasy.Value == false ? EasyMarketReason(market)
                : TextRef.Of("diagnosis.find-what-you-like.searching-long");
            return Outcome.No(why);
        }
        return all.Missing.Count > 0 ? Outcome.Unknown(all.Missing) : Outcome.UnknownMarket(TextRef.Of("diagnosis.no-market-data.market"));
    }

    /// <summary>Either figure decides when only one is known; with both, either being low suffices.</summary>
    private static Condition MarketNotEasy(MarketFacts market)
    {
        var byRatio = market.EffectiveOffersPerTen is { } perTen ? Condition.Of(perTen < NotEasyMarketOffersPerTen) : Condition.UnknownMarket;
        var byTension = market.TensionIndicator is { } tension ? Condition.Of(tension <= NotEasyMarketMaxTension) : Condition.UnknownMarket;
        return (byRatio.Value, byTension.Value) switch
        {
            (null, null) => Condition.UnknownMarket,
            (null, _) => byTension,
            (_, null) => byRatio,
            _ => Condition.Any(byRatio, byTension),
        };
    }

    private static TextRef EasyMarketReason(MarketFacts market) => market.EffectiveOffersPerTen is { } perTen
        ? TextRef.Of("diagnosis.find-what-you-like.easy-market", perTen)
        : TextRef.Of("diagnosis.find-what-you-like.high-tension", market.TensionIndicator ?? 0);

    private static TextRef MarketReason(MarketFacts market) => market.EffectiveOffersPerTen is { } perTen
        ? TextRef.Of("diagnosis.find-what-you-like.hard-market", perTen)
        : TextRef.Of("diagnosis.find-what-you-like.low-tension", market.TensionIndicator ?? 0);

    /// <summary>Reorienting: past jobs known by ROME code, none in a target's ROME sub-domain. Without
    /// comparable codes it is simply not counted (young and junior still are).</summary>
    internal static bool IsReorienting(SeekerProfile p)
    {
        var targets = RomeFamilies(p.TargetJobs ?? []);
        var past = RomeFamilies((p.PastJobs ?? []).Select(j => new TargetJob(RomeCode: j.RomeCode)));
        return targets.Count > 0 && past.Count > 0 && !past.Overlaps(targets);
    }

    // 5. Missing diploma: the job usually asks for a diploma the seeker lacks; not for 50+ with 10+ years
    // in the job, not for company creators.
    private static Outcome MissingDiploma(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        Condition lacks;
        TextRef? lackReason = null;
        if (market.DiplomaUsuallyRequired == false)
        {
            return Outcome.No(TextRef.Of("diagnosis.missing-diploma.not-required", MainTargetLabel(p)));
        }
        if (market.DiplomaUsuallyRequired == true && market.RequiredDiploma is { } required)
        {
            lacks = Condition.On(p.HighestDiploma, F.HighestDiploma, d => d < required);
            if (lacks.Value == false)
            {
                return Outcome.No(TextRef.Of("diagnosis.missing-diploma.has-it", Diploma(p.HighestDiploma!.Value), Diploma(required)));
            }
            lackReason = TextRef.Of("diagnosis.missing-diploma.holds", Diploma(required), Diploma(p.HighestDiploma ?? DiplomaLevel.None));
        }
        else
        {
            // The market does not tell which level: the seeker's own answer decides.
            lacks = Condition.On(p.DiplomaRequiredForTarget, F.DiplomaRequiredForTarget, r => r);
            if (lacks.Value == false)
            {
                return Outcome.No(TextRef.Of("diagnosis.missing-diploma.seeker-says-no"));
            }
            lackReason = TextRef.Of("diagnosis.missing-diploma.seeker-says-yes");
        }

        var age = p.AgeOn(today);
        var senior = Condition.All(
            age is { } a ? Condition.Of(a >= SeniorFromAge) : Condition.Ask(F.Age),
            Condition.On(p.YearsOfExperienceInTarget, F.YearsOfExperienceInTarget, y => y >= LongExperienceFromYears));
        var creator = Condition.On(p.WantsToCreateCompany, F.WantsToCreateCompany, w => w);
        var all = Condition.All(lacks, senior.Not(), creator.Not());
        return all.Value switch
        {
            true => Outcome.Yes(lackReason),
            null => Outcome.Unknown(all.Missing),
            false when creator.Value == true => Outcome.No(TextRef.Of("diagnosis.missing-diploma.creator")),
            false => Outcome.No(TextRef.Of("diagnosis.missing-diploma.experience-counts", age!.Value, p.YearsOfExperienceInTarget!.Value)),
        };
    }

    internal static TextRef Diploma(DiplomaLevel level) => TextRef.Of($"diploma.{level.ToString().ToLowerInvariant()}");

    // 6. Start your search: the search has not started.
    private static Outcome StartYourSearch(SeekerProfile p, MarketFacts market, DateOnly today) => p.SearchStarted switch
    {
        null => Outcome.Unknown([F.SearchStarted]),
        false => Outcome.Yes(TextRef.Of("diagnosis.start-your-search.holds")),
        true => p.MonthsSearching(today) is { } months
            ? Outcome.No(TextRef.Of("diagnosis.start-your-search.fine-since", months))
            : Outcome.No(TextRef.Of("diagnosis.start-your-search.fine")),
    };

    // 7. Enhance interviews: searching for at least a month with at most one interview per month of search.
    private static Outcome EnhanceInterviews(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (p.SearchStarted is null)
        {
            return Outcome.Unknown([F.SearchStarted]);
        }
        if (p.SearchStarted == false)
        {
            return Outcome.No(TextRef.Of("diagnosis.enhance-interviews.not-searching"));
        }
        var missing = new List<string>();
        if (p.SearchStartDate is null)
        {
            missing.Add(F.SearchStartDate);
        }
        if (p.InterviewsSoFar is null)
        {
            missing.Add(F.InterviewsSoFar);
        }
        if (missing.Count > 0)
        {
            return Outcome.Unknown(missing);
        }
        var months = p.MonthsSearching(today)!.Value;
        var interviews = p.InterviewsSoFar!.Value;
        if (months < 1)
        {
            return Outcome.No(TextRef.Of("diagnosis.enhance-interviews.too-early"));
        }
        return interviews <= InterviewsPerMonthAtMost * months
            ? Outcome.Yes(TextRef.Of("diagnosis.enhance-interviews.holds", interviews, months))
            : Outcome.No(TextRef.Of("diagnosis.enhance-interviews.fine", interviews, months));
    }

    private static Outcome? NoTarget(SeekerProfile p) => p.TargetJobs switch
    {
        null => Outcome.Unknown([F.TargetJobs]),
        { Count: 0 } => Outcome.UnknownMarket(TextRef.Of("diagnosis.needs-target")),
        _ => null,
    };

    internal static string MainTargetLabel(SeekerProfile p) =>
        p.TargetJobs is [var main, ..] ? main.Label ?? main.RomeCode ?? main.OccupationUri ?? "?" : "?";

    [GeneratedRegex("^[A-N][0-9]{4}$")]
    private static partial Regex RomeCodePattern();

    /// <summary>What one rule concluded: holds / does not / unknown, the reasons, the answers it waits for.</summary>
    private sealed record Outcome(bool? Holds, IReadOnlyList<TextRef> Reasons, IReadOnlyList<string> Missing)
    {
        public static Outcome Yes(params TextRef[] reasons) => new(true, reasons, []);

        public static Outcome No(params TextRef[] reasons) => new(false, reasons, []);

        public static Outcome Unknown(IReadOnlyList<string> fields) =>
            new(null, [.. fields.Select(f => TextRef.Of("diagnosis.missing-answer", TextRef.Of($"field.{f}")))], fields);

        public static Outcome UnknownMarket(TextRef reason) => new(null, [reason], []);
    }
}
