using System.ComponentModel;
using System.Globalization;
using Coach.Api.Caching;
using Coach.Api.Infrastructure;
using Coach.Api.Matching;
using Coach.Api.Security;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Coaching;

public sealed record SkillsGapView(double? Share, int AskedSkills, IReadOnlyList<MissingSkill> Missing);

/// <summary>What a seeker sees: what Coach understood, the diagnosis, the strategy, the gap, close jobs and offers.</summary>
public sealed record AssessmentView(
    UnderstoodTarget? Target,
    Place? Place,
    RenderedDiagnosis Diagnosis,
    IReadOnlyList<RenderedStrategy> Strategies,
    IReadOnlyList<RenderedAdvice> Advice,
    SkillsGapView? SkillsGap,
    IReadOnlyList<CloseJob> CloseJobs,
    MarketFacts Facts,
    IReadOnlyList<OfferMatchView> Matches);

/// <summary>The seeker side: diagnosis, strategy, skills gap and close jobs, stateless or for a stored profile.</summary>
public static class CoachApi
{
    public const int MaxLabelLength = 200;

    public static IEndpointRouteBuilder MapCoach(this IEndpointRouteBuilder routes)
    {
        // Trying Coach needs no account: the stateless diagnosis stores nothing.
        var coach = routes.MapGroup("/api/coach").WithTags("Coach").RequireRuntime()
            .WithAccess(Access.Public)
            .RequireRateLimiting(RateLimits.Search);
        coach.MapPost("/diagnose", Diagnose)
            .WithRequestExample("""
                {"targetJobs":[{"label":"aide soignante de nuit"}],"commune":"69383","radiusKm":25,"yearsOfExperienceInTarget":1,
                 "age":31,"highestDiploma":"cap_bep","searchStarted":true,"searchStartDate":"2026-05-01","applicationsSoFar":40,
                 "interviewsSoFar":1,"applicationsPerWeek":6,"networkStrength":1,"passionateAboutTarget":true,
                 "skills":[{"uri":"http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab","evidence":"declared"}],
                 "searchableByRecruiters":true}
                """)
            .WithSummary("Diagnosis, strategy, skills gap, close jobs and matching offers for a questionnaire sent in the body (nothing stored). Texts follow Accept-Language (French by default).");

        var profiles = routes.MapGroup("/api/profiles/{id}").WithTags("Coach").RequireRuntime()
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin));
        profiles.MapGet("/diagnosis", GetDiagnosis).WithSummary("The stored seeker's diagnosis: main challenge, every category with its status and reasons, questions that would change it.");
        profiles.MapGet("/strategy", GetStrategy).WithSummary("The stored seeker's strategies and advice (scored 0-3, with reasons and steps).");
        profiles.MapGet("/skills-gap", GetSkillsGap).WithSummary("Essential skills of the target job the seeker lacks, ranked by offers within the radius each would unlock.");
        profiles.MapGet("/close-jobs", GetCloseJobs).WithSummary("Jobs reachable with few new skills, with the skills to add and their local market.");
        return routes;
    }

    public static async Task<Results<Ok<AssessmentView>, ValidationProblem>> Diagnose(
        SeekerProfile profile, HttpContext context, MatchingRuntimeProvider provider,
        [Description("Language: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Stateless: nothing is stored, so the id is optional here.
        profile = profile with { Id = string.IsNullOrEmpty(profile.Id) ? "anonymous" : profile.Id };
        if (Validate(profile, runtime, today) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var language = MatchViews.Language(context, lang);
        var assessment = await runtime.Coach.AssessAsync(profile, today, language, cancellationToken: cancellationToken);
        return TypedResults.Ok(await ViewAsync(assessment, runtime, language, cancellationToken));
    }

    public static async Task<Results<Ok<RenderedDiagnosis>, ProblemHttpResult>> GetDiagnosis(
        string id, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var (assessment, language) = await AssessStoredAsync(id, context, access, "diagnosis", provider, lang, cancellationToken);
        return assessment is null ? ProblemResults.NotFound("profile", id) : TypedResults.Ok(assessment.Diagnosis.Localize(Culture(language)));
    }

    public static async Task<Results<Ok<StrategyView>, ProblemHttpResult>> GetStrategy(
        string id, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var (assessment, language) = await AssessStoredAsync(id, context, access, "strategy", provider, lang, cancellationToken);
        if (assessment is null)
        {
            return ProblemResults.NotFound("profile", id);
        }
        // What the seeker sees is what their adviser left: re-scored advice, hidden ones gone.
        var culture = Culture(language);
        var overrides = provider.Runtime().Reviews.ScoreOverrides(id);
        return TypedResults.Ok(new StrategyView(
            SeekerReviewSnapshot.Apply(assessment.Strategies.Localize(culture), overrides),
            SeekerReviewSnapshot.Apply(assessment.Advice.Localize(culture), overrides)));
    }

    public static async Task<Results<Ok<SkillsGapView>, ProblemHttpResult>> GetSkillsGap(
        string id, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var (assessment, _) = await AssessStoredAsync(id, context, access, "skills-gap", provider, lang, cancellationToken);
        return assessment is null ? ProblemResults.NotFound("profile", id)
            : TypedResults.Ok(Gap(assessment) ?? new SkillsGapView(null, 0, []));
    }

    public static async Task<Results<Ok<IReadOnlyList<CloseJob>>, ProblemHttpResult>> GetCloseJobs(
        string id, HttpContext context, SeekerAccess access, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var (assessment, _) = await AssessStoredAsync(id, context, access, "close-jobs", provider, lang, cancellationToken);
        return assessment is null ? ProblemResults.NotFound("profile", id) : TypedResults.Ok(assessment.CloseJobs);
    }

    /// <summary>
    /// A stored seeker: their questionnaire when they filled one in, else what the match profile
    /// says (targets, skills, place, experience): the rest of the diagnosis then asks questions.
    /// </summary>
    private static async Task<(CoachAssessment? Assessment, string Language)> AssessStoredAsync(
        string id, HttpContext context, SeekerAccess access, string resource, MatchingRuntimeProvider provider, string? lang, CancellationToken cancellationToken)
    {
        var runtime = provider.Runtime();
        var language = MatchViews.Language(context, lang);
        if (!access.TryRead(context.User, id, resource, "coaching"))
        {
            return (null, language);
        }
        var profile = runtime.Seekers.Get(id);
        if (profile is null && await runtime.Index.GetProfileAsync(id, cancellationToken) is { } document)
        {
            profile = FromDocument(document);
        }
        if (profile is null)
        {
            return (null, language);
        }
        // An unchanged profile is answered from the cache (shared by every instance through Redis when configured).
        var cache = context.RequestServices.GetRequiredService<CoachCache>();
        return (await cache.AssessmentAsync(id, language, profile,
            ct => runtime.Coach.AssessAsync(profile, DateOnly.FromDateTime(DateTime.UtcNow), language, cancellationToken: ct), cancellationToken), language);
    }

    public static SeekerProfile FromDocument(ProfileDocument document) => new()
    {
        Id = document.Id,
        TargetJobs = document.TargetOccupationUris.Select((uri, i) => new TargetJob(null, uri, document.TargetRomeCodes.ElementAtOrDefault(i))).ToList(),
        Commune = document.Place?.CommuneCode,
        RadiusKm = document.RadiusKm,
        YearsOfExperienceInTarget = document.ExperienceYears,
        ContractWishes = document.ContractWishes,
        Skills = document.Skills.Select(s => new SeekerSkill(s.SkillUri, s.Evidence)).ToList(),
        SearchableByRecruiters = document.Searchable,
    };

    /// <summary>The questionnaire's own rules, plus what needs the reference data: a place that exists, labels of sane length.</summary>
    public static Dictionary<string, string[]>? Validate(SeekerProfile profile, MatchingRuntime runtime, DateOnly today)
    {
        var errors = SeekerProfileValidator.Validate(profile, today).ToDictionary(e => e.Key, e => e.Value);
        var geography = runtime.Data.Geography;
        if (profile.Commune is { } commune && !errors.ContainsKey(ProfileFields.Commune) && (commune.Length > 10 || geography.Resolve(commune) is null))
        {
            errors[ProfileFields.Commune] = [$"Unknown commune '{Truncate(commune)}': give its INSEE code (e.g. 69383) or use postcode."];
        }
        if (profile.Postcode is { } postcode && !errors.ContainsKey(ProfileFields.Postcode) && (postcode.Length > 10 || geography.ResolvePostcode(postcode) is null))
        {
            errors[ProfileFields.Postcode] = [$"Unknown postcode '{Truncate(postcode)}'."];
        }
        for (var i = 0; i < (profile.TargetJobs?.Count ?? 0); i++)
        {
            var job = profile.TargetJobs![i];
            if (job.Label is { Length: > MaxLabelLength } && !errors.ContainsKey($"targetJobs[{i}].label"))
            {
                errors[$"targetJobs[{i}].label"] = [$"The job title is {job.Label.Length} characters long; the limit is {MaxLabelLength}."];
            }
            if (job.OccupationUri is { } uri && runtime.Data.Taxonomy.OccupationByUri(uri) is null)
            {
                errors[$"targetJobs[{i}].occupationUri"] = ["Unknown ESCO occupation URI."];
            }
        }
        for (var i = 0; i < (profile.Skills?.Count ?? 0); i++)
        {
            if (runtime.Data.Taxonomy.SkillByUri(profile.Skills![i].Uri ?? "") is null)
            {
                errors[$"skills[{i}].uri"] = ["Unknown ESCO skill URI."];
            }
        }
        return errors.Count > 0 ? errors : null;
    }

    public static async Task<AssessmentView> ViewAsync(CoachAssessment assessment, MatchingRuntime runtime, string language, CancellationToken cancellationToken)
    {
        var culture = Culture(language);
        var matches = await Profiles.OfferMatches.ViewsAsync(runtime, assessment.Matches, language, cancellationToken);
        return new AssessmentView(
            assessment.Target,
            assessment.Place,
            assessment.Diagnosis.Localize(culture),
            assessment.Strategies.Localize(culture),
            assessment.Advice.Where(a => a.Score > 0).OrderByDescending(a => a.Score).Localize(culture),
            Gap(assessment),
            assessment.CloseJobs,
            assessment.Facts,
            matches);
    }

    private static SkillsGapView? Gap(CoachAssessment assessment) =>
        assessment.SkillsGap is { } gap ? new SkillsGapView(gap.Share, gap.AskedSkills, gap.Missing) : null;

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

public sealed record StrategyView(IReadOnlyList<RenderedStrategy> Strategies, IReadOnlyList<RenderedAdvice> Advice);
