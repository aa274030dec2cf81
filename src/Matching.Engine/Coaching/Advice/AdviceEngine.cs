using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Indexing;

namespace Matching.Engine.Coaching.Advice;

/// <summary>
/// Scores every advice module 0-3 from the profile, the market facts and the diagnosis. Pure and
/// deterministic. A module that needs a missing answer stays silent (the diagnosis asks the question).
/// </summary>
public static class AdviceEngine
{
    /// <summary>The modules, in display order within a score.</summary>
    public static IReadOnlyList<AdviceModule> Modules => AdviceModules.All;

    /// <summary>The advice to show (score 1-3): highest score first, the main challenge's category first
    /// among equal scores, then the module order. For a seeker with no target job, reasons and steps say no "ce métier".</summary>
    public static IReadOnlyList<ScoredAdvice> Advise(SeekerProfile profile, MarketFacts market, SeekerDiagnosis diagnosis, DateOnly today)
    {
        var context = new AdviceContext(profile, market, diagnosis, today);
        var noTarget = profile.TargetJobs is not { Count: > 0 };
        return Modules
            .Select((module, order) => (advice: module.Score(context), order))
            .Where(a => a.advice is { Score: > 0 })
            .OrderByDescending(a => a.advice!.Score)
            .ThenBy(a => a.advice!.Category == diagnosis.MainChallenge ? 0 : 1)
            .ThenBy(a => a.order)
            .Select(a => noTarget ? WithoutTarget(a.advice!) : a.advice!)
            .ToList();
    }

    /// <summary>
    /// The advice worded for a seeker with no target job: each reason or step that has a <c>.no-target</c> wording takes it
    /// ("Listez 15 personnes … liées à ce métier" spoke of a job the seeker had not named).
    /// </summary>
    internal static ScoredAdvice WithoutTarget(ScoredAdvice advice) =>
        advice with { Reason = CoachTexts.WithoutTarget(advice.Reason), Steps = [.. advice.Steps.Select(CoachTexts.WithoutTarget)] };
}

/// <summary>An advice module: its id, the category it serves, and its scoring rule.</summary>
public sealed class AdviceModule(string id, DiagnosisCategory category, int stepCount, Func<AdviceContext, AdviceModule, ScoredAdvice?> rule)
{
    public string Id { get; } = id;

    public DiagnosisCategory Category { get; } = category;

    /// <summary>How many fixed steps (advice.{id}.step.1..n) the module has; some add computed steps.</summary>
    public int StepCount { get; } = stepCount;

    /// <summary>The advice, or null when the module stays silent (score 0).</summary>
    public ScoredAdvice? Score(AdviceContext context)
    {
        var advice = rule(context, this);
        return advice is { Score: > 0 } ? advice : null;
    }

    internal ScoredAdvice Make(int score, TextRef reason, params TextRef[] extraSteps) =>
        new(Id, Math.Clamp(score, 0, 3), Category, reason, [.. extraSteps, .. FixedSteps()]);

    internal ScoredAdvice Make(int score, TextRef reason, IEnumerable<TextRef> firstSteps) => Make(score, reason, [.. firstSteps]);

    /// <summary>The advice with exactly these steps, none of the module's fixed ones added.</summary>
    internal ScoredAdvice MakeWithSteps(int score, TextRef reason, IReadOnlyList<TextRef> steps) =>
        new(Id, Math.Clamp(score, 0, 3), Category, reason, steps);

    internal IEnumerable<TextRef> FixedSteps() => Enumerable.Range(1, StepCount).Select(n => TextRef.Of($"advice.{Id}.step.{n}"));

    internal TextRef Reason(string variant, params object[] args) => TextRef.Of($"advice.{Id}.reason.{variant}", args);
}

/// <summary>What a module reads, with the derived figures computed once.</summary>
public sealed class AdviceContext(SeekerProfile profile, MarketFacts market, SeekerDiagnosis diagnosis, DateOnly today)
{
    public SeekerProfile Profile { get; } = profile;

    public MarketFacts Market { get; } = market;

    public SeekerDiagnosis Diagnosis { get; } = diagnosis;

    public DateOnly Today { get; } = today;

    public int? Age { get; } = profile.AgeOn(today);

    public int? MonthsSearching { get; } = profile.MonthsSearching(today);

    public double? OffersPerTen { get; } = market.EffectiveOffersPerTen;

    /// <summary>The main target's ROME code: the market's (what the figures are about), else the profile's.</summary>
    public string? TargetRome { get; } = market.RomeCode ?? profile.TargetJobs?.FirstOrDefault(t => t.RomeCode is not null)?.RomeCode;

    /// <summary>True when the diagnosis found the seeker lacks the diploma (or, for a regulated job, what the law
    /// requires): one judgement, the diagnosis', never a second one here.</summary>
    public bool LacksRequiredDiploma => Diagnosis.Holds(DiagnosisCategory.MissingDiploma);

    /// <summary>The targets span unrelated families (the diagnosis' reason): training or work-study for the first of them would
    /// settle a project the seeker has not chosen yet.</summary>
    public bool ScatteredProject => Diagnosis[DiagnosisCategory.UndefinedProject].Reasons.Any(r => r.Key is DiagnosisEngine.ScatteredTargetsKey or DiagnosisEngine.UnrelatedTargetsKey);

    /// <summary>VAE can close the gap: the diploma is missing, the seeker has practised the job for a year or more,
    /// and what is required is a diploma or title (not a licence, a card or an authorisation).</summary>
    public bool VaeOpen =>
        LacksRequiredDiploma && Profile.YearsOfExperienceInTarget >= 1
        && !(Market.Regulated == true && Market.LegalRequirementByVae == false);

    /// <summary>The market is not easy: under 5 offers per 10 job seekers, or DARES tension 1-2 (unknown: false).</summary>
    public bool MarketNotEasy =>
        OffersPerTen is < DiagnosisEngine.NotEasyMarketOffersPerTen || Market.TensionIndicator is <= DiagnosisEngine.NotEasyMarketMaxTension;

    /// <summary>True when the seeker wishes contracts and every wished one passes <paramref name="test"/>.</summary>
    public bool WantsOnly(Func<ContractType, bool> test) => Profile.ContractWishes is { Count: > 0 } wishes && wishes.All(test);
}
