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

    /// <summary>Fewer offers of the job than this within the seeker's radius (France Travail, 21 Dec 2021) make a thin
    /// local market: stuck when the ratio is not the seeker's own area's (a région's figure says little of a small
    /// town), and a reason to commute.</summary>
    public const int FewOffersWithinRadius = 10;

    /// <summary>Find what you like: the market is "not easy" below 5 offers per 10 seekers or at DARES tension 1-2.</summary>
    public const double NotEasyMarketOffersPerTen = 5;

    public const int NotEasyMarketMaxTension = 2;

    /// <summary>Find what you like: "young" is under 25.</summary>
    public const int YoungBelowAge = 25;

    /// <summary>Find what you like: "junior" is under 2 years in the target job (0 = never did it).</summary>
    public const double JuniorBelowYears = 2;

    /// <summary>Find what you like: only for searches shorter than 2 months.</summary>
    public const int EarlySearchBelowMonths = 2;

    /// <summary>Seniors (age-as-asset advice): from 50 years old with at least 10 years in the job.</summary>
    public const int SeniorFromAge = 50;

    public const double LongExperienceFromYears = 10;

    /// <summary>Missing diploma, jobs the law does not regulate: from 2 years in the job, employers weigh the
    /// experience over the diploma (VAE remains the way to get it). Never for a regulated job.</summary>
    public const double ExperienceReplacesDiplomaFromYears = 2;

    /// <summary>Missing diploma, regulated jobs: from 1 year in the job, the seeker is taken to hold what the law
    /// requires to practise it (said in the reason; an answer "I lack it" wins).</summary>
    public const double PractisedRegulatedJobFromYears = 1;

    /// <summary>Enhance interviews: at most this many interviews per whole month of search.</summary>
    public const double InterviewsPerMonthAtMost = 1;

    internal const string ScatteredTargetsKey = "diagnosis.undefined-project.scattered";

    internal const string UnrelatedTargetsKey = "diagnosis.undefined-project.unrelated";

    /// <summary>Said first in the categories that read the target job, for a scattered project: they measure its first target only.</summary>
    internal const string FirstTargetKey = "diagnosis.first-target";

    public static SeekerDiagnosis Diagnose(SeekerProfile profile, MarketFacts market, DateOnly today)
    {
        var rules = new Func<SeekerProfile, MarketFacts, DateOnly, Outcome>[]
        {
            UndefinedProject, SkillsGap, StuckMarket, FindWhatYouLike, MissingDiploma, StartYourSearch, EnhanceInterviews,
        };
        var outcomes = rules.Select(rule => rule(profile, market, today)).ToList();

        // The first rule that holds is the main challenge. When none holds: bravo if no rule waits for an answer
        // (a rule the market data cannot decide has nothing to ask and does not stand in the way), else the
        // first rule waiting for an answer, provisionally: the seeker's answer confirms it or moves it.
        var mainIndex = outcomes.FindIndex(o => o.Holds == true);
        var waiting = outcomes.FindIndex(o => o.Holds is null && o.Missing.Count > 0);
        var allFine = mainIndex < 0 && waiting < 0;
        var provisional = mainIndex < 0 && waiting >= 0;
        DiagnosisCategory? main = mainIndex >= 0 ? (DiagnosisCategory)mainIndex
            : allFine ? DiagnosisCategory.Bravo
            : (DiagnosisCategory)waiting;

        // A scattered project is measured on its first target wherever the target job is read: said there, so that "Vous avez le
        // diplôme que ce métier demande" is not taken as true of every job the seeker named (the baker's diploma, not the nurse's).
        var scattered = outcomes[(int)DiagnosisCategory.UndefinedProject].Reasons.Any(r => r.Key is ScatteredTargetsKey or UnrelatedTargetsKey);
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
            var reasons = scattered && ReadsTheTargetJob((DiagnosisCategory)i)
                ? [TextRef.Of(FirstTargetKey, MainTargetLabel(profile)), .. o.Reasons]
                : o.Reasons;
            categories.Add(new((DiagnosisCategory)i, status, reasons) { WithoutTarget = profile.TargetJobs is not { Count: > 0 } });
        }
        categories.Add(Bravo(main, allFine, provisional, outcomes));

        return new(main, categories, Questions(outcomes, provisional ? null : main), provisional);
    }

    /// <summary>The categories measured on the target job (its skills, market, the seeker's wish for it, its diploma).</summary>
    private static bool ReadsTheTargetJob(DiagnosisCategory category) =>
        category is DiagnosisCategory.SkillsGap or DiagnosisCategory.StuckMarket or DiagnosisCategory.FindWhatYouLike or DiagnosisCategory.MissingDiploma;

    private static CategoryDiagnosis Bravo(DiagnosisCategory? main, bool allFine, bool provisional, List<Outcome> outcomes)
    {
        if (allFine)
        {
            var reasons = new List<TextRef> { TextRef.Of("diagnosis.bravo.holds") };
            if (outcomes.Any(o => o.Holds is null))
            {
                // Undecided for lack of market data only: said, since it is not the seeker's to answer.
                reasons.Add(TextRef.Of("diagnosis.bravo.without-market-data"));
            }
            return new(DiagnosisCategory.Bravo, CategoryStatus.MainChallenge, [.. reasons]);
        }
        return provisional
            ? new(DiagnosisCategory.Bravo, CategoryStatus.NotEnoughData, [TextRef.Of("diagnosis.bravo.not-enough-data")])
            : new(DiagnosisCategory.Bravo, CategoryStatus.NotYet, [TextRef.Of("diagnosis.bravo.other-first", main!.Value.Title())]);
    }

    /// <param name="main">The main challenge when one holds; null when it is provisional (every answer may change it).</param>
    private static List<MissingAnswer> Questions(List<Outcome> outcomes, DiagnosisCategory? main)
    {
        var mainIndex = main is { } m ? (int)m : int.MaxValue;
        return outcomes
            .SelectMany((o, i) => o.Holds is null ? o.Missing.Select((field, rank) => (field, category: i, rank, text: o.QuestionText(field))) : [])
            .GroupBy(q => q.field)
            .Select(g => (
                g.Key,
                first: g.Min(q => q.category),
                rank: g.Min(q => q.rank),
                text: g.OrderBy(q => q.category).First().text,
                categories: g.Select(q => (DiagnosisCategory)q.category).Distinct().ToList()))
            .Select(q => (q.first, q.rank, answer: new MissingAnswer(
                q.Key,
                q.text,
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
            : Outcome.No(TextRef.Of("diagnosis.undefined-project.fine", TargetLabels(p)));
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

    // 2. Skills gap: the seeker lacks a large share of the target job's essential skills (those local offers ask
    // for, else all of them). The seeker's skills are the ticked ones and those of their experience.
    private static Outcome SkillsGap(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        var compared = market.SeekerSkillCount ?? p.Skills?.Count;
        if (compared is null or 0)
        {
            // Nothing declared and no experience to draw skills from: the gap would be a guess (every seeker who
            // typed a job and no skill would "lack everything"), so the skills are asked for.
            return p.Skills is null
                ? Outcome.Unknown([F.Skills])
                : new(null, [TextRef.Of("diagnosis.skills-gap.no-skills"), TextRef.Of("diagnosis.missing-answer", TextRef.Of($"field.{F.Skills}"))], [F.Skills]);
        }
        if (market.SkillsGapShare is not { } share)
        {
            return Outcome.UnknownMarket(TextRef.Of("diagnosis.no-market-data.skills"));
        }
        var percent = Math.Round(share * 100);
        var local = market.SkillsGapBasis != SkillsGapBasis.JobReference;
        var reasons = new List<TextRef>();
        if (share < SkillsGapThreshold)
        {
            reasons.Add(percent == 0
                ? TextRef.Of(local ? "diagnosis.skills-gap.fine-all" : "diagnosis.skills-gap.fine-all-reference", MainTargetLabel(p))
                : TextRef.Of(local ? "diagnosis.skills-gap.fine" : "diagnosis.skills-gap.fine-reference", percent, MainTargetLabel(p)));
        }
        else
        {
            reasons.Add(TextRef.Of(local ? "diagnosis.skills-gap.holds" : "diagnosis.skills-gap.holds-reference", percent, MainTargetLabel(p)));
            if (market.MissingSkills.Count > 0)
            {
                reasons.Add(TextRef.Of(local ? "diagnosis.skills-gap.top-missing" : "diagnosis.skills-gap.top-missing-reference", market.MissingSkills.Take(3).Select(s => s.Label).ToList()));
            }
        }
        if (market.ExperienceJobs.Count > 0)
        {
            // A job practised that is also the target counts once ("développeur informatique, développeur informatique").
            reasons.Add(TextRef.Of("diagnosis.skills-gap.from-experience", market.ExperienceJobs.Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
        }
        return new(share >= SkillsGapThreshold, reasons, []);
    }

    // 3. Stuck market: fewer than 3 offers per 10 seekers (DARES 2021 for the area, else the smallest scope around
    // it with a figure; else the live index counts; else no offer at all within the radius in December 2021).
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
        var reasons = new List<TextRef>();
        bool stuck;
        if (market.EffectiveOffersPerTen is { } perTen)
        {
            stuck = perTen < StuckMarketOffersPerTen;
            reasons.Add(MarketFigure(market, perTen, stuck));
            if (!stuck && market.EffectiveScope != MarketScope.Area && market.Offers2021WithinRadius is { } nearby and < FewOffersWithinRadius)
            {
                stuck = true;
                reasons.Add(TextRef.Of("diagnosis.stuck-market.thin", TextRef.Count("offer", nearby), market.RadiusKm ?? p.RadiusKm ?? 0));
            }
        }
        else if (market.Offers2021WithinRadius is 0)
        {
            stuck = true;
            reasons.Add(TextRef.Of("diagnosis.stuck-market.none-2021", market.RadiusKm ?? p.RadiusKm ?? 0));
        }
        else
        {
            return Outcome.UnknownMarket(TextRef.Of("diagnosis.no-market-data.market"));
        }
        if (market.TensionIndicator is { } tension && market.EffectiveScope == MarketScope.Area)
        {
            reasons.Add(TextRef.Of("diagnosis.market.tension", tension));
        }
        if (market.Offers2021WithinRadius is > 0 and var offers2021 && !reasons.Any(r => r.Key == "diagnosis.stuck-market.thin"))
        {
            reasons.Add(TextRef.Of("diagnosis.market.offers-2021", TextRef.Count("offer", offers2021), market.RadiusKm ?? p.RadiusKm ?? 0));
        }
        if (market.LiveOffers is { } offers && market.LiveProfiles is { } profiles)
        {
            reasons.Add(TextRef.Of("diagnosis.market.live", TextRef.Count("offer", offers), TextRef.Count("profile", profiles)));
        }
        if (market.RecruitmentDifficultyPercent is { } difficult)
        {
            reasons.Add(TextRef.Of("diagnosis.market.difficulty", Math.Round(difficult)));
        }
        return new(stuck, reasons, []);
    }

    /// <summary>"In 2021, in the Lille employment area, 28 offers for 10 job seekers", with the scope the figure is about.</summary>
    internal static TextRef MarketFigure(MarketFacts market, double perTen, bool stuck)
    {
        var figure = TextRef.Count("offers-per-ten", perTen);
        var suffix = stuck ? ".low" : "";
        return market.EffectiveScope switch
        {
            MarketScope.Live => TextRef.Of($"diagnosis.market.figure.live{suffix}", figure),
            MarketScope.Departement => TextRef.Of($"diagnosis.market.figure.departement{suffix}", figure, market.OffersPerTenScopeName ?? "?"),
            MarketScope.Region => TextRef.Of($"diagnosis.market.figure.region{suffix}", figure, market.OffersPerTenScopeName ?? "?"),
            MarketScope.Country => TextRef.Of($"diagnosis.market.figure.country{suffix}", figure),
            _ => TextRef.Of($"diagnosis.market.figure.area{suffix}", figure, market.OffersPerTenScopeName ?? market.AreaName ?? market.AreaCode ?? "?"),
        };
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
                reasons.Add(TextRef.Of("diagnosis.find-what-you-like.junior", TextRef.Count("year", p.YearsOfExperienceInTarget!.Value)));
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
                : notEasy.Value == false ? EasyMarketReason(market, notPassionate.Value == true ? MainTargetLabel(p) : null)
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

    /// <param name="notPassionateAbout">The target, when the seeker said it does not excite them: the reason says it heard them
    /// ("Tout va bien: le marché vous est favorable" right after "Non" to "Ce métier vous passionne-t-il ?" read as unheard).</param>
    private static TextRef EasyMarketReason(MarketFacts market, string? notPassionateAbout)
    {
        object figure = market.EffectiveOffersPerTen is { } perTen ? TextRef.Count("offers-per-ten", perTen) : market.TensionIndicator ?? 0;
        var key = market.EffectiveOffersPerTen is null ? "diagnosis.find-what-you-like.high-tension" : "diagnosis.find-what-you-like.easy-market";
        return notPassionateAbout is null ? TextRef.Of(key, figure) : TextRef.Of(key + ".not-passionate", figure, notPassionateAbout);
    }

    private static TextRef MarketReason(MarketFacts market) => market.EffectiveOffersPerTen is { } perTen
        ? TextRef.Of("diagnosis.find-what-you-like.hard-market", TextRef.Count("offers-per-ten", perTen))
        : TextRef.Of("diagnosis.find-what-you-like.low-tension", market.TensionIndicator ?? 0);

    /// <summary>Reorienting: past jobs known by ROME code, none in a target's ROME sub-domain. Without
    /// comparable codes it is simply not counted (young and junior still are).</summary>
    internal static bool IsReorienting(SeekerProfile p)
    {
        var targets = RomeFamilies(p.TargetJobs ?? []);
        var past = RomeFamilies((p.PastJobs ?? []).Select(j => new TargetJob(RomeCode: j.RomeCode)));
        return targets.Count > 0 && past.Count > 0 && !past.Overlaps(targets);
    }

    /// <summary>
    /// Whether the seeker holds what the law requires of their regulated target job, as the diagnosis reads it (<see cref="MissingDiploma"/>
    /// says "No" for a regulated job): they said they have it, or they did not say and practised it <see cref="PractisedRegulatedJobFromYears"/>
    /// or more without lacking every diploma where the law asks one (then the diagnosis deduces they have it). False for a job not regulated.
    /// The skills gap and the matches count the requirement's diploma, licences and certificates as held exactly then.
    /// </summary>
    public static bool HoldsLegalRequirement(SeekerProfile p, MarketFacts market)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(market);
        return market.Regulated == true && p.DiplomaRequiredForTarget switch
        {
            false => true,
            true => false,
            null => !(p.HighestDiploma == DiplomaLevel.None && market.LegalRequirementByVae == true)
                && p.YearsOfExperienceInTarget >= PractisedRegulatedJobFromYears,
        };
    }

    // 5. Missing diploma. A regulated job (ROME 4.0) is closed to whoever lacks what the law requires: no age, no
    // experience waives it (VAE is the way). Another job usually asks for a level the seeker may lack; there the
    // seeker's own answer decides, else the ROME level against the seeker's diploma, and 2 years in the job or
    // creating one's company make the diploma secondary.
    private static Outcome MissingDiploma(SeekerProfile p, MarketFacts market, DateOnly today)
    {
        if (NoTarget(p) is { } noTarget)
        {
            return noTarget;
        }
        var years = p.YearsOfExperienceInTarget;
        if (market.Regulated == true)
        {
            var requirement = Requirement(market);
            return p.DiplomaRequiredForTarget switch
            {
                true => Outcome.Yes(TextRef.Of("diagnosis.missing-diploma.regulated-holds", requirement)),
                false => Outcome.No(TextRef.Of("diagnosis.missing-diploma.regulated-has-it", requirement)),
                // No diploma at all, and the law asks for one (a diploma or title, not a licence or a card): nothing to ask, whatever
                // the years in the job (one may work as a "faisant fonction" without it; the law still asks it to be hired as such).
                null when p.HighestDiploma == DiplomaLevel.None && market.LegalRequirementByVae == true =>
                    Outcome.Yes(TextRef.Of("diagnosis.missing-diploma.regulated-no-diploma", requirement)),
                null when years >= PractisedRegulatedJobFromYears =>
                    Outcome.No(TextRef.Of("diagnosis.missing-diploma.regulated-practised", requirement, TextRef.Count("year", years!.Value))),
                null => Outcome.Unknown(
                    years is null ? [F.DiplomaRequiredForTarget, F.YearsOfExperienceInTarget] : [F.DiplomaRequiredForTarget],
                    new Dictionary<string, TextRef> { [F.DiplomaRequiredForTarget] = TextRef.Of("question.diplomaRequiredForTarget.regulated", requirement) }),
            };
        }

        if (p.WantsToCreateCompany == true)
        {
            return Outcome.No(TextRef.Of("diagnosis.missing-diploma.creator"));
        }
        if (p.DiplomaRequiredForTarget == false)
        {
            return Outcome.No(TextRef.Of("diagnosis.missing-diploma.seeker-says-no"));
        }

        // Does the seeker lack the usual diploma? Their own "yes" first: they know the field of their diploma,
        // which the ROME level does not tell. Else the ROME level against their highest diploma.
        TextRef? lackReason = null;
        List<string> ask = [];
        if (p.DiplomaRequiredForTarget == true)
        {
            lackReason = TextRef.Of("diagnosis.missing-diploma.seeker-says-yes");
        }
        else if (market.DiplomaUsuallyRequired == false)
        {
            return Outcome.No(TextRef.Of("diagnosis.missing-diploma.not-required", MainTargetLabel(p)));
        }
        else if (market.DiplomaUsuallyRequired == true && market.RequiredDiploma is { } required)
        {
            if (p.HighestDiploma is not { } has)
            {
                ask = [F.HighestDiploma, F.DiplomaRequiredForTarget];
            }
            else if (has >= required)
            {
                return Outcome.No(TextRef.Of("diagnosis.missing-diploma.has-it", Diploma(has), Diploma(required)));
            }
            else
            {
                lackReason = TextRef.Of("diagnosis.missing-diploma.holds", Diploma(required), Diploma(has));
            }
        }
        else
        {
            ask = [F.DiplomaRequiredForTarget];
        }

        // Lacking it (or maybe): experience in a job the law does not regulate makes it secondary.
        if (years >= ExperienceReplacesDiplomaFromYears)
        {
            return Outcome.No(TextRef.Of(
                market.Regulated == false ? "diagnosis.missing-diploma.experience-counts" : "diagnosis.missing-diploma.experience-counts-unflagged",
                TextRef.Count("year", years!.Value)));
        }
        if (years is null)
        {
            ask.Add(F.YearsOfExperienceInTarget);
        }
        return lackReason is not null && ask.Count == 0 ? Outcome.Yes(lackReason) : Outcome.Unknown(ask);
    }

    /// <summary>What the law requires, in the ROME sheet's words; a generic phrase when the sheet says nothing more.</summary>
    private static TextRef Requirement(MarketFacts market) => market.LegalRequirements.Count > 0
        ? TextRef.Of("diagnosis.missing-diploma.requirement", string.Join(" ", market.LegalRequirements))
        : TextRef.Of("diagnosis.missing-diploma.requirement-unnamed");


    internal static TextRef Diploma(DiplomaLevel level) => TextRef.Of($"diploma.{level.ToString().ToLowerInvariant()}");

    // 6. Start your search: the search has not started.
    private static Outcome StartYourSearch(SeekerProfile p, MarketFacts market, DateOnly today) => p.SearchStarted switch
    {
        null => Outcome.Unknown([F.SearchStarted]),
        false => Outcome.Yes(TextRef.Of("diagnosis.start-your-search.holds")),
        true => p.MonthsSearching(today) is { } months
            ? Outcome.No(months == 0 ? TextRef.Of("diagnosis.start-your-search.fine-new") : TextRef.Of("diagnosis.start-your-search.fine-since", TextRef.Count("month", months)))
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
        var perMonth = (double)interviews / months;
        var counts = new object[] { TextRef.Count("interview", interviews), TextRef.Count("month", months), perMonth };
        if (interviews == 0)
        {
            return Outcome.Yes(TextRef.Of("diagnosis.enhance-interviews.none", counts[1]));
        }
        return perMonth <= InterviewsPerMonthAtMost
            ? Outcome.Yes(TextRef.Of(perMonth < InterviewsPerMonthAtMost ? "diagnosis.enhance-interviews.holds" : "diagnosis.enhance-interviews.one-a-month", counts))
            : Outcome.No(TextRef.Of("diagnosis.enhance-interviews.fine", counts));
    }

    private static Outcome? NoTarget(SeekerProfile p) => p.TargetJobs switch
    {
        null => Outcome.Unknown([F.TargetJobs]),
        { Count: 0 } => Outcome.UnknownMarket(TextRef.Of("diagnosis.needs-target")),
        _ => null,
    };

    /// <summary>Every target as the seeker named it, once each: a project of two jobs is said as two.</summary>
    internal static IReadOnlyList<string> TargetLabels(SeekerProfile p) =>
        [.. (p.TargetJobs ?? []).Select(t => t.Label ?? t.RomeCode ?? t.OccupationUri).OfType<string>().Where(l => l.Trim().Length > 0)
            .Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).DefaultIfEmpty("?")];

    internal static string MainTargetLabel(SeekerProfile p) =>
        p.TargetJobs is [var main, ..] ? main.Label ?? main.RomeCode ?? main.OccupationUri ?? "?" : "?";

    [GeneratedRegex("^[A-N][0-9]{4}$")]
    private static partial Regex RomeCodePattern();

    /// <summary>What one rule concluded: holds / does not / unknown, the reasons, the answers it waits for.</summary>
    /// <param name="Questions">A question worded for this rule's case (a regulated job names what it requires), by field.</param>
    private sealed record Outcome(bool? Holds, IReadOnlyList<TextRef> Reasons, IReadOnlyList<string> Missing, IReadOnlyDictionary<string, TextRef>? Questions = null)
    {
        public TextRef QuestionText(string field) =>
            Questions?.GetValueOrDefault(field) ?? TextRef.Of($"question.{field}");

        public static Outcome Yes(params TextRef[] reasons) => new(true, reasons, []);

        public static Outcome No(params TextRef[] reasons) => new(false, reasons, []);

        public static Outcome Unknown(IReadOnlyList<string> fields, IReadOnlyDictionary<string, TextRef>? questions = null) =>
            new(null, [.. fields.Select(f => TextRef.Of("diagnosis.missing-answer", TextRef.Of($"field.{f}")))], fields, questions);

        public static Outcome UnknownMarket(TextRef reason) => new(null, [reason], []);
    }
}
